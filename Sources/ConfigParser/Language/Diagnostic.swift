public enum Severity: String, Sendable, Hashable, Comparable {
    case note, warning, error
    private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One finding about a config file, printed the way compilers print them so editors can jump to it:
/// `file:line:col: error: message`, then the source line and a caret.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    public var severity: Severity
    public var message: String
    public var range: SourceRange
    /// A short hint shown after the caret ("did you mean 'memory'?").
    public var hint: String?

    public init(_ severity: Severity, _ message: String, at range: SourceRange, hint: String? = nil) {
        self.severity = severity
        self.message = message
        self.range = range
        self.hint = hint
    }

    public static func error(_ message: String, at range: SourceRange, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: range, hint: hint)
    }
    public static func warning(_ message: String, at range: SourceRange, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: range, hint: hint)
    }

    public var description: String { "\(range.start): \(severity.rawValue): \(DisplayText.escaped(message))" }

    /// The widest stretch of a source line quoted under a diagnostic, in columns: a longer line is
    /// shown as a window around the column, so a finding on a 100,000-character line stays short.
    public static let quotedLineWidth = 100

    /// The full compiler-style rendering. `source` supplies the quoted line; values that came from
    /// the command line have no line to quote and are reported against the file as a whole.
    /// Every byte a terminal would act on (control characters, bidirectional overrides) is shown
    /// escaped, so a config file cannot drive the terminal of whoever checks it.
    public func rendered(in source: SourceFile?) -> String {
        let line = range.isCommandLine ? nil : source?.line(range.start.line)
        return rendered(path: source?.path ?? "<config>", line: line)
    }

    /// The rendering with the source line already at hand (a caller rendering many findings of one
    /// file splits it once); nil for none.
    public func rendered(path: String, line: Substring?) -> String {
        let path = DisplayText.escaped(path)
        var text = message
        if let hint { text += " (\(hint))" }
        text = DisplayText.escaped(text)
        guard !range.isCommandLine, let line else {
            return "\(path): \(severity.rawValue): \(text)"
        }
        let header = "\(path):\(range.start.line):\(range.start.column): \(severity.rawValue): \(text)\n"
        let quote = QuotedLine(line, range: range, width: Self.quotedLineWidth)
        return header + "    \(quote.text)\n    \(quote.marker)"
    }
}

/// A source line as shown under a diagnostic: escaped, tabs as four spaces, cut to a window around
/// the reported column when it is too long, and the caret line that points into it.
struct QuotedLine {
    let text: String
    let marker: String

    init(_ line: Substring, range: SourceRange, width maximumWidth: Int) {
        // Only the stretch that can be shown is looked at: the characters just before the caret
        // and as many after it as could fit. A finding on a line of megabytes costs no more.
        let all = line.unicodeScalars
        var caretIndex = all.startIndex
        var column = 1
        while column < range.start.column, caretIndex < all.endIndex {
            all.formIndex(after: &caretIndex)
            column += 1
        }
        var start = caretIndex
        var caret = 0
        while caret < maximumWidth / 4, start > all.startIndex {
            all.formIndex(before: &start)
            caret += 1
        }
        var stop = caretIndex
        var after = 0
        while after <= maximumWidth, stop < all.endIndex {
            all.formIndex(after: &stop)
            after += 1
        }
        let scalars = Array(all[start..<stop])
        let cutBefore = start > all.startIndex
        let cutAfter = stop < all.endIndex

        var length = 1
        if range.end.line == range.start.line, range.end.column > range.start.column {
            length = min(range.end.column - range.start.column, max(1, scalars.count - caret))
        }
        // The window: the whole line if it fits; otherwise from a little before the caret, as far
        // as the width allows. Columns are counted as shown (an escape is several).
        var first = 0
        var end = scalars.count
        if cutBefore || cutAfter || scalars.reduce(0, { $0 + Self.width($1) }) > maximumWidth {
            first = max(0, caret - maximumWidth / 4)
            var used = 0
            end = first
            while end < scalars.count, used + Self.width(scalars[end]) <= maximumWidth {
                used += Self.width(scalars[end])
                end += 1
            }
            end = max(end, min(scalars.count, caret + 1))
        }
        let lead = first > 0 || cutBefore ? "..." : ""
        var shown = lead
        for scalar in scalars[first..<end] { shown += scalar == "\t" ? "    " : DisplayText.escaped(scalar) }
        if end < scalars.count || cutAfter { shown += "..." }
        text = shown
        let pad = lead.count + scalars[first..<caret].reduce(0) { $0 + Self.width($1) }
        let underlined = scalars[caret..<min(caret + length, end)].reduce(0) { $0 + Self.width($1) }
        marker = String(repeating: " ", count: pad) + "^" + String(repeating: "~", count: max(0, underlined - 1))
    }

