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
        // Python 2 read bytes; a stray Latin-1 byte in a comment must not lose the whole file.
        guard let text = Files.readText(path) else {
            throw XenError.configUnreadable("Cannot read config file \"\(path)\"")
        }
        return (path, text)
    }

    /// Checks text already in memory (tests, benchmarks, stdin).
    public static func load(text: String, path: String, variables: [(name: String, value: String)] = []) -> LoadedConfig
    {
        let (file, parseDiagnostics) = VMConfigParser.parse(SourceFile(path: path, text: text), variables: variables)
        var diagnostics = parseDiagnostics
        let config = DomainConfig.build(from: file, diagnostics: &diagnostics)
        return LoadedConfig(file: file, config: config, diagnostics: diagnostics)
    }
}
