/// Splits vm.cfg text into tokens, Python 2 style: comments, `\` continuations, implicit line
/// joining inside brackets, every string form real configs use. Lexing errors are reported and the
/// offending character skipped, so one typo yields one diagnostic.
struct Lexer {
    /// The text's own UTF-8, borrowed for the lexing (see `lex`): copying it into an array cost
    /// an allocation and a copy of every file.
    private let bytes: UnsafeBufferPointer<UInt8>
    private var pos = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0
    private var atLineStart = true
    private var lastWasNewline = true
    private let asciiOnly: Bool
    private let hasNUL: Bool
    private(set) var diagnostics = Diagnostics()
    /// The text of every name and string token, at the index its TokenKind holds.
    private(set) var texts: [String] = []

    /// Lexes `text`: its tokens, the texts they refer to and the lexing errors. The lexer reads
    /// the string's bytes in place and lives only for this call.
    /// `hasNUL`: the text holds a NUL byte, which no config file may; nothing is lexed then.
    static func lex(_ text: String) -> Lexed {
        func run(_ bytes: UnsafeBufferPointer<UInt8>) -> Lexed {
            var lexer = Lexer(bytes: bytes)
            if lexer.hasNUL { return Lexed(tokens: [], texts: [], diagnostics: Diagnostics(), hasNUL: true) }
            let tokens = lexer.tokenize()
            return Lexed(tokens: tokens, texts: lexer.texts, diagnostics: lexer.diagnostics, hasNUL: false)
        }
        if let lexed = text.utf8.withContiguousStorageIfAvailable(run) { return lexed }
        return Array(text.utf8).withUnsafeBufferPointer(run)  // a bridged string; never on Linux
    }

    struct Lexed {
        let tokens: [Token]
        let texts: [String]
        let diagnostics: Diagnostics
        let hasNUL: Bool
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // Most configs are ASCII without a NUL, which one pass over the bytes tells.
        if !bytes.contains(where: { $0 == 0 || $0 >= 0x80 }) {
            asciiOnly = true
            hasNUL = false
        } else {
            asciiOnly = Byte.allASCII(bytes)
            hasNUL = bytes.contains(0)
        }
    }

    // MARK: positions

    private func location(_ offset: Int, line: Int, lineStart: Int) -> SourceLocation {
        if asciiOnly { return SourceLocation(line: line, column: offset - lineStart + 1) }
        var col = 1
        var i = lineStart
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        return SourceLocation(line: line, column: col)
    }
    private var here: SourceLocation { location(pos, line: line, lineStart: lineStart) }

    private mutating func error(_ message: String, _ range: SourceRange) {
        diagnostics.append(.error(message, at: range))
    }

    /// Stores a token's text; returns its index for the TokenKind.
    private mutating func keep(_ text: String) -> Int {
        texts.append(text)
        return texts.count - 1
    }

    private func peek(_ k: Int = 0) -> UInt8 { pos + k < bytes.count ? bytes[pos + k] : 0 }

    private mutating func newLine() {
        line += 1
        lineStart = pos
    }

    // MARK: tokens

