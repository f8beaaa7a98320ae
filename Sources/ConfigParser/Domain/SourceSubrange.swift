/// Narrows a diagnostic from a whole string literal to the part of it at fault (`near`), when the
/// literal sits on one line and spells its value without escapes; otherwise keeps the whole range.
enum SourceSubrange {
    static func locate(_ near: String?, in value: ConfigValue, source: SourceFile) -> SourceRange {
        guard let near, !near.isEmpty, let text = value.stringValue,
              let offset = scalarOffset(of: near, in: text),
              value.range.start.line == value.range.end.line,
              let line = source.line(value.range.start.line) else { return value.range }
        let scalars = Array(line.unicodeScalars)
        let from = value.range.start.column - 1, to = value.range.end.column - 1
        guard from >= 0, to <= scalars.count, from < to else { return value.range }
        var literal = Array(scalars[from..<to])
        var lead = 0
        while let c = literal.first, "uUrRbB".unicodeScalars.contains(c) { literal.removeFirst(); lead += 1 }
        let quote = literal.starts(with: Array("'''".unicodeScalars)) || literal.starts(with: Array("\"\"\"".unicodeScalars)) ? 3 : 1
        guard literal.count >= 2 * quote else { return value.range }
        let inner = literal[quote..<(literal.count - quote)]
        guard String(String.UnicodeScalarView(inner)) == text else { return value.range }
        let start = value.range.start.column + lead + quote + offset
        let length = near.unicodeScalars.count
        return SourceRange(SourceLocation(line: value.range.start.line, column: start),
                           SourceLocation(line: value.range.start.line, column: start + length))
    }

    static func scalarOffset(of needle: String, in haystack: String) -> Int? {
        let h = Array(haystack.unicodeScalars), n = Array(needle.unicodeScalars)
        guard n.count <= h.count else { return nil }
        for i in 0...(h.count - n.count) where Array(h[i..<(i + n.count)]) == n { return i }
        return nil
    }
}
