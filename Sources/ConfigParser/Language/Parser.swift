/// Reads a vm.cfg the way xm's `execfile` saw it, without executing anything: a parser for the
/// Python literal subset with a small, side-effect-free evaluator for the expressions real configs
/// use. Anything beyond that is reported at its line and column and skipped.
public enum VMConfigParser {
    /// Parses and evaluates `source`. `variables` are xm's command-line `name=value` words, bound
    /// before the file is read. Always returns a ConfigFile (with whatever could be read) and the
    /// diagnostics; the file is valid when they hold no error.
    public static func parse(
        _ source: SourceFile, variables: [(name: String, value: String)] = []
    ) -> (ConfigFile, Diagnostics) {
        var lexer = Lexer(source.text)
        let tokens = lexer.tokenize()
        var parser = Parser(tokens: tokens)
        var typed: [String: ConfigValue] = [:]
        var order: [String] = []
        for v in variables {
            if typed[v.name] == nil { order.append(v.name) }
            let value = ConfigValue(commandLineValue(v.value), range: .commandLine)
            typed[v.name] = value
            parser.env[v.name] = value
        }
        parser.diagnostics.append(contentsOf: lexer.diagnostics)
        parser.parseFile()
        var file = ConfigFile(source: source, assignments: parser.assignments, variables: typed, variableOrder: order)
        file.referencedNames = parser.referenced
        return (file, parser.diagnostics)
    }

    /// Convenience for a path and its text.
    public static func parse(path: String, text: String, variables: [(name: String, value: String)] = [])
        -> (ConfigFile, Diagnostics)
    {
        parse(SourceFile(path: path, text: text), variables: variables)
    }

    /// xm's rule for `name=value` on the command line: a value that reads as a number is a number.
    public static func commandLineValue(_ text: String) -> ConfigValue.Kind {
        if let i = Int(text) { return .int(i) }
        if text.contains(where: { $0.isNumber }), !text.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }),
           let f = Double(text) {
            return .float(f)
        }
        return .string(text)
    }
}

/// Thrown inside a statement; the statement is abandoned and parsing resumes at the next one.
enum ParseFailure: Error {
    case reported
    /// A value that depends on an earlier failed one: stay quiet, the first error says it all.
    case poisoned
}

/// Limits that keep a hostile or corrupt file from exhausting the stack or memory.
enum Limits {
    static let nesting = 200
    static let valueBytes = 16 << 20
    static let formatWidth = 100_000
}

struct Parser {
    let tokens: [Token]
    var i = 0
    var env: [String: ConfigValue] = [:]
    var poisoned: Set<String> = []
    var diagnostics = Diagnostics()
    var assignments: [Assignment] = []
    /// Names some expression read: helpers such as `repo = '/OVS/...'`, not options.
    var referenced: Set<String> = []
    var depth = 0

    init(tokens: [Token]) { self.tokens = tokens }

    var tok: Token { tokens[i] }
    func peek(_ k: Int) -> Token { tokens[min(i + k, tokens.count - 1)] }
    mutating func advance() { if i < tokens.count - 1 { i += 1 } }

    mutating func fail(_ message: String, at range: SourceRange, hint: String? = nil) -> ParseFailure {
        diagnostics.error(message, at: range, hint: hint)
        return .reported
    }

    // MARK: statements

    mutating func parseFile() {
        while true {
            switch tok.kind {
            case .eof: return
            case .newline, .op(";"):
                advance()
                continue
            default: break
            }
            do {
                try parseStatement()
                try endOfStatement()
            } catch {
                recover()
            }
        }
    }

    private mutating func endOfStatement() throws {
        switch tok.kind {
        case .newline, .eof: return
        case .op(";"):
            advance()
        case .op(let closer) where [")", "]", "}"].contains(closer):
            throw fail("unmatched '\(closer)'", at: tok.range)
        default:
            throw fail("expected end of line, found \(tok.display)", at: tok.range)
        }
    }

    /// Skips the rest of a broken statement. After a block header (`if x:`, `def f():`) the
    /// indented body goes too, so one `if` gives one error, not one per body line.
    private mutating func recover() {
        var sawColon = false
        while true {
            switch tok.kind {
            case .eof: return
            case .newline:
                advance()
                if sawColon {
                    while tok.indented && tok.kind != .eof {
                        while tok.kind != .newline && tok.kind != .eof { advance() }
                        if tok.kind == .newline { advance() }
                    }
                }
                return
            case .op(";") where !sawColon:
                advance()
                return
            case .op(":"):
                sawColon = true
                advance()
            default:
                advance()
            }
        }
    }

