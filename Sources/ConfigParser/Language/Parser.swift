/// Reads a vm.cfg the way xm's `execfile` saw it, without executing anything: a parser for the
/// Python literal subset with a small, side-effect-free evaluator for the expressions real configs
/// use. Anything beyond that is reported at its line and column and skipped.
public enum VMConfigParser {
    /// Parses and evaluates `source`. `variables` are xm's command-line `name=value` words, bound
    /// before the file is read; those for which `isOption` holds (the keys of the file's language,
    /// as xm's create.py declared its options) win over the file's own assignment. Always returns a
    /// ConfigFile (with whatever could be read) and the diagnostics; the file is valid when they
    /// hold no error.
    public static func parse(
        _ source: SourceFile, variables: [(name: String, value: String)] = [],
        isOption: (String) -> Bool = { _ in false }
    ) -> (ConfigFile, Diagnostics) {
        let lexed = Lexer.lex(source.text)
        if lexed.hasNUL, let refusal = NotText.find(in: source.text) {
            var diagnostics = Diagnostics()
            diagnostics.append(refusal)
            return (ConfigFile(source: source, assignments: []), diagnostics)
        }
        var parser = Parser(tokens: lexed.tokens, texts: lexed.texts)
        // Room for a typical file's assignments: grown from empty, the array is copied at 1, 2, 4,
        // 8 and 16 (2% of parse+validate in xm-bench).
        parser.assignments.reserveCapacity(32)
        var typed: [String: ConfigValue] = [:]
        var order: [String] = []
        for v in variables {
            if typed[v.name] == nil { order.append(v.name) }
            let value = ConfigValue(commandLineValue(v.value), range: .commandLine)
            typed[v.name] = value
            parser.variables.append((v.name, value))
        }
        parser.diagnostics = lexed.diagnostics
        parser.parseFile()
        return (
            ConfigFile(
                source: source, assignments: parser.assignments, variables: typed, variableOrder: order,
                commandLineOptions: Set(order.filter(isOption)), referencedNames: parser.referenced),
            parser.diagnostics
        )
    }

    /// Convenience for a path and its text.
    public static func parse(
        path: String, text: String, variables: [(name: String, value: String)] = [],
        isOption: (String) -> Bool = { _ in false }
    ) -> (ConfigFile, Diagnostics) {
        parse(SourceFile(path: path, text: text), variables: variables, isOption: isOption)
    }

