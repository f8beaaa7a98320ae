/// The tokens of the vm.cfg language: Python 2's, minus what a config can never need.
/// No case holds a String (a name's or string's text is in the lexer's `texts`, at the index the
/// case holds): tokens are then plain bytes, copied without reference counting.
enum TokenKind: Equatable, Sendable {
    case name(Int)
    case int(Int)
    case float(Double)
    case string(Int)
    case op(Op)
    /// The end of a logical line (never emitted inside brackets).
    case newline
    case eof
}

/// `= + - * / // % ** += ( ) [ ] { } , : ; .` and the operators we only recognise to reject them
/// clearly (`== < > ...`). A small enum rather than a String: the parser tests operators on every
/// token, and comparing enum cases costs nothing.
enum Op: String, Sendable {
    case lparen = "("
    case rparen = ")"
    case lbracket = "["
    case rbracket = "]"
    case lbrace = "{"
    case rbrace = "}"
    case assign = "="
    case comma = ","
    case colon = ":"
    case semicolon = ";"
    case dot = "."
    case plus = "+"
    case minus = "-"
    case star = "*"
    case slash = "/"
    case percent = "%"
    case floorDiv = "//"
    case power = "**"
    case tilde = "~"
    case at = "@"
    case backtick = "`"
    case arrow = "->"
    case plusAssign = "+="
    case minusAssign = "-="
    case starAssign = "*="
    case slashAssign = "/="
    case percentAssign = "%="
    case floorDivAssign = "//="
    case powerAssign = "**="
    case andAssign = "&="
    case orAssign = "|="
    case xorAssign = "^="
    case shiftLeftAssign = "<<="
    case shiftRightAssign = ">>="
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case greater = ">"
    case lessEqual = "<="
    case greaterEqual = ">="
    case lessGreater = "<>"
    case ampersand = "&"
    case pipe = "|"
    case caret = "^"
    case shiftLeft = "<<"
    case shiftRight = ">>"

    var text: String { rawValue }

    /// The operator at the start of `c0 c1 c2`, longest first, and its length in bytes; nil when
    /// `c0` starts no operator (`!` alone, `$`, ...).
    static func match(_ c0: UInt8, _ c1: UInt8, _ c2: UInt8) -> (Op, Int)? {
        let eq = UInt8(ascii: "=")
        /// `x`, `x=`, and for doubled operators `xx` and `xx=`.
        func family(_ single: Op?, _ assign: Op?, doubled: Op? = nil, doubledAssign: Op? = nil) -> (Op, Int)? {
            if c1 == c0, let doubled {
                if c2 == eq, let doubledAssign { return (doubledAssign, 3) }
                return (doubled, 2)
            }
            if c1 == eq, let assign { return (assign, 2) }
            return single.map { ($0, 1) }
        }
        switch c0 {
        case UInt8(ascii: "("): return (.lparen, 1)
        case UInt8(ascii: ")"): return (.rparen, 1)
        case UInt8(ascii: "["): return (.lbracket, 1)
        case UInt8(ascii: "]"): return (.rbracket, 1)
        case UInt8(ascii: "{"): return (.lbrace, 1)
        case UInt8(ascii: "}"): return (.rbrace, 1)
        case UInt8(ascii: ","): return (.comma, 1)
        case UInt8(ascii: ":"): return (.colon, 1)
        case UInt8(ascii: ";"): return (.semicolon, 1)
        case UInt8(ascii: "."): return (.dot, 1)
        case UInt8(ascii: "~"): return (.tilde, 1)
        case UInt8(ascii: "@"): return (.at, 1)
        case UInt8(ascii: "`"): return (.backtick, 1)
        case UInt8(ascii: "="): return family(.assign, .equal)
        case UInt8(ascii: "!"): return family(nil, .notEqual)
        case UInt8(ascii: "+"): return family(.plus, .plusAssign)
        case UInt8(ascii: "-"): return c1 == UInt8(ascii: ">") ? (.arrow, 2) : family(.minus, .minusAssign)
        case UInt8(ascii: "%"): return family(.percent, .percentAssign)
        case UInt8(ascii: "&"): return family(.ampersand, .andAssign)
        case UInt8(ascii: "|"): return family(.pipe, .orAssign)
        case UInt8(ascii: "^"): return family(.caret, .xorAssign)
        case UInt8(ascii: "*"): return family(.star, .starAssign, doubled: .power, doubledAssign: .powerAssign)
        case UInt8(ascii: "/"): return family(.slash, .slashAssign, doubled: .floorDiv, doubledAssign: .floorDivAssign)
        case UInt8(ascii: "<"):
            if c1 == UInt8(ascii: ">") { return (.lessGreater, 2) }
            return family(.less, .lessEqual, doubled: .shiftLeft, doubledAssign: .shiftLeftAssign)
        case UInt8(ascii: ">"):
            return family(.greater, .greaterEqual, doubled: .shiftRight, doubledAssign: .shiftRightAssign)
        default: return nil
        }
    }