    private mutating func parseStatement() throws {
        let first = tok
        if first.indented {
            diagnostics.warning("unexpected indent: xm (Python) rejects an indented line at the top level; xl accepts it",
                                at: first.range)
        }
        guard case .name(let name) = first.kind else {
            throw fail("expected a setting name, found \(first.display)", at: first.range,
                       hint: "a config line reads: name = value")
        }
        if pythonKeywords.contains(name) { throw keywordStatement(name, at: first.range) }
        switch peek(1).kind {
        case .op("="):
            try parseAssignment()
        case .op(let op) where ["+=", "-=", "*=", "/=", "//=", "%="].contains(op):
            try parseAugmentedAssignment(op: String(op.dropLast()))
        case .op(","):
            throw fail("unpacking assignments ('a, b = ...') are not supported", at: first.range,
                       hint: "assign each name on its own line")
        case .op("("), .op("."), .op("["):
            _ = try parseExpression()
            throw fail("expected '=' after '\(name)'", at: first.range)
        default:
            throw fail("expected '=' after '\(name)', found \(peek(1).display)", at: peek(1).range,
                       hint: "a config line reads: name = value")
        }
    }

    private mutating func keywordStatement(_ keyword: String, at range: SourceRange) -> ParseFailure {
        let message: String
        switch keyword {
        case "import", "from":
            message = "'\(keyword)' is not allowed: a config file is read, never executed"
        case "def", "class", "lambda":
            message = "'\(keyword)' is not allowed: a config file cannot define functions or classes"
        case "if", "elif", "else", "for", "while", "try", "except", "finally", "with":
            message = "'\(keyword)' statements are not allowed: a config file has no control flow"
        case "print", "exec", "del", "global", "nonlocal", "assert", "raise", "return", "yield", "pass",
             "break", "continue":
            message = "'\(keyword)' statements are not allowed: a config file only assigns settings"
        default:
            message = "'\(keyword)' is a Python keyword and cannot be used as a setting name"
        }
        return fail(message, at: range)
    }

    private mutating func parseAssignment() throws {
        // Chained assignment (`a = b = 1`) binds every target to the same value, as Python does.
        var targets: [(String, SourceRange)] = []
        while case .name(let n) = tok.kind, peek(1).isOp("=") {
            if pythonKeywords.contains(n) || ["True", "False", "None"].contains(n) {
                throw fail("cannot assign to '\(n)'", at: tok.range)
            }
            targets.append((n, tok.range))
            advance()
            advance()
        }
        do {
            let value = try parseExpressionList()
            for (n, r) in targets {
                env[n] = value
                poisoned.remove(n)
                assignments.append(Assignment(name: n, nameRange: r, value: value))
            }
        } catch {
            for (n, _) in targets {
                poisoned.insert(n)
                env[n] = nil
            }
            throw error
        }
    }

    private mutating func parseAugmentedAssignment(op: String) throws {
        guard case .name(let name) = tok.kind else { return }
        let nameRange = tok.range
        let opRange = peek(1).range
        advance()
        advance()
        do {
            guard let current = env[name] else {
                if poisoned.contains(name) { throw ParseFailure.poisoned }
                throw fail("name '\(name)' is not defined", at: nameRange,
                           hint: "'\(op)=' needs an earlier value")
            }
            let rhs = try parseExpressionList()
            let value = try binary(op, current, rhs, opRange: opRange)
            env[name] = value
            assignments.append(Assignment(name: name, nameRange: nameRange, value: value))
        } catch {
            poisoned.insert(name)
            env[name] = nil
            throw error
        }
    }

    // MARK: expressions

    /// `a, b` without brackets is a tuple, as in Python.
    mutating func parseExpressionList() throws -> ConfigValue {
        let first = try parseExpression()
        guard tok.isOp(",") else { return first }
        var items = [first]
        while tok.isOp(",") {
            advance()
            if case .newline = tok.kind { break }
            if case .eof = tok.kind { break }
            if tok.isOp(";") { break }
            items.append(try parseExpression())
        }
        return ConfigValue(.tuple(items), range: first.range.union(items.last!.range))
    }

