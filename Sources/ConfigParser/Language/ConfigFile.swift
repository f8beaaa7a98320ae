/// One `key = value` statement of a config file, after evaluation.
public struct Assignment: Sendable, Hashable {
    public var name: String
    public var nameRange: SourceRange
    public var value: ConfigValue
    public init(name: String, nameRange: SourceRange, value: ConfigValue) {
        self.name = name
        self.nameRange = nameRange
        self.value = value
    }
}

/// A parsed and evaluated vm.cfg: the settings xm would have found in the Python globals after
/// `execfile`, in the order they were first set.
public struct ConfigFile: Sendable {
    public let source: SourceFile
    /// Every assignment in file order, including re-assignments of one name.
    public var assignments: [Assignment]
    /// `name=value` words from the command line, already typed (a number reads as a number).
    public var variables: [String: ConfigValue]
    /// The final value of every name, by xm's rules (opts.py): a command-line word that names an
    /// option wins over the file's assignment (xm marked the option "specified" and skipped the
    /// file's value); any other word is a variable the file may read and assign, and the file's
    /// assignment wins; a word the file never assigns still sets the option of that name.
    public private(set) var settings: [Assignment]
    /// Names read by some expression in the file (`disk = [repo + '/System.img']` reads `repo`):
    /// such names are the file's helpers, not options.
    public var referencedNames: Set<String> = []
    /// `NameSignature` of each setting's name, scanned to find a name (see `settingIndex`).
    private var signatures: [UInt32]
    /// One bit per signature (a 64-bit Bloom filter): the builder asks for ~70 keys of which a
    /// file sets ~15, and most of the others are ruled out by this one test.
    private var signatureBits: UInt64 = 0
    /// For a file with very many settings, where the scan would be slow: name to settings index.
    private var largeIndex: [String: Int]?

    /// Beyond this many settings a name is found through a dictionary rather than a scan.
    private static let scanLimit = 64

    public init(
        source: SourceFile, assignments: [Assignment], variables: [String: ConfigValue] = [:],
        variableOrder: [String] = [], commandLineOptions: Set<String> = [], referencedNames: Set<String> = []
    ) {
        self.source = source
        self.assignments = assignments
        self.variables = variables
        self.referencedNames = referencedNames
        settings = []
        signatures = []
        if assignments.count <= Self.scanLimit, variableOrder.isEmpty, let sigs = Self.distinctSignatures(assignments) {
            // The usual file: every name assigned once, no command-line variables. The settings
            // are the assignments, sharing their storage instead of copying each one.
            settings = assignments
            signatures = sigs
            for sig in sigs { signatureBits |= Self.bit(sig) }
            return
        }
        settings.reserveCapacity(assignments.count + variableOrder.count)
        signatures.reserveCapacity(assignments.count + variableOrder.count)
        for a in assignments {
            let sig = NameSignature.of(a.name)
            if let i = settingIndex(a.name, signature: sig) { settings[i] = a } else { add(a, sig) }
        }
        for name in variableOrder {
            guard let v = variables[name] else { continue }
            let sig = NameSignature.of(name)
            let fromCommandLine = Assignment(name: name, nameRange: .commandLine, value: v)
            if let i = settingIndex(name, signature: sig) {
                if commandLineOptions.contains(name) { settings[i] = fromCommandLine }
            } else {
                add(fromCommandLine, sig)
            }
        }
    }

    /// The signatures of the assignments' names, or nil when a name is assigned more than once.
    private static func distinctSignatures(_ assignments: [Assignment]) -> [UInt32]? {
        var sigs: [UInt32] = []
        sigs.reserveCapacity(assignments.count)
        var bits: UInt64 = 0
        for i in assignments.indices {
            let sig = NameSignature.of(assignments[i].name)
            if bits & bit(sig) != 0 {
                for j in sigs.indices where sigs[j] == sig && assignments[j].name == assignments[i].name { return nil }
            }
            bits |= bit(sig)
            sigs.append(sig)
        }
        return sigs
    }

    private mutating func add(_ a: Assignment, _ signature: UInt32) {
        if settings.count == Self.scanLimit {
            largeIndex = Dictionary(settings.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        }
        largeIndex?[a.name] = settings.count
        settings.append(a)
        signatures.append(signature)
        signatureBits |= Self.bit(signature)
    }

    @inline(__always)
    private static func bit(_ signature: UInt32) -> UInt64 {
        1 << NameSignature.slot(signature, bits: 6)  // one of 64 bits
    }

    /// Where `name` is in `settings`. Inlined: the builder asks for ~70 names per file, most of
    /// them absent, which the filter tells in a few instructions, less than a call costs.
    @inline(__always)
    func settingIndex(_ name: String) -> Int? {
        let signature = NameSignature.of(name)
        guard largeIndex != nil || signatureBits & Self.bit(signature) != 0 else { return nil }
        return settingIndex(name, signature: signature)
    }

    private func settingIndex(_ name: String, signature: UInt32) -> Int? {
        if let largeIndex { return largeIndex[name] }
        guard signatureBits & Self.bit(signature) != 0 else { return nil }
        return signatures.withUnsafeBufferPointer { sigs in
            for i in sigs.indices where sigs[i] == signature && settings[i].name == name { return i }
            return nil
        }
    }

    public subscript(name: String) -> Assignment? {
        settingIndex(name).map { settings[$0] }
    }
    @inline(__always)  // see settingIndex
    public func value(_ name: String) -> ConfigValue? { settingIndex(name).map { settings[$0].value } }
    public var names: [String] { settings.map(\.name) }
}