    /// For `+=` and its kin, the operator applied (`+`); nil for every other operator.
    var augmentedBase: String? {
        switch self {
        case .plusAssign: "+"
        case .minusAssign: "-"
        case .starAssign: "*"
        case .slashAssign: "/"
        case .floorDivAssign: "//"
        case .percentAssign: "%"
        default: nil
        }
    }

    var isCloser: Bool { self == .rparen || self == .rbracket || self == .rbrace }
}

struct Token: Sendable {
    var kind: TokenKind
    var range: SourceRange
    /// Whether whitespace preceded the token at the start of a logical line (Python's indent).
    var indented: Bool = false
    /// A name that is a Python keyword (decided once, by the lexer).
    var isKeyword: Bool = false

    var opText: String? { if case .op(let o) = kind { o.text } else { nil } }
    func isOp(_ o: Op) -> Bool { if case .op(let x) = kind { x == o } else { false } }
    func nameText(_ texts: [String]) -> String? { if case .name(let n) = kind { texts[n] } else { nil } }

    /// How the token reads in an error message.
    func display(_ texts: [String]) -> String {
        switch kind {
        case .name(let n): "'\(texts[n])'"
        case .int(let i): "number \(i)"
        case .float(let f): "number \(f)"
        case .string: "string"
        case .op(let o): "'\(o.text)'"
        case .newline: "end of line"
        case .eof: "end of file"
        }
    }
}

/// Python keywords. A config that uses one is trying to run code, which we never do.
package enum PythonKeyword {
    package static let all = [
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
        "else", "except", "exec", "finally", "for", "from", "global", "if", "import", "in", "is",
        "lambda", "nonlocal", "not", "or", "pass", "print", "raise", "return", "try", "while", "with",
        "yield",
    ]

    /// Every keyword fits in 8 bytes: packed into an integer each, a name is compared with them as
    /// integers (identifier bytes are never 0, so packing keeps different names apart). Sorted, so
    /// the ~35 are searched in 6 steps.
    private static let packed: [UInt64] = all.map { pack($0.utf8) }.sorted()

    /// For each length up to 8, the first letters keywords of that length start with (bit 0 = 'a'):
    /// every name token is checked, and this rules out nearly all config keys at once (`memory`,
    /// `disk`, `vif`, `name`: no keyword has their length and first letter).
    private static let firstLetters: [UInt32] = (0...8).map { length in
        all.filter { $0.utf8.count == length }.reduce(0) { $0 | 1 << UInt32($1.utf8.first! - UInt8(ascii: "a")) }
    }

    package static func matches<Bytes: Collection<UInt8>>(_ name: Bytes) -> Bool {
        guard name.count >= 2, name.count <= 8, let first = name.first,
            first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"),
            firstLetters[name.count] & 1 << UInt32(first - UInt8(ascii: "a")) != 0
        else { return false }
        let key = pack(name)
        var low = 0
        var high = packed.count
        while low < high {
            let mid = (low + high) / 2
            if packed[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low < packed.count && packed[low] == key
    }

    private static func pack<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
