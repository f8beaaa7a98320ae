import ConfigParser

/// A config file read, parsed, evaluated and typed: everything `xm create` and `xm check` need,
/// with every diagnostic found on the way.
public struct LoadedConfig: Sendable {
    public let file: ConfigFile
    public let config: DomainConfig
    public let diagnostics: Diagnostics
    public var source: SourceFile { file.source }
    public var isValid: Bool { !diagnostics.hasErrors }
}

/// Finds and reads domain config files the way xm did.
public enum ConfigLoader {
    /// xm's default `--path`: the current directory, then /etc/xen.
    public static let defaultSearchPath = [".", "/etc/xen"]

    /// A name with a `/` is a path; a bare name is looked up in each search directory in turn.
    public static func resolve(_ name: String, searchPath: [String] = defaultSearchPath) throws -> String {
        if name.contains("/") {
            guard Files.kind(of: name) != nil else { throw XenError.configNotFound(name, searched: []) }
            return name
        }
        for dir in searchPath where !dir.isEmpty {
            let candidate = dir == "." ? name : (dir.hasSuffix("/") ? dir + name : dir + "/" + name)
            if let kind = Files.kind(of: candidate), kind != .directory { return candidate }
        }
        throw XenError.configNotFound(name, searched: searchPath)
    }

    /// Reads and checks a file found on the search path.
    public static func load(
        _ name: String, searchPath: [String] = defaultSearchPath,
        variables: [(name: String, value: String)] = []
    ) throws -> LoadedConfig {
        let (path, text) = try read(name, searchPath: searchPath)
        return load(text: text, path: path, variables: variables)
    }

    /// A config file found on the search path, and its text.
    static func read(_ name: String, searchPath: [String]) throws -> (path: String, text: String) {
        let path = try resolve(name, searchPath: searchPath)
        do {
            let bytes = try Files.readInput(path)
            // Python 2 read bytes; a stray Latin-1 byte in a comment must not lose the whole file.
            return (path, String(decoding: bytes, as: UTF8.self))
        } catch {
            throw XenError.configUnreadable(path: DisplayText.escaped(path), reason: error.description)
        }
    }

    /// Checks text already in memory (tests, benchmarks, stdin).
    public static func load(text: String, path: String, variables: [(name: String, value: String)] = []) -> LoadedConfig
    {
        let (file, parseDiagnostics) = VMConfigParser.parse(
            SourceFile(path: path, text: text), variables: variables, isOption: { ConfigKeyTable.key($0) != nil })
        var diagnostics = parseDiagnostics
        let config = DomainConfig.build(from: file, diagnostics: &diagnostics)
        if !diagnostics.hasErrors { checkForLibxl(config, file: file, diagnostics: &diagnostics) }
        return LoadedConfig(file: file, config: config, diagnostics: diagnostics)
    }

    /// The checks libxl's domain configuration makes (xl's, as it fills the structure), run on
    /// every load so that `xm check` refuses whatever `xm create` would. The finding is placed at
    /// the key's value in the file.
    static func checkForLibxl(_ config: DomainConfig, file: ConfigFile, diagnostics: inout Diagnostics) {
        do {
            _ = try LibxlDomainConfig(config)
        } catch {
            let setting = error.key.flatMap { key in file.settings.last { $0.name == key } }
            diagnostics.error(error.description, at: setting?.value.range ?? SourceRange(at: .init(line: 1, column: 1)))
        }
    }
}

extension LibxlError {
    /// The vm.cfg key a finding is about, where it names one.
    var key: String? {
        switch self {
        case .invalidValue(let key, _, _): return key
        case .maxvcpusBelowVcpus: return "maxvcpus"
        case .nothingToBoot: return "kernel"
        case .outOfMemory, .jsonConversionFailed: return nil
        }
    }
}
