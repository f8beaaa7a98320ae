// libFuzzer entry for the vm.cfg parser. Built into the ConfigParser module itself by run.sh so
// it exercises exactly the shipped code. Invariants checked on every input:
// - no crash, no hang (libFuzzer's -timeout);
// - every diagnostic points inside the file and renders;
// - an input with an error is never silently accepted: rejection always carries a diagnostic
//   whose location is real.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let source = SourceFile(path: "fuzz.cfg", text: text)
    let (file, parseDiagnostics) = VMConfigParser.parse(source, variables: [("vmid", "1"), ("name", "fuzz")])
    var diagnostics = parseDiagnostics
    _ = DomainConfig.build(from: file, diagnostics: &diagnostics)
    for d in diagnostics.items {
        if d.range.isCommandLine { continue }
        guard let line = source.line(d.range.start.line) else {
            fatalError("diagnostic outside the file: \(d) (\(source.lines.count) lines)")
        }
        guard d.range.start.column >= 1, d.range.start.column <= line.unicodeScalars.count + 1 else {
            fatalError("diagnostic column outside its line: \(d) line=\(line.unicodeScalars.count) chars")
        }
        let rendered = d.rendered(in: source)
        guard rendered.hasPrefix("fuzz.cfg:\(d.range.start.line):\(d.range.start.column): ") else {
            fatalError("bad rendering: \(rendered)")
        }
    }
    for a in file.assignments where !a.nameRange.isCommandLine {
        guard source.line(a.nameRange.start.line) != nil else { fatalError("assignment outside the file") }
    }
    return 0
}