    /// xm's rule for `name=value` on the command line: a value that reads as a number is a number.
    public static func commandLineValue(_ text: String) -> ConfigValue.Kind {
        if let i = Int(text) { return .int(i) }
        if text.contains(where: { $0.isNumber }), !text.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }),
            let f = Double(text)
        {
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
    /// The text of name and string tokens (see TokenKind).
    let texts: [String]
    var i = 0
    /// Command-line variables, in order; a later one of the same name wins.
    var variables: [(name: String, value: ConfigValue)] = []
    /// Names whose last assignment failed: reading them stays quiet (see ParseFailure.poisoned).
    var poisoned: Set<String> = []
    var diagnostics = Diagnostics()
    var assignments: [Assignment] = []
    /// Names some expression read: helpers such as `repo = '/OVS/...'`, not options.
    var referenced: Set<String> = []
    var depth = 0
    /// For `lookup` in files with many assignments: each name's last assignment, for the first
    /// `indexed` assignments.
    private var lastAssignment: [String: Int] = [:]
    private var indexed = 0

    init(tokens: [Token], texts: [String]) {
        self.tokens = tokens
        self.texts = texts
    }

    var tok: Token { tokens[i] }
    func peek(_ k: Int) -> Token { tokens[peekIndex(k)] }
    /// Where `peek(k)` reads, for looking at a token's parts without copying it.
    func peekIndex(_ k: Int) -> Int { min(i + k, tokens.count - 1) }
    mutating func advance() { if i < tokens.count - 1 { i += 1 } }

    mutating func fail(_ message: String, at range: SourceRange, hint: String? = nil) -> ParseFailure {
        diagnostics.error(message, at: range, hint: hint)
        return .reported
    }

    // MARK: statements

    mutating func parseFile() {
        while !diagnostics.isFull {
            switch tokens[i].kind {
            case .eof: return
            case .newline, .op(.semicolon):
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
        switch tokens[i].kind {
        case .newline, .eof: return
        case .op(.semicolon):
            advance()
        case .op(let closer) where closer.isCloser:
            throw fail("unmatched '\(closer.text)'", at: tokens[i].range)
        default:
            throw fail("expected end of line, found \(tokens[i].display(texts))", at: tokens[i].range)
        }
    }

    /// Skips the rest of a broken statement. After a block header (`if x:`, `def f():`) the
    /// indented body goes too, so one `if` gives one error, not one per body line.
    private mutating func recover() {
        var sawColon = false
        while true {
            switch tokens[i].kind {
            case .eof: return
            case .newline:
                advance()
                if sawColon {
                    while tokens[i].indented && tokens[i].kind != .eof {
                        while tokens[i].kind != .newline && tokens[i].kind != .eof { advance() }
                        if tokens[i].kind == .newline { advance() }
                    }
                }
                return
            case .op(.semicolon) where !sawColon:
                advance()
                return
            case .op(.colon):
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
            diagnostics.warning(
                "unexpected indent: xm (Python) rejects an indented line at the top level; xl accepts it",
                at: first.range)
        }
        guard case .name(let n) = first.kind else {
            throw fail(
                "expected a setting name, found \(first.display(texts))", at: first.range,
                hint: "a config line reads: name = value")
        }
        let name = texts[n]
        if first.isKeyword { throw keywordStatement(name, at: first.range) }
        switch tokens[peekIndex(1)].kind {
        case .op(.assign):
            try parseAssignment()
        case .op(let op) where op.augmentedBase != nil:
            try parseAugmentedAssignment(op: op.augmentedBase!)
        case .op(.comma):
            throw fail(
                "unpacking assignments ('a, b = ...') are not supported", at: first.range,
                hint: "assign each name on its own line")
        case .op(.lparen), .op(.dot), .op(.lbracket):
            _ = try parseExpression()
            throw fail("expected '=' after '\(name)'", at: first.range)
        default:
            throw fail(
                "expected '=' after '\(name)', found \(peek(1).display(texts))", at: peek(1).range,
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
        // The first target is kept apart from the rest: chains are rare, and an array of targets
        // cost an allocation per statement (~9% of parse+validate in xm-bench).
        var first: (name: String, range: SourceRange)?
        var more: [(name: String, range: SourceRange)] = []
        while case .name(let index) = tokens[i].kind, tokens[peekIndex(1)].isOp(.assign) {
            let n = texts[index]
            if tokens[i].isKeyword || n == "True" || n == "False" || n == "None" {
                throw fail("cannot assign to '\(n)'", at: tokens[i].range)
            }
            if first == nil { first = (n, tokens[i].range) } else { more.append((n, tokens[i].range)) }
            advance()
            advance()
        }
        guard let first else { return }
        do {
            let value = try parseExpressionList()
            bind(first.name, first.range, to: value)
            for target in more { bind(target.name, target.range, to: value) }
        } catch {
            poison(first.name)
            for target in more { poison(target.name) }
            throw error
        }
    }

    private mutating func bind(_ name: String, _ range: SourceRange, to value: ConfigValue) {
        if !poisoned.isEmpty { poisoned.remove(name) }  // an empty set still hashes the name
        assignments.append(Assignment(name: name, nameRange: range, value: value))
    }

    private mutating func poison(_ name: String) {
        poisoned.insert(name)
    }

    enum Binding {
        case value(ConfigValue)
        /// Its last assignment failed.
        case poisoned
        case unbound
    }

    /// What `name` holds here: its last assignment, else its command-line value. A backward scan
    /// rather than a dictionary kept up to date on every statement: every statement assigns a
    /// name, few expressions read one. Past `Parser.scanLimit` assignments (a generated or
    /// hostile file) the scan would make reading names quadratic, so an index takes over.
    mutating func lookup(_ name: String) -> Binding {
        if !poisoned.isEmpty, poisoned.contains(name) { return .poisoned }
        if assignments.count > Self.scanLimit {
            while indexed < assignments.count {
                lastAssignment[assignments[indexed].name] = indexed
                indexed += 1
            }
            if let k = lastAssignment[name] { return .value(assignments[k].value) }
        } else if let a = assignments.last(where: { $0.name == name }) {
            return .value(a.value)
        }
        if let v = variables.last(where: { $0.name == name }) { return .value(v.value) }
        return .unbound
    }

    private static let scanLimit = 64

    private mutating func parseAugmentedAssignment(op: String) throws {
        guard case .name(let n) = tokens[i].kind else { return }
        let name = texts[n]
        let nameRange = tokens[i].range
        let opRange = peek(1).range
        advance()
        advance()
        do {
            let current: ConfigValue
            switch lookup(name) {
            case .value(let v): current = v
            case .poisoned: throw ParseFailure.poisoned
            case .unbound:
                throw fail(
                    "name '\(name)' is not defined", at: nameRange,
                    hint: "'\(op)=' needs an earlier value")
            }
            let rhs = try parseExpressionList()
            let value = try binary(op, current, rhs, opRange: opRange)
            assignments.append(Assignment(name: name, nameRange: nameRange, value: value))
        } catch {
            poisoned.insert(name)
            throw error
        }
    }

    // MARK: expressions

    /// `a, b` without brackets is a tuple, as in Python.
    mutating func parseExpressionList() throws -> ConfigValue {
        let first = try parseExpression()
        guard tokens[i].isOp(.comma) else { return first }
        var items = [first]
        while tokens[i].isOp(.comma) {
            advance()
            if case .newline = tokens[i].kind { break }
            if case .eof = tokens[i].kind { break }
            if tokens[i].isOp(.semicolon) { break }
            items.append(try parseExpression())
        }
        return ConfigValue(.tuple(items), range: first.range.union(items.last!.range))
    }

    mutating func parseExpression() throws -> ConfigValue {
        // Most values are one literal or name: skip the operator levels, none of which applies.
        if isLoneAtom() { return try parseAtom() }
        let value = try parseArithmetic()
        switch tokens[i].kind {
        case .op(let op):
            switch op {
            case .equal, .notEqual, .less, .greater, .lessEqual, .greaterEqual, .lessGreater:
                throw fail(
                    "comparisons ('\(op.text)') are not supported: a config file only assigns values",
                    at: tokens[i].range)
            case .pipe, .ampersand, .caret, .shiftLeft, .shiftRight:
                throw fail(
                    "operator '\(op.text)' is not supported", at: tokens[i].range,
                    hint: "supported: + - * / // % ** and %-formatting")
            default:
                return value
            }
        case .name(let n) where tokens[i].isKeyword:
            let kw = texts[n]
            switch kw {
            case "and", "or", "if", "in", "is", "not", "for", "else":
                throw fail("'\(kw)' is not supported in a value: a config file has no logic", at: tokens[i].range)
            default:
                return value
            }
        default:
            return value
        }
    }

    /// Whether the next value is a single atom (a number, a name that is no keyword, or adjacent
    /// strings) ended by what ends a value: no operator, call, subscript or attribute follows.
    private func isLoneAtom() -> Bool {
        var k = i
        switch tokens[k].kind {
        case .int, .float: k += 1
        case .name: if tokens[k].isKeyword { return false } else { k += 1 }
        case .string: while k < tokens.count - 1, case .string = tokens[k].kind { k += 1 }
        default: return false
        }
        switch tokens[min(k, tokens.count - 1)].kind {
        case .newline, .eof: return true
        case .op(let op):
            return op == .comma || op == .rparen || op == .rbracket || op == .rbrace || op == .colon || op == .semicolon
        default: return false
        }
    }

    private mutating func parseArithmetic() throws -> ConfigValue {
        var lhs = try parseTerm()
        while case .op(let op) = tokens[i].kind, op == .plus || op == .minus {
            let opRange = tokens[i].range
            advance()
            let rhs = try parseTerm()
            lhs = try binary(op.text, lhs, rhs, opRange: opRange)
        }
        return lhs
    }

    private mutating func parseTerm() throws -> ConfigValue {
        var lhs = try parseUnary()
        while case .op(let op) = tokens[i].kind, op == .star || op == .slash || op == .floorDiv || op == .percent {
            let opRange = tokens[i].range
            advance()
            let rhs = try parseUnary()
            lhs = try binary(op.text, lhs, rhs, opRange: opRange)
        }
        return lhs
    }

    private mutating func parseUnary() throws -> ConfigValue {
        if case .op(let op) = tokens[i].kind, op == .minus || op == .plus || op == .tilde {
            let opRange = tokens[i].range
            advance()
            try enter(at: opRange)
            defer { depth -= 1 }
            let operand = try parseUnary()
            return try unary(op.text, operand, opRange: opRange)
        }
        if case .name(let n) = tokens[i].kind, tokens[i].isKeyword, texts[n] == "not" {
            throw fail("'not' is not supported in a value: a config file has no logic", at: tokens[i].range)
        }
        return try parsePower()
    }

    private mutating func parsePower() throws -> ConfigValue {
        let base = try parsePrimary()
        guard tokens[i].isOp(.power) else { return base }
        let opRange = tokens[i].range
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
        let startIndex = i
        let value = try parseAtom()
        switch tokens[i].kind {
        case .op(.lparen):
            let callee = tokens[startIndex].nameText(texts) ?? "expression"
            throw fail(
                "calls are not allowed ('\(callee)(...)'): a config file is read, never executed",
                at: tokens[startIndex].range)
        case .op(.dot):
            var dotted = tokens[startIndex].nameText(texts) ?? "value"
            if case .name(let attr) = peek(1).kind { dotted += "." + texts[attr] }
            throw fail(
                "attribute access ('\(dotted)') is not allowed: a config file is read, never executed",
                at: tokens[i].range)
        case .op(.lbracket):
            throw fail("subscripts ('[...]' after a value) are not supported", at: tokens[i].range)
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
            var text = texts[s]
            var range = t.range
            while case .string(let more) = tokens[i].kind {
                text += texts[more]
                range = range.union(tokens[i].range)
                advance()
            }
            return ConfigValue(.string(text), range: range)
        case .name(let index):
            advance()
            let n = texts[index]
            switch n {
            case "True": return ConfigValue(.bool(true), range: t.range)
            case "False": return ConfigValue(.bool(false), range: t.range)
            case "None": return ConfigValue(.none, range: t.range)
            default: break
            }
            if n == "lambda" {
                throw fail("'lambda' is not allowed: a config file cannot define functions", at: t.range)
            }
            if t.isKeyword {
                throw fail("expected a value, found keyword '\(n)'", at: t.range)
            }
            // `f(...)` and `a.b` are reported as what they are, not as unbound names.
            if tokens[i].isOp(.lparen) || tokens[i].isOp(.dot) { return ConfigValue(.none, range: t.range) }
            switch lookup(n) {
            case .value(let v):
                referenced.insert(n)
                var used = v
                used.range = t.range
                return used
            case .poisoned: throw ParseFailure.poisoned
            case .unbound: break
            }
            throw fail(
                "name '\(n)' is not defined", at: t.range,
                hint: "assign it earlier in the file or pass it on the command line: \(n)=VALUE")
        case .op(.lparen):
            return try parseBracketed(open: t, close: .rparen)
        case .op(.lbracket):
            return try parseBracketed(open: t, close: .rbracket)
        case .op(.lbrace):
            return try parseDict(open: t)
        case .eof:
            throw fail("expected a value, found end of file", at: t.range)
        case .newline:
            throw fail("expected a value, found end of line", at: t.range)
        default:
            throw fail("expected a value, found \(t.display(texts))", at: t.range)
        }
    }

    /// `( )` and `[ ]`: a parenthesised expression, a tuple, or a list; trailing commas allowed.
    private mutating func parseBracketed(open: Token, close: Op) throws -> ConfigValue {
        try enter(at: open.range)
        defer { depth -= 1 }
        advance()
        var items: [ConfigValue] = []
        // One allocation for a typical list (growing from empty reallocates at 1, 2 and 4 items).
        if !tokens[i].isOp(close) { items.reserveCapacity(4) }
        var sawComma = false
        while !tokens[i].isOp(close) {
            try checkUnclosed(open: open, close: close)
            if let forToken = comprehensionKeyword() {
                throw fail(
                    "comprehensions (a 'for' inside brackets) are not supported: write the items out",
                    at: forToken.range)
            }
            items.append(try parseExpression())
            if tokens[i].isOp(.comma) {
                sawComma = true
                advance()
            } else if !tokens[i].isOp(close) {
                try checkUnclosed(open: open, close: close)
                throw fail("expected ',' or '\(close.text)', found \(tokens[i].display(texts))", at: tokens[i].range)
            }
        }
        let range = open.range.union(tokens[i].range)
        advance()
        if close == .rbracket { return ConfigValue(.list(items), range: range) }
        if items.count == 1 && !sawComma {
            var inner = items[0]
            inner.range = range
            return inner
        }
        return ConfigValue(.tuple(items), range: range)
    }

    /// Inside brackets the lexer joins lines, so an end of line or file here means the bracket
    /// was never closed; a different closing bracket means a mismatch.
    private mutating func checkUnclosed(open: Token, close: Op) throws {
        switch tokens[i].kind {
        case .eof, .newline:
            throw fail("'\(open.opText!)' was never closed", at: open.range)
        case .op(let other) where other.isCloser && other != close:
            throw fail(
                "closing '\(other.text)' does not match opening '\(open.opText!)' at \(open.range.start)",
                at: tokens[i].range)
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
            case .op(.lparen), .op(.lbracket), .op(.lbrace): level += 1
            case .op(.rparen), .op(.rbracket), .op(.rbrace):
                if level == 0 { return nil }
                level -= 1
            case .op(.comma) where level == 0: return nil
            case .name(let n) where level == 0 && t.isKeyword && texts[n] == "for": return t
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
        while !tokens[i].isOp(.rbrace) {
            try checkUnclosed(open: open, close: .rbrace)
            let key = try parseExpression()
            switch key.kind {
            case .list, .dict: throw fail("unhashable type '\(key.typeName)' as a dict key", at: key.range)
            default: break
            }
            guard tokens[i].isOp(.colon) else {
                if tokens[i].isOp(.comma) || tokens[i].isOp(.rbrace) {
                    throw fail("sets are not supported; a dict entry reads key: value", at: key.range)
                }
                throw fail("expected ':' after a dict key, found \(tokens[i].display(texts))", at: tokens[i].range)
            }
            advance()
            let value = try parseExpression()
            if let i = entries.firstIndex(where: { $0.key.kind == key.kind }) {
                entries[i].value = value  // Python keeps the last value of a repeated key
            } else {
                entries.append(.init(key: key, value: value))
            }
            if tokens[i].isOp(.comma) {
                advance()
            } else if !tokens[i].isOp(.rbrace) {
                try checkUnclosed(open: open, close: .rbrace)
                throw fail("expected ',' or '}', found \(tokens[i].display(texts))", at: tokens[i].range)
            }
        }
        let range = open.range.union(tokens[i].range)
        advance()
        return ConfigValue(.dict(entries), range: range)
    }
}
