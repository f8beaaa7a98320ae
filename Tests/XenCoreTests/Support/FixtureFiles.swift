import ConfigParser
import Foundation

/// One config file of Fixtures/ with its `# vars:` line, read through our parser and the
/// DomainConfig builder the way `xm create` reads it. (ConfigParserTests has its own loader for
/// the `# expect:` lines; test targets cannot share code.)
struct FixtureFile: CustomStringConvertible, Sendable {
    let path: String
    let text: String
    let variables: [(name: String, value: String)]

    var name: String { URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }
    var folder: String { URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent }
    var description: String { "\(folder)/\(name).cfg" }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static func all(in folder: String) -> [FixtureFile] {
        let dir = root + "/" + folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".cfg") }.sorted().map { load(dir + "/" + $0) }
    }

    static var everything: [FixtureFile] { all(in: "valid") + all(in: "invalid") }

    static func load(_ path: String) -> FixtureFile {
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        var variables: [(name: String, value: String)] = []
        for line in text.split(separator: "\n") where line.hasPrefix("# vars:") {
            for word in line.dropFirst("# vars:".count).split(whereSeparator: { $0 == " " || $0 == "\r" }) {
                let parts = word.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { variables.append((String(parts[0]), String(parts[1]))) }
            }
        }
        return FixtureFile(path: path, text: text, variables: variables)
    }

    /// The file as `xm create` reads it: the parser, then the DomainConfig builder.
    func read() -> (file: ConfigFile, config: DomainConfig, diagnostics: Diagnostics) {
        // Relative path in messages so that golden files do not depend on the checkout's location.
        let source = SourceFile(path: "\(folder)/\(name).cfg", text: text)
        let (file, parsed) = VMConfigParser.parse(source, variables: variables)
        var diagnostics = parsed
        let config = DomainConfig.build(from: file, diagnostics: &diagnostics)
        return (file, config, diagnostics)
    }
}
