import ConfigParser
import Testing

/// Everything a check prints for one file, as `xm check` renders it.
private func renderAll(_ text: String, path: String = "t.cfg") -> (output: String, diagnostics: Diagnostics) {
    let (_, diagnostics, file) = buildDomain(text, path: path)
    var output = diagnostics.sorted.map { $0.rendered(in: file.source) }.joined(separator: "\n")
    if let note = diagnostics.omissionNote(in: file.source) { output += "\n" + note }
    return (output, diagnostics)
}

/// Inputs nobody here wrote: generated floods, binaries, terminal escapes. Each must end with a
/// bounded report and a clear first error.
@Suite struct HostileInput {
    /// An error per entry of a 4,000-entry list on one line: each finding used to reprint the whole
    /// line (hundreds of MB). Now at most `Diagnostics.limit` errors, each quoting a window.
    @Test func manyErrorsOnOneLongLineStayBounded() {
        let entries = (0..<4000).map { "'phy:/dev/x\($0),xvda,w'" }.joined(separator: ",")
        let (output, diagnostics) = renderAll(minimalPV + "disk = [\(entries)]\n")
        #expect(diagnostics.errors.count == Diagnostics.limit)
        #expect(diagnostics.omittedErrors == 3999 - Diagnostics.limit)
        #expect(output.contains("too many errors, stopped after \(Diagnostics.limit): 3979 more errors not shown"))
        #expect(output.utf8.count < 20_000, "\(output.utf8.count) bytes")
        for line in output.split(separator: "\n") {
            #expect(line.count <= Diagnostic.quotedLineWidth + 140, "a line of \(line.count) characters")
        }
    }

    /// A line per error: the parser stops once the limit is reached rather than reading on.
    @Test func manyBrokenLinesStopTheParser() {
        let text = String(repeating: "x = = 1\n", count: 50_000)
        let (file, diagnostics) = VMConfigParser.parse(path: "t.cfg", text: text)
        #expect(diagnostics.errors.count == Diagnostics.limit)
        #expect(file.assignments.isEmpty)
        let last = diagnostics.errors.map(\.range.start.line).max() ?? 0
        #expect(last <= Diagnostics.limit + 1, "parsing went on to line \(last)")
    }

    /// Junk without NUL bytes (every byte a lexing error) is capped in the lexer itself.
    @Test func junkIsCappedInTheLexer() {
        let junk = String(repeating: "\u{1}$?`", count: 100_000)
        let (output, diagnostics) = renderAll(junk)
        #expect(diagnostics.errors.count == Diagnostics.limit)
        #expect(diagnostics.omittedErrors > 0)
        #expect(output.utf8.count < 20_000)
    }

