import CXen
import ConfigParser
import FixtureCorpus
import Foundation
import XenCore

// Parses and validates the Fixtures corpus many times with our parser and with libxlutil (xl's
// flex/bison parser, its typed getters and spec parsers: LibxlutilValidation.swift) in one
// process, alternating rounds so both see the same machine state, and prints configs per second
// and the ratio. Not a test: a number to watch.
//
//   swift run -c release xm-bench [--fixtures DIR] [--seconds S]

struct Corpus {
    struct Entry {
        let path: String
        let text: String
        let variables: [(name: String, value: String)]
    }
    let entries: [Entry]

    init(directory: String) {
        entries = ["valid", "invalid"].flatMap { FixtureCorpus.files(in: directory + "/" + $0) }.map {
            Entry(path: $0.path, text: $0.text, variables: FixtureCorpus.variables(in: $0.text))
        }
    }
}

/// One libxlutil parse, as xl does it: init, read, destroy; its complaints go to a shared stream.
func libxlutilParse(_ bytes: [CChar], report: UnsafeMutablePointer<FILE>) -> Bool {
    guard let cfg = xlu_cfg_init(report, "bench") else { return false }
    defer { xlu_cfg_destroy(cfg) }
    return bytes.withUnsafeBufferPointer { xlu_cfg_readdata(cfg, $0.baseAddress, Int32($0.count)) } == 0
}

func oursParseOnly(_ entry: Corpus.Entry) -> Bool {
    !VMConfigParser.parse(SourceFile(path: entry.path, text: entry.text), variables: entry.variables).1.hasErrors
}

func ours(_ entry: Corpus.Entry) -> Bool {
    let (file, parsed) = VMConfigParser.parse(
        SourceFile(path: entry.path, text: entry.text), variables: entry.variables)
    var diagnostics = parsed
    _ = DomainConfig.build(from: file, diagnostics: &diagnostics)
    return !diagnostics.hasErrors
}

/// Best rate over alternating rounds of at least `seconds / rounds` each.
func measure(rounds: Int, seconds: Double, _ body: () -> Int) -> Double {
    let clock = ContinuousClock()
    var best = 0.0
    for _ in 0..<rounds {
        var done = 0
        let start = clock.now
        var elapsed = 0.0
        while elapsed < seconds / Double(rounds) {
            done += body()
            let d = clock.now - start
            elapsed = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        best = max(best, Double(done) / elapsed)
    }
    return best
}

func argument(_ name: String) -> String? {
    guard let i = CommandLine.arguments.firstIndex(of: name), i + 1 < CommandLine.arguments.count else { return nil }
    return CommandLine.arguments[i + 1]
}

let root = argument("--fixtures") ?? "Fixtures"
let seconds = Double(argument("--seconds") ?? "4") ?? 4
let corpus = Corpus(directory: root)
guard !corpus.entries.isEmpty else {
    FileHandle.standardError.write(Data("Error: no .cfg files under \(root)/valid or \(root)/invalid\n".utf8))
    exit(1)
}
guard let devnull = fopen("/dev/null", "w") else { fatalError("cannot open /dev/null") }
let cstrings = corpus.entries.map { Array($0.text.utf8CString.dropLast()) }
let xlAccepted = corpus.entries.indices.filter { libxlutilParse(cstrings[$0], report: devnull) }

/// `s` padded with blanks to `n` characters, for the tables.
func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }

func compare(_ title: String, _ indices: [Int], validate: Bool = true, theirsValidate: Bool? = nil) {
    let theirs = (theirsValidate ?? validate) ? libxlutilParseAndValidate : libxlutilParse
    let entries = indices.map { corpus.entries[$0] }
    let texts = indices.map { cstrings[$0] }
    var oursRate = 0.0
    var theirsRate = 0.0
    for _ in 0..<3 {  // alternate so drift on a shared machine hits both
        oursRate = max(
            oursRate,
            measure(rounds: 1, seconds: seconds / 6) {
                for e in entries { _ = validate ? ours(e) : oursParseOnly(e) }
                return entries.count
            })
        theirsRate = max(
            theirsRate,
            measure(rounds: 1, seconds: seconds / 6) {
                for t in texts { _ = theirs(t, devnull) }
                return texts.count
            })
    }
    print(
        pad(title, 44) + pad(String(format: "%10.0f", oursRate), 12) + pad(String(format: "%10.0f", theirsRate), 12)
            + String(format: "%6.2fx", oursRate / theirsRate))
}

// --profile N: only our side, N passes over the corpus, for callgrind or perf.
if let passes = argument("--profile").flatMap(Int.init) {
    var valid = 0
    for _ in 0..<passes { for e in corpus.entries where ours(e) { valid += 1 } }
    print("\(passes) passes, \(valid) valid parses")
    exit(0)
}

// --per-file: each file's parse+validate time, ours and libxlutil's, slowest of ours first.
if CommandLine.arguments.contains("--per-file") {
    var rows: [(String, Double, Double)] = []
    for (i, e) in corpus.entries.enumerated() {
        let oursRate = measure(rounds: 3, seconds: 0.15) {
            _ = ours(e)
            return 1
        }
        let theirsRate = measure(rounds: 3, seconds: 0.15) {
            _ = libxlutilParseAndValidate(cstrings[i], report: devnull)
            return 1
        }
        rows.append(
            (String(e.path.split(separator: "/").suffix(2).joined(separator: "/")), 1e6 / oursRate, 1e6 / theirsRate))
    }
    print("microseconds per parse+validate          xm   libxlutil")
    for (name, o, t) in rows.sorted(by: { $0.1 > $1.1 }) {
        print(pad(name, 44) + String(format: "%6.2f  %6.2f", o, t))
    }
    exit(0)
}

print("configs/second; libxlutil validates with its getters and spec parsers, as xl calls them")
print(String(repeating: " ", count: 44) + "      xm    libxlutil   ratio")
compare("parse, xl-accepted subset (\(xlAccepted.count) files)", xlAccepted, validate: false)
compare("parse, whole corpus (\(corpus.entries.count) files)", Array(corpus.entries.indices), validate: false)
compare("parse+validate, xl-accepted subset", xlAccepted)
compare("parse+validate, whole corpus", Array(corpus.entries.indices))
compare("ours parse+validate vs libxlutil parse only", Array(corpus.entries.indices), theirsValidate: false)
