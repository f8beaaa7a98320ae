import ConfigParser
import Foundation
import Testing
import XLUOracle
import XenCore

/// Differential test against xl's own config parser (libxlutil's xlu_cfg_*): for every fixture
/// that libxlutil accepts, every key our parser reads from the file has the value libxlutil reads
/// — strings as strings, our integers as libxlutil's longs (strtol, base 0), lists item by item —
/// and the two agree on which keys exist.
///
/// Fixtures libxlutil rejects use the Python that xm accepted and xl does not (upper-case keys,
/// True/False, expressions, tuples, ...): there is nothing to compare.
@Suite("our parser vs libxlutil on the xl-valid fixtures")
struct XLUConfigDifferentialTests {
    static let fixtures = FixtureFile.everything

    /// Fixtures xl's parser accepts, with libxlutil's reading of them.
    static func xlValid(_ fixture: FixtureFile) -> XLUConfig? {
        try? XLUConfig(text: fixture.text, sourceName: fixture.description)
    }

    @Test func aGoodPartOfTheCorpusIsXlValid() {
        let accepted = Self.fixtures.filter { Self.xlValid($0) != nil }
        #expect(accepted.count >= 20, "only \(accepted.count) fixtures are in xl's dialect")
    }

    @Test(arguments: fixtures)
    func everyKeyReadsTheSame(_ fixture: FixtureFile) {
        guard let xlu = Self.xlValid(fixture) else { return }
        let (file, _) = VMConfigParser.parse(
            SourceFile(path: fixture.description, text: fixture.text),
            variables: fixture.variables)
        // Command-line variables (`# vars:`) never reach libxlutil, which reads only the file.
        for setting in file.settings where !setting.nameRange.isCommandLine {
            Self.expectSame(setting.value, xlu.value(setting.name), key: setting.name, in: fixture)
        }
        for key in Self.statementKeys(fixture.text) {
            let ours = file[key].map { !$0.nameRange.isCommandLine } ?? false
            #expect(
                ours == (xlu.value(key) != nil), "\(fixture): key '\(key)' present for us: \(ours), for xl: \(!ours)")
        }
    }

    static func expectSame(_ ours: ConfigValue, _ theirs: XLUConfig.Value?, key: String, in fixture: FixtureFile) {
        let at = "\(fixture): '\(key)' at \(ours.range.start)"
        switch (ours.kind, theirs) {
        case (.string(let s), .atom(let t)?):
            #expect(s == t, "\(at): ours \(ours) vs xl '\(t)'")
        case (.int(let i), .atom(let t)?):
            #expect(strtol(t, nil, 0) == i && !t.isEmpty, "\(at): ours \(i) vs xl '\(t)'")
        case (.list(let items), .list(let others)?):
            #expect(items.count == others.count, "\(at): \(items.count) items vs xl's \(others.count)")
            for (item, other) in zip(items, others) { expectSame(item, other, key: key, in: fixture) }
        default:
            // True/False, None, floats, tuples and dicts cannot be written in xl's dialect, so a
            // file libxlutil accepted cannot give us one.
            Issue.record("\(at): ours \(ours.typeName) \(ours) vs xl \(String(describing: theirs))")
        }
    }

    /// The names assigned at the start of a line (`key = ...` or `key += ...`), found without
    /// either parser so that a key one of them drops is noticed.
    static func statementKeys(_ text: String) -> Set<String> {
        var keys = Set<String>()
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard let first = trimmed.first, first.isASCII, first.isLowercase else { continue }
            let name = trimmed.prefix { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == ".") }
            let rest = trimmed.dropFirst(name.count).drop { $0 == " " || $0 == "\t" }
            if (rest.hasPrefix("=") && !rest.hasPrefix("==")) || rest.hasPrefix("+=") { keys.insert(String(name)) }
        }
        return keys
    }
}

/// Where the two parsers read the same text differently on purpose.
@Suite("intended differences from libxlutil's config parser")
struct XLUConfigIntendedDifferenceTests {
    /// xlu's dequoting has two bugs (libxlu_cfg.c, NUMERIC_CHAR): `\xHH` always fails ("invalid
    /// digit"), and an octal escape is read as decimal and then dropped. We read escapes as Python
    /// did, so xm files keep their meaning.
    @Test func numericEscapes() throws {
        let octal = "extra = 'a\\101b'\n"
        let xlu = try XLUConfig(text: octal)
        #expect(xlu.string("extra") == "ab", "xlu drops the escaped character")
        let (ours, diags) = VMConfigParser.parse(SourceFile(path: "t.cfg", text: octal))
        #expect(!diags.hasErrors)
        #expect(ours.value("extra")?.stringValue == "aAb")

        let hex = "extra = 'a\\x41b'\n"
        #expect(throws: XLUError.self) { try XLUConfig(text: hex) }
        #expect(VMConfigParser.parse(SourceFile(path: "t.cfg", text: hex)).0.value("extra")?.stringValue == "aAb")
    }

    /// xl keys may contain dots (xl.conf's `vif.default.script`); in Python that is attribute
    /// assignment, which a vm.cfg never needed and our parser refuses at the dot.
    @Test func dottedKeys() throws {
        let text = "vif.default.script = 'vif-bridge'\n"
        #expect(try XLUConfig(text: text).string("vif.default.script") == "vif-bridge")
        let (_, diags) = VMConfigParser.parse(SourceFile(path: "t.cfg", text: text))
        #expect(diags.hasErrors)
    }
}
