import ConfigParser
import Foundation
import Testing
import XenCore

/// `xm create --dryrun` over every valid fixture: our parser, the DomainConfig builder and the
/// libxl mapping, compared with Fixtures/golden/<name>.json. `XM_UPDATE_GOLDEN=1 swift test`
/// rewrites the golden files instead; read their diff before committing it.
///
/// A golden file holds the warnings (position and text; no caret lines) and the libxl domain
/// configuration exactly as libxl_domain_config_to_json printed it, re-indented one level. UUIDs
/// are not generated (xl gives a domain without one a random uuid) so the output is stable.
@Suite("golden dry run over Fixtures/valid")
struct GoldenDryRunTests {
    static let fixtures = FixtureFile.all(in: "valid")
    static let updating = ProcessInfo.processInfo.environment["XM_UPDATE_GOLDEN"] == "1"

    @Test func thereAreFixtures() {
        #expect(Self.fixtures.count >= 20)
    }

    @Test(arguments: fixtures)
    func dryRunMatchesGolden(_ fixture: FixtureFile) throws {
        let (file, config, diagnostics) = fixture.read()
        let errors = diagnostics.errors.map { $0.rendered(in: file.source) }
        #expect(errors.isEmpty, "a valid fixture has errors:\n\(errors.joined(separator: "\n"))")
        guard errors.isEmpty else { return }

        let json = try LibxlJSON.render(config, options: .init(generateUUID: false))
        let warnings = diagnostics.sorted.filter { $0.severity == .warning }
        let actual = GoldenFile.render(warnings: warnings, libxlJSON: json)
        let goldenPath = FixtureFile.root + "/golden/\(fixture.name).json"

        if Self.updating {
            try FileManager.default.createDirectory(
                atPath: FixtureFile.root + "/golden", withIntermediateDirectories: true)
            try actual.write(toFile: goldenPath, atomically: true, encoding: .utf8)
            return
        }
        guard
            let expected = FileManager.default.contents(atPath: goldenPath).map({ String(decoding: $0, as: UTF8.self) })
        else {
            Issue.record("no golden file \(goldenPath): run XM_UPDATE_GOLDEN=1 swift test and review it")
            return
        }
        #expect(
            actual == expected,
            "dry run of \(fixture) differs from its golden file:\n\(GoldenFile.firstDifference(actual, expected))")
    }
}

enum GoldenFile {
    static func render(warnings: [Diagnostic], libxlJSON: String) -> String {
        var out = "{\n    \"warnings\": ["
        let lines = warnings.map { w -> String in
            let hint = w.hint.map { " (\($0))" } ?? ""
            return "        " + quoted("\(w.range.start): warning: \(w.message)\(hint)")
        }
        out += lines.isEmpty ? "],\n" : "\n" + lines.joined(separator: ",\n") + "\n    ],\n"
        let body = libxlJSON.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated().map { $0.offset == 0 || $0.element.isEmpty ? String($0.element) : "    " + $0.element }
            .joined(separator: "\n")
        out += "    \"libxl_domain_config\": " + body + "\n}\n"
        return out
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let la = a.split(separator: "\n", omittingEmptySubsequences: false)
        let lb = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(la.count, lb.count) {
            let x = i < la.count ? String(la[i]) : "<end>"
            let y = i < lb.count ? String(lb[i]) : "<end>"
            if x != y { return "line \(i + 1):\n  actual:   \(x)\n  expected: \(y)" }
        }
        return "(no line differs)"
    }
}