    /// An ELF binary gets one error saying what it is, at its first NUL byte, and nothing else.
    @Test func aBinaryFileIsSaidToBeOneAtOnce() {
        var bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]
        var seed: UInt64 = 42
        for _ in 0..<200_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1
            bytes.append(UInt8(truncatingIfNeeded: seed >> 33))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let (output, diagnostics) = renderAll(text, path: "/bin/ls")
        #expect(diagnostics.items.count == 1)
        #expect(diagnostics.errors.first?.message.contains("not a config file but an ELF binary") == true)
        #expect(diagnostics.errors.first?.at == "1:8")
        #expect(output.hasPrefix("/bin/ls:1:8: error: this is not a config file"))
        #expect(output.utf8.count < 1_000)
        #expect(!output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "raw control bytes in \(output)")
    }

    /// A NUL in the middle of an otherwise good file: Python refused such a file, and so do we.
    @Test func aNulByteAnywhereRefusesTheFile() {
        let (_, diagnostics, _) = buildDomain(minimalPV + "memory = 512\nextra = 'a\u{0}b'\n")
        #expect(diagnostics.errors.count == 1)
        #expect(diagnostics.errors.first?.at == "4:11")
        #expect(diagnostics.warnings.isEmpty, "nothing reported as missing: \(diagnostics.items)")
    }

    /// Escape sequences in a value, written raw or as Python escapes, reach the terminal escaped.
    @Test func terminalEscapesAreShownEscaped() {
        for name in ["a\u{1b}[2Jb", "a\\x1b[2Jb", "a\u{9b}31mb", "a\u{202e}b"] {
            let (output, diagnostics) = renderAll("name = '\(name)'\nkernel = '/k'\n")
            #expect(diagnostics.errors.count == 1, "\(name)")
            #expect(!output.unicodeScalars.contains { DisplayTextProbe.isUnsafe($0) }, "\(output)")
            #expect(output.contains("\\x1b") || output.contains("\\x9b") || output.contains("\\u202e"), "\(output)")
        }
    }

    @Test func escapingKeepsLineBreaksOnlyWhenAsked() {
        #expect(DisplayText.escaped("a\u{0}b\nc\td\u{7f}") == "a\\x00b\\x0ac\\x09d\\x7f")
        #expect(DisplayText.escaped("a\u{0}b\nc\td", keepingLineBreaks: true) == "a\\x00b\nc\td")
        #expect(DisplayText.escaped("Größe ü 日本") == "Größe ü 日本")
        #expect(DisplayText.escaped("\u{2066}x\u{2069}") == "\\u2066x\\u2069")
    }

    /// A finding at the end of a very long line quotes a window around it, with its caret.
    @Test func aLongLineIsQuotedAsAWindowAroundTheColumn() {
        let text = "x = [" + String(repeating: "1, ", count: 30_000) + "1 +]\n"
        let (file, diagnostics) = VMConfigParser.parse(path: "t.cfg", text: text)
        let error = try! #require(diagnostics.errors.first)
        let lines = error.rendered(in: file.source).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("    ..."))
        #expect(lines[1].count <= Diagnostic.quotedLineWidth + 10)
        // The caret sits under the character the column names.
        let caret = try! #require(lines[2].firstIndex(of: "^"))
        let offset = lines[2].distance(from: lines[2].startIndex, to: caret)
        let quoted = Array(lines[1])
        let column = error.range.start.column
        let character = Array(text.split(separator: "\n")[0])[column - 1]
        #expect(quoted[offset] == character)
    }

    /// As many distinct disks as a list may hold are accepted, and thousands of vifs.
    @Test func longDeviceListsAreCheckedWhole() {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        func vdev(_ i: Int) -> String {
            "xvd" + String(letters[i / 26 / 26 % 26]) + String(letters[i / 26 % 26]) + String(letters[i % 26])
        }
        let distinct = (0..<ValueReader.listLimit).map { "'phy:/dev/vg/d\($0),\(vdev($0)),w'" }.joined(separator: ",\n")
        let (config, diagnostics, _) = buildDomain(minimalPV + "disk = [\(distinct)]\n")
        #expect(!diagnostics.hasErrors, "\(diagnostics.errors.prefix(3))")
        #expect(config.disks.count == ValueReader.listLimit)
        func hex(_ byte: Int) -> String { (byte < 16 ? "0" : "") + String(byte, radix: 16) }
        let vifs = (0..<4_000).map { "'mac=00:16:3e:00:\(hex($0 / 256)):\(hex($0 % 256))'" }
        let (withVifs, vifDiagnostics, _) = buildDomain(minimalPV + "vif = [\(vifs.joined(separator: ","))]\n")
        #expect(!vifDiagnostics.hasErrors)
        #expect(withVifs.vifs.count == 4_000)
    }

    /// A list of millions of devices (`vfb = ['vnc=1'] * 2111111`, found by the fuzzer) is refused
    /// at once rather than read entry by entry; so are irqs and per-vCPU cpus lists that long.
    @Test func overlongListsAreRefusedWhole() {
        for line in [
            "vfb = ['vnc=+'] * 2111111", "vif = ['bridge=xenbr0'] * 5000", "irqs = [1] * 5000",
            "cpus = ['1'] * 5000", "disk = ['phy:/dev/x,xvda,w'] * 2000000", "OVM_x = ['a'] * 7744444",
        ] {
            let (_, diagnostics, _) = buildDomain(minimalPV + line + "\n")
            #expect(diagnostics.errors.count == 1, "\(line): \(diagnostics.items)")
            #expect(
                diagnostics.errors.first?.message.contains("holds at most \(ValueReader.listLimit)") == true, "\(line)")
        }
        let (config, fine, _) = buildDomain(minimalPV + "vif = ['bridge=xenbr0'] * 4096\n")
        #expect(!fine.hasErrors)
        #expect(config.vifs.count == 4096)
    }

    /// The syntax error comes first: nothing is reported missing when a statement was not read.
    @Test func anUnterminatedStringIsTheOnlyError() {
        let (_, diagnostics, _) = buildDomain("name = 'vm1'\nkernel = '/boot/vmlinuz\nmemory = 512\n")
        #expect(diagnostics.errors.count == 1)
        #expect(diagnostics.errors.first?.message.hasPrefix("unterminated string") == true)
        #expect(diagnostics.errors.first?.at == "2:10")
        let (_, unnamed, _) = buildDomain("name = 'vm1\nkernel = '/boot/vmlinuz'\n")
        #expect(unnamed.items.count == 1, "\(unnamed.items)")
    }

    @Test func vcpuAvailIsRead() {
        let (config, diagnostics, _) = buildDomain(minimalPV + "vcpus = 4\nvcpu_avail = 5\n")
        #expect(!diagnostics.hasErrors && diagnostics.warnings.isEmpty, "\(diagnostics.items)")
        #expect(config.vcpuAvail == 5)
        let (_, none, _) = buildDomain(minimalPV + "vcpus = 4\nvcpu_avail = 16\n")
        #expect(none.errors(containing: "leaves none of the 4 vCPU(s) online").count == 1)
        let (above, extra, _) = buildDomain(minimalPV + "vcpus = 2\nvcpu_avail = 7\n")
        #expect(extra.warnings(containing: "bits above vCPU 1").count == 1)
        #expect(above.vcpuAvail == 7)
    }

    @Test func theXen30CdromKeyIsNamed() {
        let (_, diagnostics, _) = buildDomain(minimalPV + "cdrom = '/dev/cdrom'\n")
        #expect(diagnostics.warnings(containing: "Xen 3.0's HVM cd-rom").count == 1)
        #expect(diagnostics.warnings(containing: "unknown key").isEmpty)
    }
}

/// What a terminal acts on: C0 and C1 controls but line breaks, DEL, bidirectional controls.
enum DisplayTextProbe {
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\n" { return false }
        switch scalar.value {
        case 0...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
