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

    public var description: String { "\(range.start): \(severity.rawValue): \(message)" }

    /// The full compiler-style rendering. `source` supplies the quoted line; values that came from
    /// the command line have no line to quote and are reported against the file as a whole.
    public func rendered(in source: SourceFile?) -> String {
        let path = source?.path ?? "<config>"
        var text = message
        if let hint { text += " (\(hint))" }
        guard !range.isCommandLine, let source, let line = source.line(range.start.line) else {
            return "\(path): \(severity.rawValue): \(text)"
        }
        var out = "\(path):\(range.start.line):\(range.start.column): \(severity.rawValue): \(text)\n"
        let shown = String(line).replacingTabs()
        out += "    \(shown)\n"
        let prefix = line.unicodeScalars.prefix(max(0, range.start.column - 1))
        var pad = ""
        for scalar in prefix { pad += scalar == "\t" ? "    " : " " }
        let width: Int
        if range.end.line == range.start.line, range.end.column > range.start.column {
            width = min(
                range.end.column - range.start.column, max(1, line.unicodeScalars.count - range.start.column + 1))
        } else {
            width = 1
        }
        out += "    \(pad)^" + String(repeating: "~", count: max(0, width - 1))
        return out
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        var s = ""
        for c in self { s += c == "\t" ? "    " : String(c) }
        return s
    }
}

/// Collects diagnostics in the order they are found; errors decide validity, warnings never do.
public struct Diagnostics: Sendable {
    public private(set) var items: [Diagnostic] = []
    public init() {}
    public mutating func append(_ d: Diagnostic) {
        // Room for a few at once: growing from empty reallocates at 1, 2 and 4 findings.
        if items.isEmpty { items.reserveCapacity(4) }
        items.append(d)
    }
    public mutating func error(_ message: String, at range: SourceRange, hint: String? = nil) {
        append(.error(message, at: range, hint: hint))
    }
    public mutating func warning(_ message: String, at range: SourceRange, hint: String? = nil) {
        append(.warning(message, at: range, hint: hint))
    }
    public mutating func append(contentsOf other: [Diagnostic]) { items.append(contentsOf: other) }
    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }
    /// Sorted by position so output reads top to bottom like the file.
    public var sorted: [Diagnostic] {
        items.enumerated().sorted { a, b in
            a.element.range.start != b.element.range.start
                ? a.element.range.start < b.element.range.start : a.offset < b.offset
        }.map(\.element)
    }
}
