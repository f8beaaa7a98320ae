/// One key a vm.cfg may set: which dialect it comes from, the value shapes it takes, and how xl
/// (Xen 4.17's tools/xl/xl_parse.c) treats it compared with xm.
public struct ConfigKey: Sendable, Hashable {
    /// The value shapes a key accepts. xl's own lexer has no types (every scalar is a string that
    /// it converts with strtol); these are the shapes that mean something for the key.
    public enum Shape: String, Sendable, Hashable {
        /// An integer; a numeric string (`'512'`) is accepted, as both xm and xl did.
        case int
        /// 0/1, True/False (and xm's 'yes'/'no', with a warning).
        case bool
        case string
        /// A list of strings (device specs and the like).
        case stringList
        /// A string or a list of strings (`serial`, `usbdevice`, `cpus`...).
        case stringOrList
        /// An integer or a name (`timer_mode`, `tsc_mode`, `viridian`...).
        case intOrName
    }

    public enum Origin: String, Sendable, Hashable {
        /// xm's create.py only.
        case xm
        /// xl.cfg(5) only.
        case xl
        /// Both toolstacks.
        case both
        /// Oracle VM Manager / xend bookkeeping that means nothing to a hypervisor toolstack.
        case oracle
    }

    /// How xl 4.17 treats the key. Every case but `same` produces a warning when the key is set.
    public enum XLTreatment: Sendable, Hashable {
        /// Read as xm read it (value-dependent differences are checked by the builder).
        case same
        /// xl does not read it; the text says why or what to use instead.
        case ignored(String)
        /// xl reads it only for HVM guests.
        case hvmOnly
        /// xl reads it, but this toolstack does not apply it yet.
        case notApplied
    }

    public let name: String
    public let shape: Shape
    public let origin: Origin
    public let xl: XLTreatment
    /// One line for `xm create --help-config` and the man page.
    public let summary: String

    public init(_ name: String, _ shape: Shape, _ origin: Origin, _ xl: XLTreatment = .same, _ summary: String) {
        self.name = name
        self.shape = shape
        self.origin = origin
        self.xl = xl
        self.summary = summary
    }
}
