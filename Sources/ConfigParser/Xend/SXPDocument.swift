/// xend's configuration language (/etc/xen/xend-config.sxp): S-expressions such as
/// `(xend-relocation-port 8002)` and `(xend-relocation-hosts-allow '^localhost$ ^a\\.b$')`, with
/// `#` comments, atoms, and strings in single or double quotes whose backslash escapes are
/// Python's (xend's sxp.py). Oracle VM admins keep their relocation settings in this file.
public indirect enum SXPNode: Sendable, Hashable {
    case atom(String, SourceRange)
    case list([SXPNode], SourceRange)

    public var range: SourceRange {
        switch self {
        case .atom(_, let range), .list(_, let range): range
        }
    }

    /// The text of an atom or string; nil for a list.
    public var text: String? {
        if case .atom(let text, _) = self { return text }
        return nil
    }
}

public struct SXPDocument: Sendable {
    public let source: SourceFile
    /// The top-level expressions, in file order.
    public let forms: [SXPNode]

    /// Parses the whole file; the first mistake is thrown as an error at its line and column.
    public init(_ source: SourceFile) throws(Diagnostic) {
        self.source = source
        var reader = SXPReader(source.text)
        forms = try reader.readAll()
    }

    /// The `(name value...)` forms of the file: each name with the nodes after it.
    public var settings: [(name: String, range: SourceRange, values: [SXPNode])] {
        forms.compactMap { form in
            guard case .list(let items, _) = form, let first = items.first, let name = first.text else { return nil }
            return (name, first.range, Array(items.dropFirst()))
        }
    }
}

private struct SXPReader {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    private var location: SourceLocation { SourceLocation(line: line, column: column) }
    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    mutating func readAll() throws(Diagnostic) -> [SXPNode] {
        var forms: [SXPNode] = []
        while true {
            skipSpaceAndComments()
            guard let c = current else { return forms }
            if c == ")" { throw .error("unexpected ')': no list is open here", at: SourceRange(at: location)) }
            forms.append(try readNode(depth: 0))
        }
    }

    private mutating func skipSpaceAndComments() {
        while let c = current {
            if c == "#" {
                while let d = current, d != "\n" { advance() }
            } else if c.properties.isWhitespace {
                advance()
            } else {
                return
            }
        }
    }

    private mutating func readNode(depth: Int) throws(Diagnostic) -> SXPNode {
        let start = location
        guard depth < 64 else { throw .error("lists nested more than 64 deep", at: SourceRange(at: start)) }
        switch current {
        case "(":
            advance()
            var items: [SXPNode] = []
            while true {
                skipSpaceAndComments()
                guard let c = current else {
                    throw .error("this '(' is never closed", at: SourceRange(at: start))
                }
                if c == ")" {
                    advance()
                    return .list(items, SourceRange(start, location))
                }
                items.append(try readNode(depth: depth + 1))
            }
        case "'", "\"":
            return try readString(quote: current!, start: start)
        default:
            var text = ""
            while let c = current, !c.properties.isWhitespace, c != "(", c != ")", c != "'", c != "\"", c != "#" {
                text.unicodeScalars.append(c)
                advance()
            }
            return .atom(text, SourceRange(start, location))
        }
    }

    private mutating func readString(quote: Unicode.Scalar, start: SourceLocation) throws(Diagnostic) -> SXPNode {
        advance()
        var text = ""
        while true {
            guard let c = current else {
                throw .error(
                    "this string is never closed (no \(quote) before the end of the file)", at: SourceRange(at: start))
            }
            advance()
            if c == quote { return .atom(text, SourceRange(start, location)) }
            guard c == "\\" else {
                text.unicodeScalars.append(c)
                continue
            }
            guard let e = current else { continue }
            advance()
            switch e {
            case "n": text += "\n"
            case "t": text += "\t"
            case "r": text += "\r"
            case "\\", "'", "\"": text.unicodeScalars.append(e)
            default:  // as Python: an unknown escape keeps its backslash
                text += "\\"
                text.unicodeScalars.append(e)
            }
        }
    }
}
