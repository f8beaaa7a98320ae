import ConfigParser
import FixtureCorpus
import Foundation

/// One config file of Fixtures/ with its `# vars:` line, read through our parser and the
/// DomainConfig builder the way `xm create` reads it.
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
        FixtureCorpus.files(in: root + "/" + folder).map {
            FixtureFile(path: $0.path, text: $0.text, variables: FixtureCorpus.variables(in: $0.text))
        }
    }

    static var everything: [FixtureFile] { all(in: "valid") + all(in: "invalid") }

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
