import Glibc

/// A terminal switched to raw mode for the length of a console session: every key, Ctrl-C and
/// Ctrl-] included, goes to the relay instead of the line discipline, and the guest's own
/// terminal handling (echo, line editing) is what the user sees. `restore()` puts the saved
/// settings back; it is safe to call more than once.
public final class RawTerminal {
    public let fd: Int32
    private var saved: termios
    private var active: Bool

    /// nil when `fd` is not a terminal (a pipe or a file): nothing to switch.
    public init?(fd: Int32) {
        var attributes = termios()
        guard isatty(fd) == 1, tcgetattr(fd, &attributes) == 0 else { return nil }
        self.fd = fd
        saved = attributes
        cfmakeraw(&attributes)
        // Like xenconsole: a failure to switch is not fatal, the session just stays cooked.
        active = tcsetattr(fd, TCSANOW, &attributes) == 0
    }

    public func restore() {
        guard active else { return }
        active = false
        _ = tcsetattr(fd, TCSANOW, &saved)
    }

    deinit { restore() }
}