    mutating func parseExpression() throws -> ConfigValue {
        let value = try parseArithmetic()
        if case .op(let op) = tok.kind, ["==", "!=", "<", ">", "<=", ">=", "<>"].contains(op) {
            throw fail("comparisons ('\(op)') are not supported: a config file only assigns values", at: tok.range)
        }
        if case .op(let op) = tok.kind, ["|", "&", "^", "<<", ">>"].contains(op) {
            throw fail("operator '\(op)' is not supported", at: tok.range,
                       hint: "supported: + - * / // % ** and %-formatting")
        }
        if case .name(let kw) = tok.kind, ["and", "or", "if", "in", "is", "not", "for", "else"].contains(kw) {
            throw fail("'\(kw)' is not supported in a value: a config file has no logic", at: tok.range)
        }
        return value
    }

    private mutating func parseArithmetic() throws -> ConfigValue {
        var lhs = try parseTerm()
        while case .op(let op) = tok.kind, op == "+" || op == "-" {
            let opRange = tok.range
            advance()
            let rhs = try parseTerm()
            lhs = try binary(op, lhs, rhs, opRange: opRange)
        }
        return lhs
    }

    private mutating func parseTerm() throws -> ConfigValue {
        var lhs = try parseUnary()
        while case .op(let op) = tok.kind, ["*", "/", "//", "%"].contains(op) {
            let opRange = tok.range
            advance()
            let rhs = try parseUnary()
            lhs = try binary(op, lhs, rhs, opRange: opRange)
        }
        return lhs
    }

    private mutating func parseUnary() throws -> ConfigValue {
        if case .op(let op) = tok.kind, op == "-" || op == "+" || op == "~" {
            let opRange = tok.range
            advance()
            try enter(at: opRange)
            defer { depth -= 1 }
            let operand = try parseUnary()
            return try unary(op, operand, opRange: opRange)
        }
        if case .name("not") = tok.kind {
            throw fail("'not' is not supported in a value: a config file has no logic", at: tok.range)
        }
        return try parsePower()
    }

    private mutating func parsePower() throws -> ConfigValue {
        let base = try parsePrimary()
        guard tok.isOp("**") else { return base }
        let opRange = tok.range
        advance()
        try enter(at: opRange)
        defer { depth -= 1 }
        let exponent = try parseUnary()
        return try binary("**", base, exponent, opRange: opRange)
    }

    private mutating func enter(at range: SourceRange) throws {
        depth += 1
        if depth > Limits.nesting {
            throw fail("expression nested too deeply (more than \(Limits.nesting) levels)", at: range)
        }
    }

    private mutating func parsePrimary() throws -> ConfigValue {
        let start = tok
        let value = try parseAtom()
        switch tok.kind {
        case .op("("):
            let callee = start.nameText ?? "expression"
            throw fail("calls are not allowed ('\(callee)(...)'): a config file is read, never executed",
                       at: start.range)
        case .op("."):
            var dotted = start.nameText ?? "value"
            if case .name(let attr) = peek(1).kind { dotted += "." + attr }
            throw fail("attribute access ('\(dotted)') is not allowed: a config file is read, never executed",
                       at: tok.range)
        case .op("["):
            throw fail("subscripts ('[...]' after a value) are not supported", at: tok.range)
        default:
            return value
        }
    }

    private mutating func parseAtom() throws -> ConfigValue {
        let t = tok
        switch t.kind {
        case .int(let v):
            advance()
            return ConfigValue(.int(v), range: t.range)
        case .float(let v):
            advance()
            return ConfigValue(.float(v), range: t.range)
        case .string(let s):
            // Adjacent literals concatenate ('a' 'b' == 'ab'), as in Python.
            advance()
            var text = s
            var range = t.range
            while case .string(let more) = tok.kind {
                text += more
                range = range.union(tok.range)
                advance()
            }
            return ConfigValue(.string(text), range: range)
        case .name(let n):
            advance()
            switch n {
            case "True": return ConfigValue(.bool(true), range: t.range)
            case "False": return ConfigValue(.bool(false), range: t.range)
            case "None": return ConfigValue(.none, range: t.range)
            default: break
            }
            if n == "lambda" {
                throw fail("'lambda' is not allowed: a config file cannot define functions", at: t.range)
            }
            if pythonKeywords.contains(n) {
                throw fail("expected a value, found keyword '\(n)'", at: t.range)
            }
            // `f(...)` and `a.b` are reported as what they are, not as unbound names.
            if tok.isOp("(") || tok.isOp(".") { return ConfigValue(.none, range: t.range) }
            if let v = env[n] {
                referenced.insert(n)
                var used = v
                used.range = t.range
                return used
            }
            if poisoned.contains(n) { throw ParseFailure.poisoned }
            throw fail("name '\(n)' is not defined", at: t.range,
                       hint: "assign it earlier in the file or pass it on the command line: \(n)=VALUE")
        case .op("("):
            return try parseBracketed(open: t, close: ")")
        case .op("["):
            return try parseBracketed(open: t, close: "]")
        case .op("{"):
            return try parseDict(open: t)
        case .eof:
            throw fail("expected a value, found end of file", at: t.range)
        case .newline:
            throw fail("expected a value, found end of line", at: t.range)
        default:
            throw fail("expected a value, found \(t.display)", at: t.range)
        }
    }

