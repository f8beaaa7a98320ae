import ConfigParser
import FixtureCorpus
import Foundation
import Testing

/// One file of Fixtures/ with the expectations written in its header comments
/// (`# vars: a=1 b=x`, `# expect: error|warning LINE:COL substring`).
struct Fixture: CustomTestStringConvertible, Sendable {
    struct Expectation: Sendable {
        var severity: Severity
        var line: Int
        var column: Int
        var substring: String
    }

    let path: String
    let text: String
    let variables: [(name: String, value: String)]
    let expectations: [Expectation]
    var name: String { (path as NSString).lastPathComponent }
    var testDescription: String { name }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static func all(in folder: String) -> [Fixture] {
        FixtureCorpus.files(in: root + "/" + folder).map { load($0.path, $0.text) }
    }

    static func load(_ path: String, _ text: String) -> Fixture {
        var expectations: [Expectation] = []
        for line in text.split(separator: "\n") where line.hasPrefix("# expect:") {
            let words = line.dropFirst(9).split(separator: " ", maxSplits: 2)
            guard words.count == 3 else { continue }
            let lc = words[1].split(separator: ":")
            expectations.append(
                Expectation(
                    severity: words[0] == "warning" ? .warning : .error,
                    line: Int(lc[0]) ?? 0, column: Int(lc[1]) ?? 0,
                    substring: String(words[2]).trimmingCharacters(in: .whitespaces).lowercased()))
        }
        return Fixture(path: path, text: text, variables: FixtureCorpus.variables(in: text), expectations: expectations)
    }

    func check() -> (ConfigFile, DomainConfig, Diagnostics) {
        let (file, parsed) = VMConfigParser.parse(SourceFile(path: path, text: text), variables: variables)
        var diagnostics = parsed
        let config = DomainConfig.build(from: file, diagnostics: &diagnostics)
        return (file, config, diagnostics)
    }
}

private func matches(_ d: Diagnostic, _ e: Fixture.Expectation) -> Bool {
    d.severity == e.severity && d.range.start.line == e.line && d.range.start.column == e.column
        && (d.message.lowercased().contains(e.substring) || (d.hint ?? "").lowercased().contains(e.substring))
}

@Suite struct FixtureCorpusChecks {
    static let valid = Fixture.all(in: "valid")
    static let invalid = Fixture.all(in: "invalid")

    @Test func corpusIsLargeEnough() {
        #expect(Self.valid.count + Self.invalid.count >= 30)
        #expect(Self.invalid.count >= 10)
        #expect(Self.invalid.allSatisfy { !$0.expectations.isEmpty }, "every bad input names its diagnostic")
    }

    @Test(arguments: valid)
    func validFileHasNoErrorsAndItsWarnings(_ fixture: Fixture) {
        let (file, _, diagnostics) = fixture.check()
        let rendered = diagnostics.errors.map { $0.rendered(in: file.source) }.joined(separator: "\n")
        #expect(!diagnostics.hasErrors, "\(rendered)")
        for e in fixture.expectations {
            #expect(
                diagnostics.items.contains { matches($0, e) },
                "expected \(e.severity) at \(e.line):\(e.column) containing '\(e.substring)'; got \(diagnostics.items)")
        }
    }

    @Test(arguments: invalid)
    func invalidFileGivesExactlyItsErrors(_ fixture: Fixture) {
        let (_, _, diagnostics) = fixture.check()
        #expect(diagnostics.hasErrors)
        for e in fixture.expectations {
            #expect(
                diagnostics.items.contains { matches($0, e) },
                "expected \(e.severity) at \(e.line):\(e.column) containing '\(e.substring)'; got \(diagnostics.items)")
        }
        // No error that the fixture does not announce: one mistake, one message.
        for d in diagnostics.errors {
            #expect(fixture.expectations.contains { matches(d, $0) }, "unexpected error \(d)")
        }
    }
}
