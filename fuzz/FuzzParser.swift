// libFuzzer entry for the vm.cfg parser. Built into the ConfigParser module itself by run.sh so
// it exercises exactly the shipped code. Invariants checked on every input:
// - no crash, no hang (libFuzzer's -timeout);
// - every diagnostic points inside the file and renders;
// - an input with an error is never silently accepted: rejection always carries a diagnostic
//   whose location is real;
// - at most Diagnostics.limit errors and warnings are kept;
// - a rendering holds no character a terminal acts on, and its quoted line stays within the
//   window's width whatever the source line's length.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let source = SourceFile(path: "fuzz.cfg", text: text)
    let (file, parseDiagnostics) = VMConfigParser.parse(source, variables: [("vmid", "1"), ("name", "fuzz")])
    var diagnostics = parseDiagnostics
    _ = DomainConfig.build(from: file, diagnostics: &diagnostics)
    // Split once: asking the source for each line again would scan the input per diagnostic.
    let lines = source.lines
    for d in diagnostics.items {
        if d.range.isCommandLine { continue }
        guard d.range.start.line >= 1, d.range.start.line <= lines.count else {
            fatalError("diagnostic outside the file: \(d) (\(lines.count) lines)")
        }
        let line = lines[d.range.start.line - 1]
        guard d.range.start.column >= 1, d.range.start.column <= line.unicodeScalars.count + 1 else {
            fatalError("diagnostic column outside its line: \(d) line=\(line.unicodeScalars.count) chars")
        }
        let rendered = d.rendered(path: source.path, line: line)
        guard rendered.hasPrefix("fuzz.cfg:\(d.range.start.line):\(d.range.start.column): ") else {
            fatalError("bad rendering: \(rendered)")
        }
        if let unsafe = rendered.unicodeScalars.first(where: { isTerminalControl($0) }) {
            fatalError("unescaped U+\(String(unsafe.value, radix: 16)) in: \(rendered)")
        }
        let quoted = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        guard quoted.count == 3, quoted[1].unicodeScalars.count <= Diagnostic.quotedLineWidth + 4 + 6 + 6 else {
            fatalError("quoted line too wide (\(quoted.dropFirst().first?.count ?? -1)): \(rendered)")
        }
    }
    guard diagnostics.errors.count <= Diagnostics.limit, diagnostics.warnings.count <= Diagnostics.limit else {
        fatalError("more diagnostics kept than the limit: \(diagnostics.items.count)")
    }
    for a in file.assignments where !a.nameRange.isCommandLine {
        guard a.nameRange.start.line >= 1, a.nameRange.start.line <= lines.count else {
            fatalError("assignment outside the file")
        }
    }
    return 0
}

/// What a terminal would act on if printed raw: controls (but the line breaks between the
/// rendering's lines), separators and bidirectional overrides.
private func isTerminalControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A: return false
    case 0...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
}