    /// `( )` and `[ ]`: a parenthesised expression, a tuple, or a list; trailing commas allowed.
    private mutating func parseBracketed(open: Token, close: String) throws -> ConfigValue {
        try enter(at: open.range)
        defer { depth -= 1 }
        advance()
        var items: [ConfigValue] = []
        var sawComma = false
        while !tok.isOp(close) {
            try checkUnclosed(open: open, close: close)
            if let forToken = comprehensionKeyword() {
                throw fail("comprehensions (a 'for' inside brackets) are not supported: write the items out", at: forToken.range)
            }
            items.append(try parseExpression())
            if tok.isOp(",") {
                sawComma = true
                advance()
            } else if !tok.isOp(close) {
                try checkUnclosed(open: open, close: close)
                throw fail("expected ',' or '\(close)', found \(tok.display)", at: tok.range)
            }
        }
        let range = open.range.union(tok.range)
        advance()
        if close == "]" { return ConfigValue(.list(items), range: range) }
        if items.count == 1 && !sawComma {
            var inner = items[0]
            inner.range = range
            return inner
        }
        return ConfigValue(.tuple(items), range: range)
    }

    /// Inside brackets the lexer joins lines, so an end of line or file here means the bracket
    /// was never closed; a different closing bracket means a mismatch.
    private mutating func checkUnclosed(open: Token, close: String) throws {
        switch tok.kind {
        case .eof, .newline:
            throw fail("'\(open.opText!)' was never closed", at: open.range)
        case .op(let other) where [")", "]", "}"].contains(other) && other != close:
            throw fail("closing '\(other)' does not match opening '\(open.opText!)' at \(open.range.start)",
                       at: tok.range)
        default:
            return
        }
    }

    /// Looks ahead within the current item for a `for` at this bracket level: a comprehension,
    /// which must be reported before its loop variable is mistaken for an unbound name.
    private func comprehensionKeyword() -> Token? {
        var k = i
        var level = 0
        while k < tokens.count {
            let t = tokens[k]
            switch t.kind {
            case .eof, .newline: return nil
            case .op("("), .op("["), .op("{"): level += 1
            case .op(")"), .op("]"), .op("}"):
                if level == 0 { return nil }
                level -= 1
            case .op(",") where level == 0: return nil
            case .name("for") where level == 0: return t
            default: break
            }
            k += 1
        }
        return nil
    }

    private mutating func parseDict(open: Token) throws -> ConfigValue {
        try enter(at: open.range)
        defer { depth -= 1 }
        advance()
        var entries: [ConfigValue.DictEntry] = []
        while !tok.isOp("}") {
            try checkUnclosed(open: open, close: "}")
            let key = try parseExpression()
            switch key.kind {
            case .list, .dict: throw fail("unhashable type '\(key.typeName)' as a dict key", at: key.range)
            default: break
            }
            guard tok.isOp(":") else {
                if tok.isOp(",") || tok.isOp("}") {
                    throw fail("sets are not supported; a dict entry reads key: value", at: key.range)
                }
                throw fail("expected ':' after a dict key, found \(tok.display)", at: tok.range)
            }
            advance()
            let value = try parseExpression()
            if let i = entries.firstIndex(where: { $0.key.kind == key.kind }) {
                entries[i].value = value  // Python keeps the last value of a repeated key
            } else {
                entries.append(.init(key: key, value: value))
            }
            if tok.isOp(",") {
                advance()
            } else if !tok.isOp("}") {
                try checkUnclosed(open: open, close: "}")
                throw fail("expected ',' or '}', found \(tok.display)", at: tok.range)
            }
        }
        let range = open.range.union(tok.range)
        advance()
        return ConfigValue(.dict(entries), range: range)
    }
}
