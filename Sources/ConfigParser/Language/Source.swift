/// A position in a config file. Lines and columns count from 1; columns count Unicode scalars,
/// so a caret lines up under the character an editor shows.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
    public var description: String { "\(line):\(column)" }
}

/// The half-open stretch of source a token, expression or value came from.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    public var start: SourceLocation
    public var end: SourceLocation
    public init(_ start: SourceLocation, _ end: SourceLocation) {
        self.start = start
        self.end = end
    }
    public init(at location: SourceLocation) {
        self.start = location
        self.end = SourceLocation(line: location.line, column: location.column + 1)
    }
    /// For values that came from the command line (`xm create f memory=512`) rather than the file.
    public static let commandLine = SourceRange(SourceLocation(line: 0, column: 0), SourceLocation(line: 0, column: 0))
    public var isCommandLine: Bool { start.line == 0 }
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(Swift.min(start, other.start), Swift.max(end, other.end))
    }
    public var description: String { "\(start)-\(end)" }
}

/// The text of one config file, kept so diagnostics can quote the offending line.
/// Lines are found on demand: only rendering a diagnostic needs them, and most files have none.
public struct SourceFile: Sendable {
    public let path: String
    public let text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// Every line, without its line break.
    public var lines: [Substring] {
        var lines: [Substring] = []
        var start = text.utf8.startIndex
        while true {
            let (line, next) = lineAndNext(from: start)
            lines.append(line)
            guard let next else { return lines }
            start = next
        }
    }

    public func line(_ number: Int) -> Substring? {
        guard number >= 1 else { return nil }
        var start = text.utf8.startIndex
        for _ in 1..<number {
            guard let next = lineAndNext(from: start).next else { return nil }
            start = next
        }
        return lineAndNext(from: start).line
    }

    /// The line starting at `start` (a "\r" before its "\n" dropped) and where the next one starts,
    /// nil for the last line. Split on the byte, not the Character: "\r\n" is one Character in Swift.
    private func lineAndNext(from start: String.Index) -> (line: Substring, next: String.Index?) {
        let utf8 = text.utf8
        guard let newline = utf8[start...].firstIndex(of: 0x0A) else { return (text[start...], nil) }
        var end = newline
        if end > start, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
        return (text[start..<end], utf8.index(after: newline))
    }
}
