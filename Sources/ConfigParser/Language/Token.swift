/// The tokens of the vm.cfg language: Python 2's, minus what a config can never need.
enum TokenKind: Equatable, Sendable {
    case name(String)
    case int(Int)
    case float(Double)
    case string(String)
    /// `= + - * / // % ** += ( ) [ ] { } , : ; .` and the operators we only recognise to reject
    /// them clearly (`== < > ...`).
    case op(String)
    /// The end of a logical line (never emitted inside brackets).
    case newline
    case eof
}

struct Token: Sendable {
    var kind: TokenKind
    var range: SourceRange
    /// Whether whitespace preceded the token at the start of a logical line (Python's indent).
    var indented: Bool = false

    var opText: String? { if case .op(let o) = kind { o } else { nil } }
    func isOp(_ o: String) -> Bool { if case .op(let x) = kind { x == o } else { false } }
    var nameText: String? { if case .name(let n) = kind { n } else { nil } }

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case .name(let n): "'\(n)'"
        case .int(let i): "number \(i)"
        case .float(let f): "number \(f)"
        case .string: "string"
        case .op(let o): "'\(o)'"
        case .newline: "end of line"
        case .eof: "end of file"
        }
    }
}

/// Python keywords. A config that uses one is trying to run code, which we never do.
let pythonKeywords: Set<String> = [
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "exec", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "print", "raise", "return", "try", "while", "with",
    "yield",
]
