extension DomainConfig {
    /// Turns a parsed vm.cfg into the typed configuration. Problems go to `diagnostics`, each at
    /// the key or value (or list element) it is about; the returned config holds whatever could be
    /// read, and is meant for use only when `diagnostics.hasErrors` is false.
    public static func build(from file: ConfigFile, diagnostics: inout Diagnostics) -> DomainConfig {
        DomainConfigBuilder.build(from: file, diagnostics: &diagnostics)
    }
}

/// Reads every key of a ConfigFile into a DomainConfig, section by section (the `Builder+*`
/// files), warning where xl would read the file differently from xm.
public struct DomainConfigBuilder {
    let file: ConfigFile
    var config = DomainConfig()
    var diagnostics = Diagnostics()
    /// Keys whose value already has an error from the parser: their value is whatever the parser
    /// recovered with, so checking it would only add a follow-on error.
    var poisoned: Set<String> = []
    /// The parser gave up on some statement: a key that seems missing may be in it, so nothing is
    /// reported as missing (the syntax error is the one to fix first).
    var parseFailed = false
    /// For each of `file.settings`, its index in `ConfigKeyTable.all`, or -1 for a name that is no key.
    let settingKeys: [Int]

    public static func build(from file: ConfigFile, diagnostics: inout Diagnostics) -> DomainConfig {
        var builder = DomainConfigBuilder(file: file)
        builder.poisoned = poisonedNames(in: file, given: diagnostics)
        builder.parseFailed = diagnostics.hasErrors
        builder.diagnostics = diagnostics
        builder.run()
        diagnostics = builder.diagnostics
        // Moved out rather than copied: a copy retains each of the config's ~60 fields only for
        // the builder to release them (2% of parse+validate in xm-bench).
        var config = DomainConfig()
        swap(&config, &builder.config)
        return config
    }

    init(file: ConfigFile) {
        self.file = file
        settingKeys = file.settings.map { ConfigKeyTable.index(of: $0.name) ?? -1 }
    }

    mutating func run() {
        buildType()  // first: which keys apply depends on it
        checkKeys()
        buildIdentity()
        buildResources()
        buildBoot()
        buildLifecycle()
        buildDevices()
        buildPlatform()
        buildDisplay()
        buildDeviceModel()
        buildOracle()
    }

    var isHVM: Bool { config.type == .hvm }

    // MARK: lookups

    /// The value of `key`, or nil when unset or None (xm skipped None values).
    @inline(__always)  // called ~70 times per file from mutating code: not inlined, it copied the whole builder
    func value(_ key: String) -> ConfigValue? {
        // The poisoned set last: most keys are absent, found so without hashing the key.
        guard let v = file.value(key), !v.isNone, poisoned.isEmpty || !poisoned.contains(key) else { return nil }
        return v
    }

    static func poisonedNames(in file: ConfigFile, given diagnostics: Diagnostics) -> Set<String> {
        // Most files come without errors: asked first, no array of them is built.
        guard diagnostics.hasErrors else { return [] }
        let errors = diagnostics.errors.map(\.range.start)
        var names: Set<String> = []
        for setting in file.settings where !setting.value.range.isCommandLine {
            let r = setting.value.range
            if errors.contains(where: { $0 >= r.start && $0 <= r.end }) { names.insert(setting.name) }
        }
        return names
    }

    /// Whether any of `keys` is set. A loop, inlined: a closure over `self` (`contains(where:)`)
    /// copied the whole builder, ~900 bytes, at every call.
    @inline(__always)
    func anySet(_ keys: [String]) -> Bool {
        for key in keys where value(key) != nil { return true }
        return false
    }

    func nameRange(_ key: String) -> SourceRange { file[key]?.nameRange ?? .commandLine }

    @inline(__always)  // most keys are unset: the test is cheaper than the call
    mutating func int(_ key: String) -> Int? {
        guard let v = value(key) else { return nil }
        return ValueReader(key: key).int(v, &diagnostics)
    }

    @inline(__always)
    mutating func bool(_ key: String) -> Bool? {
        guard let v = value(key) else { return nil }
        return ValueReader(key: key).bool(v, &diagnostics)
    }

    @inline(__always)
    mutating func string(_ key: String) -> String? {
        guard let v = value(key) else { return nil }
        return ValueReader(key: key).string(v, &diagnostics)
    }

    @inline(__always)
    mutating func stringList(_ key: String, allowSingle: Bool = false) -> [(text: String, range: SourceRange)]? {
        guard let v = value(key) else { return nil }
        return ValueReader(key: key).stringList(v, &diagnostics, allowSingle: allowSingle)
    }

    /// An integer at least `minimum`, or an error at the value.
    @inline(__always)
    mutating func int(_ key: String, atLeast minimum: Int, unit: String = "") -> Int? {
        guard let n = int(key) else { return nil }
        if n < minimum {
            diagnostics.error("'\(key)' must be at least \(minimum)\(unit), found \(n)", at: value(key)!.range)
            return nil
        }
        return n
    }

    /// Something the user may want to know that is neither wrong nor risky.
    mutating func note(_ message: String, at range: SourceRange) {
        diagnostics.append(Diagnostic(.note, message, at: range))
    }

    mutating func warn(_ message: String, at range: SourceRange, hint: String? = nil) {
        diagnostics.warning(message, at: range, hint: hint)
    }

    mutating func error(_ message: String, at range: SourceRange, hint: String? = nil) {
        diagnostics.error(message, at: range, hint: hint)
    }

    /// Where a diagnostic about the file as a whole goes: its first line.
    var fileStart: SourceRange { SourceRange(at: SourceLocation(line: 1, column: 1)) }
}