    /// Columns a character takes as shown: a tab four, an escape its length, any other one.
    private static func width(_ scalar: Unicode.Scalar) -> Int {
        scalar == "\t" ? 4 : DisplayText.escapedWidth(scalar)
    }
}

/// Text from a config file made safe to print: control characters (C0, DEL, C1), line and paragraph
/// separators and bidirectional formatting characters are written as escapes (`\x1b`, `\u202e`),
/// everything else as it is.
public enum DisplayText {
    /// Escapes every character a terminal would act on. `keepingLineBreaks` leaves "\n" and "\t"
    /// alone, for messages of several lines.
    public static func escaped(_ text: some StringProtocol, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingLineBreaks) }) else { return String(text) }
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, keepingLineBreaks) {
                out += escape(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func escaped(_ scalar: Unicode.Scalar) -> String {
        needsEscape(scalar, false) ? escape(scalar) : String(Character(scalar))
    }

    /// The length of `escaped(scalar)`, without making it.
    static func escapedWidth(_ scalar: Unicode.Scalar) -> Int {
        needsEscape(scalar, false) ? (scalar.value <= 0xFF ? 4 : 6) : 1
    }

    private static func needsEscape(_ scalar: Unicode.Scalar, _ keepingLineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return !keepingLineBreaks
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x2028, 0x2029: return true  // line and paragraph separators
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true  // bidirectional controls
        default: return false
        }
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        if scalar.value <= 0xFF { return "\\x" + (hex.count < 2 ? "0" + hex : hex) }
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

/// Collects diagnostics in the order they are found; errors decide validity, warnings never do.
/// At most `limit` errors and `limit` warnings are kept, as a compiler stops after so many: a
/// broken or hostile file could otherwise produce one per character. The rest are only counted.
public struct Diagnostics: Sendable {
    public private(set) var items: [Diagnostic] = []
    /// Errors and warnings found beyond the limit: counted, not kept.
    public private(set) var omittedErrors = 0
    public private(set) var omittedWarnings = 0
    private var errorCount = 0
    private var warningCount = 0

    public static let limit = 20

    public init() {}

    public mutating func append(_ d: Diagnostic) {
        switch d.severity {
        case .error:
            guard errorCount < Self.limit else {
                omittedErrors += 1
                return
            }
            errorCount += 1
        case .warning:
            guard warningCount < Self.limit else {
                omittedWarnings += 1
                return
            }
            warningCount += 1
        case .note: break
        }
        items.append(d)
    }
    public mutating func error(_ message: String, at range: SourceRange, hint: String? = nil) {
        append(.error(message, at: range, hint: hint))
    }
    public mutating func warning(_ message: String, at range: SourceRange, hint: String? = nil) {
        append(.warning(message, at: range, hint: hint))
    }
    public mutating func append(contentsOf other: [Diagnostic]) {
        for d in other { append(d) }
    }
    public var hasErrors: Bool { errorCount > 0 }
    /// True once as many errors as are kept have been found: a parser may stop there.
    public var isFull: Bool { errorCount >= Self.limit }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }
    /// Sorted by position so output reads top to bottom like the file.
    public var sorted: [Diagnostic] {
        items.enumerated().sorted { a, b in
            a.element.range.start != b.element.range.start
                ? a.element.range.start < b.element.range.start : a.offset < b.offset
        }.map(\.element)
    }

    /// The line that closes a capped list (`too many errors: 3980 more not shown`), nil when
    /// nothing was left out. Warnings count only when they are shown.
    public func omissionNote(in source: SourceFile?, countingWarnings: Bool = true) -> String? {
        var parts: [String] = []
        if omittedErrors > 0 { parts.append("\(omittedErrors) more error\(omittedErrors == 1 ? "" : "s")") }
        if countingWarnings, omittedWarnings > 0 {
            parts.append("\(omittedWarnings) more warning\(omittedWarnings == 1 ? "" : "s")")
        }
        guard !parts.isEmpty else { return nil }
        let path = DisplayText.escaped(source?.path ?? "<config>")
        let what = omittedErrors > 0 ? "too many errors" : "too many warnings"
        return "\(path): note: \(what), stopped after \(Self.limit): \(parts.joined(separator: " and ")) not shown"
    }
}