    /// Lexes the whole input, or up to the point where as many errors as are kept have been found
    /// (the rest of a file that broken would only be more of them). Always ends with `.newline`
    /// (if the last line had tokens) and `.eof`.
    mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 4)
        texts.reserveCapacity(bytes.count / 16)
        while true {
            var t = next()
            if diagnostics.isFull { t = Token(kind: .eof, range: t.range) }
            if case .newline = t.kind, lastWasNewline { continue }
            if case .eof = t.kind {
                if !lastWasNewline { tokens.append(Token(kind: .newline, range: t.range)) }
                tokens.append(t)
                return tokens
            }
            if case .newline = t.kind { lastWasNewline = true } else { lastWasNewline = false }
            tokens.append(t)
        }
    }

    @inline(__always)  // called per token from tokenize: outlined, ~1% of parse+validate (xm-bench)
    private mutating func next() -> Token {
        var indented = false
        while pos < bytes.count {
            let c = bytes[pos]
            switch c {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C:
                if atLineStart { indented = true }
                pos += 1
            case UInt8(ascii: "\r"):
                pos += 1
            case UInt8(ascii: "#"):
                // To the end of the line.
                let newline = UInt8(ascii: "\n")
                pos = Byte.firstIndex(in: bytes, from: pos, of: newline, newline, newline)
            case UInt8(ascii: "\\"):
                // An explicit line join: backslash, optional \r, newline.
                var k = pos + 1
                if k < bytes.count, bytes[k] == UInt8(ascii: "\r") { k += 1 }
                if k < bytes.count, bytes[k] == UInt8(ascii: "\n") {
                    pos = k + 1
                    newLine()
                } else {
                    let start = here
                    pos += 1
                    error("unexpected '\\' (a line continuation must end its line)", SourceRange(at: start))
                }
            case UInt8(ascii: "\n"):
                // The end of a CRLF line is where its "\r" is: the column right after the text.
                var start = here
                if pos > lineStart, bytes[pos - 1] == UInt8(ascii: "\r") {
                    start = location(pos - 1, line: line, lineStart: lineStart)
                }
                pos += 1
                newLine()
                if depth == 0 {
                    atLineStart = true
                    indented = false
                    return Token(kind: .newline, range: SourceRange(at: start))
                }
            default:
                let wasLineStart = atLineStart
                atLineStart = false
                var t = lexToken(c)
                switch t.kind {
                case .eof, .newline: break
                default: t.indented = wasLineStart && indented
                }
                return t
            }
        }
        let end = here
        return Token(kind: .eof, range: SourceRange(end, end))
    }

    private mutating func lexToken(_ c: UInt8) -> Token {
        let startLine = line
        let startLineStart = lineStart
        let startPos = pos
        func range(_ l: inout Lexer) -> SourceRange {
            SourceRange(l.location(startPos, line: startLine, lineStart: startLineStart), l.here)
        }
        if isIdentStart(c) {
            // A string prefix (u, r, b, ur, br, rb in any case) directly followed by a quote.
            var k = pos
            while k < bytes.count, k - pos < 2, isPrefixLetter(bytes[k]) { k += 1 }
            if k < bytes.count, bytes[k] == UInt8(ascii: "'") || bytes[k] == UInt8(ascii: "\""),
                validPrefix(bytes[pos..<k])
            {
                let raw = bytes[pos..<k].contains { $0 | 0x20 == UInt8(ascii: "r") }
                pos = k
                return lexString(raw: raw, startPos: startPos, startLine: startLine, startLineStart: startLineStart)
            }
            while pos < bytes.count, isIdentChar(bytes[pos]) { pos += 1 }
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[startPos..<pos]), as: UTF8.self)
            return Token(
                kind: .name(keep(name)), range: range(&self), isKeyword: PythonKeyword.matches(bytes[startPos..<pos]))
        }
        if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
            return lexString(raw: false, startPos: startPos, startLine: startLine, startLineStart: startLineStart)
        }
        if isDigit(c) || (c == UInt8(ascii: ".") && isDigit(peek(1))) {
            return lexNumber(startPos: startPos, startLine: startLine, startLineStart: startLineStart)
        }
        guard let (op, length) = Op.match(c, peek(1), peek(2)) else {
            // Skip the whole (possibly multi-byte) character so the next token starts cleanly.
            pos += 1
            while pos < bytes.count, bytes[pos] & 0xC0 == 0x80 { pos += 1 }
            let text = String(decoding: bytes[startPos..<pos], as: UTF8.self)
            let shown = c < 0x20 || c == 0x7F ? "\\x" + String(c, radix: 16) : text
            error("unexpected character '\(shown)'", range(&self))
            return next()
        }
        pos += length
        switch op {
        case .lparen, .lbracket, .lbrace: depth += 1
        case .rparen, .rbracket, .rbrace: depth = max(0, depth - 1)
        default: break
        }
        return Token(kind: .op(op), range: range(&self))
    }

    // MARK: numbers

    private mutating func lexNumber(startPos: Int, startLine: Int, startLineStart: Int) -> Token {
        func range(_ l: Lexer) -> SourceRange {
            SourceRange(l.location(startPos, line: startLine, lineStart: startLineStart), l.here)
        }
        if let value = plainDecimal() { return Token(kind: .int(value), range: range(self)) }
        var radix = 10
        var digitsStart = pos
        var isFloat = false
        if bytes[pos] == UInt8(ascii: "0"), pos + 1 < bytes.count {
            switch bytes[pos + 1] | 0x20 {
            case UInt8(ascii: "x"):
                radix = 16
                pos += 2
                digitsStart = pos
            case UInt8(ascii: "o"):
                radix = 8
                pos += 2
                digitsStart = pos
            case UInt8(ascii: "b"):
                radix = 2
                pos += 2
                digitsStart = pos
            default: break
            }
        }
        if radix == 10 {
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "."),
                !(pos + 1 < bytes.count && isIdentStart(bytes[pos + 1]) && bytes[pos + 1] | 0x20 != UInt8(ascii: "e"))
            {
                isFloat = true
                pos += 1
                while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
            }
            if pos < bytes.count, bytes[pos] | 0x20 == UInt8(ascii: "e") {
                var k = pos + 1
                if k < bytes.count, bytes[k] == UInt8(ascii: "+") || bytes[k] == UInt8(ascii: "-") { k += 1 }
                if k < bytes.count, isDigit(bytes[k]) {
                    isFloat = true
                    pos = k
                    while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
                }
            }
        } else {
            while pos < bytes.count, isIdentChar(bytes[pos]) { pos += 1 }
        }
        if !isFloat, radix == 10, pos < bytes.count, bytes[pos] | 0x20 == UInt8(ascii: "l"),
            !(pos + 1 < bytes.count && isIdentChar(bytes[pos + 1]))
        {
            pos += 1
        }
        let digits = String(decoding: bytes[digitsStart..<pos], as: UTF8.self)
        // Python 2 long literals (`10L`) are plain ints to us.
        var text = digits
        if !isFloat, let last = text.last, last == "L" || last == "l" { text.removeLast() }
        if pos < bytes.count, isIdentChar(bytes[pos]) {
            // Point at the first character that does not belong: the unit in `2048M`.
            let suffixStart = here
            while pos < bytes.count, isIdentChar(bytes[pos]) { pos += 1 }
            error(
                "invalid number '\(String(decoding: bytes[startPos..<pos], as: UTF8.self))'",
                SourceRange(suffixStart, here))
            return Token(kind: .int(0), range: range(self))
        }
        if isFloat {
            guard let f = Double(text) else {
                error("invalid number '\(text)'", range(self))
                return Token(kind: .int(0), range: range(self))
            }
            return Token(kind: .float(f), range: range(self))
        }
        // Python 2 reads a leading 0 as octal (`0755`), which is what xm saw.
        if radix == 10, text.count > 1, text.first == "0" {
            radix = 8
            text.removeFirst()
        }
        guard !text.isEmpty, let v = Int(text, radix: radix) else {
            let shown = String(decoding: bytes[startPos..<pos], as: UTF8.self)
            let validDigits = !text.isEmpty && text.allSatisfy { $0.hexDigitValue.map { $0 < radix } ?? false }
            let why = validDigits ? "is too large" : "is not a valid base-\(radix) number"
            error("number '\(shown)' \(why)", range(self))
            return Token(kind: .int(0), range: range(self))
        }
        return Token(kind: .int(v), range: range(self))
    }

    /// Most numbers are plain decimals (`512`, not `0x200`, `1.5`, `010` or `2048M`): read their
    /// value from the bytes without building their text. nil (and nothing consumed) otherwise,
    /// or when the value overflows, which the general path reports.
    private mutating func plainDecimal() -> Int? {
        var j = pos
        var value = 0
        while j < bytes.count, isDigit(bytes[j]) {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(bytes[j] - UInt8(ascii: "0")))
            if o1 || o2 { return nil }
            value = sum
            j += 1
        }
        guard j > pos, j - pos == 1 || bytes[pos] != UInt8(ascii: "0") else { return nil }
        if j < bytes.count, bytes[j] == UInt8(ascii: ".") || isIdentChar(bytes[j]) { return nil }
        pos = j
        return value
    }

    // MARK: strings

    private mutating func lexString(raw: Bool, startPos: Int, startLine: Int, startLineStart: Int) -> Token {
        let startLoc = location(startPos, line: startLine, lineStart: startLineStart)
        let quote = bytes[pos]
        let triple = peek(1) == quote && peek(2) == quote
        pos += triple ? 3 : 1
        // Most strings are one line without escapes: take their bytes in one piece.
        if !triple {
            let end = Byte.firstIndex(in: bytes, from: pos, of: quote, UInt8(ascii: "\\"), UInt8(ascii: "\n"))
            if end < bytes.count, bytes[end] == quote {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[pos..<end]), as: UTF8.self)
                pos = end + 1
                return Token(kind: .string(keep(text)), range: SourceRange(startLoc, here))
            }
        }
        var out: [UInt8] = []
        while true {
            guard pos < bytes.count else {
                error(triple ? "unterminated triple-quoted string" : "unterminated string", SourceRange(at: startLoc))
                return Token(
                    kind: .string(keep(String(decoding: out, as: UTF8.self))), range: SourceRange(startLoc, here))
            }
            let c = bytes[pos]
            if c == quote {
                if !triple {
                    pos += 1
                    break
                }
                if peek(1) == quote && peek(2) == quote {
                    pos += 3
                    break
                }
                out.append(c)
                pos += 1
                continue
            }
            if c == UInt8(ascii: "\n") {
                if !triple {
                    error(
                        "unterminated string (a string in quotes must end on its line; use triple quotes for several lines)",
                        SourceRange(at: startLoc))
                    return Token(
                        kind: .string(keep(String(decoding: out, as: UTF8.self))), range: SourceRange(startLoc, here))
                }
                out.append(c)
                pos += 1
                newLine()
                continue
            }
            if c == UInt8(ascii: "\\"), pos + 1 < bytes.count {
                if raw {
                    // Raw strings keep the backslash, but it still protects a quote or a newline.
                    out.append(c)
                    out.append(bytes[pos + 1])
                    if bytes[pos + 1] == UInt8(ascii: "\n") {
                        pos += 2
                        newLine()
                    } else {
                        pos += 2
                    }
                    continue
                }
                lexEscape(into: &out)
                continue
            }
            out.append(c)
            pos += 1
        }
        return Token(kind: .string(keep(String(decoding: out, as: UTF8.self))), range: SourceRange(startLoc, here))
    }

    /// Python 2's escapes. Unknown ones keep their backslash, as Python did.
    private mutating func lexEscape(into out: inout [UInt8]) {
        let escStart = here
        let e = bytes[pos + 1]
        pos += 2
        func append(scalar v: UInt32) {
            if let s = Unicode.Scalar(v) { out.append(contentsOf: Array(String(Character(s)).utf8)) }
        }
        switch e {
        case UInt8(ascii: "\n"): newLine()
        case UInt8(ascii: "\r") where peek() == UInt8(ascii: "\n"):
            pos += 1
            newLine()
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(e)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "a"): out.append(0x07)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "v"): out.append(0x0B)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var v = UInt32(e - UInt8(ascii: "0"))
            var n = 1
            while n < 3, pos < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[pos]) {
                v = v * 8 + UInt32(bytes[pos] - UInt8(ascii: "0"))
                pos += 1
                n += 1
            }
            append(scalar: v & 0xFF)
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let width = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
            var v: UInt32 = 0
            var n = 0
            while n < width, pos < bytes.count, let d = hexValue(bytes[pos]) {
                v = v &* 16 &+ UInt32(d)
                pos += 1
                n += 1
            }
            if n < width || Unicode.Scalar(v) == nil {
                error("invalid \\\(String(UnicodeScalar(e))) escape in string", SourceRange(escStart, here))
            } else {
                append(scalar: v)
            }
        default:
            out.append(UInt8(ascii: "\\"))
            out.append(e)
        }
    }
}

private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
private func isIdentStart(_ c: UInt8) -> Bool { Byte.isIdentifierStart(c) }
private func isIdentChar(_ c: UInt8) -> Bool { Byte.isIdentifier(c) }
private func isPrefixLetter(_ c: UInt8) -> Bool {
    let l = c | 0x20
    return l == UInt8(ascii: "u") || l == UInt8(ascii: "r") || l == UInt8(ascii: "b")
}
private func validPrefix(_ p: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    let s = String(decoding: p.map { $0 | 0x20 }, as: UTF8.self)
    return ["u", "r", "b", "ur", "br", "rb"].contains(s)
}
private func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
}
