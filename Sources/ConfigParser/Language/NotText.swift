/// Recognises a file that is not a config file at all (an executable, an image, UTF-16 text), so
/// it gets one clear error instead of thousands of syntax errors. Python 2's `execfile`, which xm
/// used, refused any source with a NUL byte ("source code string cannot contain null bytes").
/// The lexer tells whether there is one; this finds where, for the one error.
enum NotText {
    static func find(in text: String) -> Diagnostic? {
        let utf8 = text.utf8
        guard let nul = utf8.firstIndex(of: 0) else { return nil }
        let kind = utf8.starts(with: [0x7F, 0x45, 0x4C, 0x46]) ? "an ELF binary" : "binary data"
        let at = SourceRange(at: location(of: nul, in: text))
        return .error(
            "this is not a config file but \(kind): it holds a NUL byte, which no config file may contain",
            at: at)
    }

    /// Line and column (in Unicode scalars) of a byte offset.
    private static func location(of index: String.Index, in text: String) -> SourceLocation {
        var line = 1
        var lineStart = text.startIndex
        var i = text.utf8.startIndex
        while i < index {
            if text.utf8[i] == 0x0A {
                line += 1
                lineStart = text.utf8.index(after: i)
            }
            i = text.utf8.index(after: i)
        }
        let column = text.unicodeScalars[lineStart..<index].count + 1
        return SourceLocation(line: line, column: column)
    }
}
