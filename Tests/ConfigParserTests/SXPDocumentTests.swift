import ConfigParser
import Testing

@Suite struct SXPDocumentTests {
    @Test func xendsOwnExampleReads() throws {
        let text = """
            # -*- sh -*-
            #(xend-http-server no)
            (xend-relocation-server yes)
            (xend-relocation-port 8002)
            (xend-relocation-hosts-allow '^localhost$ ^localhost\\\\.localdomain$')
            (network-script 'network-bridge netdev=eth0')   # a comment after a form
            (dom0-min-mem 256)
            (vnc-listen "0.0.0.0")
            """
        let document = try SXPDocument(SourceFile(path: "xend-config.sxp", text: text))
        let settings = Dictionary(
            uniqueKeysWithValues: document.settings.map { ($0.name, $0.values.compactMap(\.text)) })
        #expect(settings["xend-relocation-server"] == ["yes"])
        #expect(settings["xend-relocation-hosts-allow"] == [#"^localhost$ ^localhost\.localdomain$"#])
        #expect(settings["network-script"] == ["network-bridge netdev=eth0"])
        #expect(settings["vnc-listen"] == ["0.0.0.0"])
        #expect(settings["xend-http-server"] == nil)  // commented out
        #expect(
            document.settings.first { $0.name == "xend-relocation-port" }?.values.first?.range.start
                == ConfigParser.SourceLocation(line: 4, column: 23))
    }

    @Test func nestedListsAndEscapesFollowPython() throws {
        let document = try SXPDocument(SourceFile(path: "f", text: #"(a (b 'x\ty' "q\"q" 'keep\d') c)"#))
        guard case .list(let items, _) = document.forms[0], case .list(let inner, _) = items[1] else {
            Issue.record("not a nested list")
            return
        }
        #expect(items.compactMap(\.text) == ["a", "c"])
        #expect(inner.compactMap(\.text) == ["b", "x\ty", "q\"q", #"keep\d"#])
    }

    static let mistakes: [(String, String, ConfigParser.SourceLocation)] = [
        ("(xend-relocation-port 8002\n", "this '(' is never closed", ConfigParser.SourceLocation(line: 1, column: 1)),
        ("(a 1)\n)\n", "unexpected ')': no list is open here", ConfigParser.SourceLocation(line: 2, column: 1)),
        (
            "(a 'open\n", "this string is never closed (no ' before the end of the file)",
            ConfigParser.SourceLocation(line: 1, column: 4)
        ),
    ]

    @Test(arguments: mistakes)
    func aMistakeIsReportedAtItsLineAndColumn(text: String, message: String, at location: ConfigParser.SourceLocation) {
        #expect(throws: Diagnostic.error(message, at: SourceRange(at: location))) {
            try SXPDocument(SourceFile(path: "f", text: text))
        }
    }

    @Test func deepNestingIsRefusedNotRecursedInto() {
        let text = String(repeating: "(", count: 10_000)
        #expect(throws: Diagnostic.self) { try SXPDocument(SourceFile(path: "f", text: text)) }
    }
}
