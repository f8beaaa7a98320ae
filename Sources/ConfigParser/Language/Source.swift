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
public struct SourceFile: Sendable {
    public let path: String
    public let text: String
    public let lines: [Substring]

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        // Split on the byte, not the Character: "\r\n" is a single Character in Swift.
        var lines: [Substring] = []
        var start = text.startIndex
        var i = text.utf8.startIndex
        while i < text.utf8.endIndex {
            if text.utf8[i] == 0x0A {
                var end = i
                if end > start, text.utf8[text.utf8.index(before: end)] == 0x0D { end = text.utf8.index(before: end) }
                lines.append(text[start..<end])
                start = text.utf8.index(after: i)
            }
            i = text.utf8.index(after: i)
        }
        lines.append(text[start...])
        self.lines = lines
    }

    public func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }
}
