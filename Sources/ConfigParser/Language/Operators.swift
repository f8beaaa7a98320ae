/// Python 2 arithmetic on config values, which is what xm's execfile computed: `/` on two ints
/// floors, `%` takes the divisor's sign, `True` counts as 1. Overflow is an error rather than
/// Python's silent promotion to long: no real config needs numbers that large.
extension Parser {
    private enum Number {
        case int(Int)
        case float(Double)
        var double: Double {
            switch self {
            case .int(let i): Double(i)
            case .float(let f): f
            }
        }
    }

    private func number(_ v: ConfigValue) -> Number? {
        switch v.kind {
        case .int(let i): .int(i)
        case .bool(let b): .int(b ? 1 : 0)
        case .float(let f): .float(f)
        default: nil
        }
    }

    mutating func unary(_ op: String, _ v: ConfigValue, opRange: SourceRange) throws -> ConfigValue {
        let range = opRange.union(v.range)
        switch (op, number(v)) {
        case ("+", .int(let i)?): return ConfigValue(.int(i), range: range)
        case ("+", .float(let f)?): return ConfigValue(.float(f), range: range)
        case ("-", .int(let i)?):
            guard i != Int.min else { throw fail("integer overflow", at: range) }
            return ConfigValue(.int(-i), range: range)
        case ("-", .float(let f)?): return ConfigValue(.float(-f), range: range)
        case ("~", .int(let i)?): return ConfigValue(.int(~i), range: range)
        default:
            throw fail("bad operand type for unary \(op): \(v.typeName)", at: range)
        }
    }

    mutating func binary(_ op: String, _ a: ConfigValue, _ b: ConfigValue, opRange: SourceRange) throws -> ConfigValue {
        let range = a.range.union(b.range)
        if let x = number(a), let y = number(b) {
            return ConfigValue(try arithmetic(op, x, y, range: range, opRange: opRange), range: range)
        }
        switch (op, a.kind, b.kind) {
        case ("+", .string(let x), .string(let y)):
            try checkSize(x.utf8.count + y.utf8.count, at: range)
            return ConfigValue(.string(x + y), range: range)
        case ("+", .list(let x), .list(let y)):
            try checkSize(x.count + y.count, at: range)
            return ConfigValue(.list(x + y), range: range)
        case ("+", .tuple(let x), .tuple(let y)):
            try checkSize(x.count + y.count, at: range)
            return ConfigValue(.tuple(x + y), range: range)
        case ("*", .string(let s), _), ("*", _, .string(let s)):
            let count = try repeatCount(a.kind, b.kind, range: range)
            try checkSize(saturatingProduct(s.utf8.count, count), at: range)
            // An empty value repeated any number of times is empty: repeating it would still take
            // `count` steps ('' * 4 ** 16 ran for minutes; [] * 4 ** 16 asked for 32 GB).
            guard !s.isEmpty else { return ConfigValue(.string(""), range: range) }
            return ConfigValue(.string(String(repeating: s, count: count)), range: range)
        case ("*", .list(let l), _), ("*", _, .list(let l)):
            let count = try repeatCount(a.kind, b.kind, range: range)
            try checkSize(saturatingProduct(l.count, count), at: range)
            guard !l.isEmpty else { return ConfigValue(.list([]), range: range) }
            return ConfigValue(.list(Array([[ConfigValue]](repeating: l, count: count).joined())), range: range)
        case ("*", .tuple(let l), _), ("*", _, .tuple(let l)):
            let count = try repeatCount(a.kind, b.kind, range: range)
            try checkSize(saturatingProduct(l.count, count), at: range)
            guard !l.isEmpty else { return ConfigValue(.tuple([]), range: range) }
            return ConfigValue(.tuple(Array([[ConfigValue]](repeating: l, count: count).joined())), range: range)
        case ("%", .string(let format), _):
            return ConfigValue(
                .string(try percentFormat(format, b, formatRange: a.range, opRange: opRange)), range: range)
        default:
            throw fail(
                "unsupported operand types for \(op): \(a.typeName) and \(b.typeName)", at: opRange,
                hint: hintFor(op, a, b))
        }
    }

    private func hintFor(_ op: String, _ a: ConfigValue, _ b: ConfigValue) -> String? {
        if op == "+", a.stringValue != nil, number(b) != nil {
            return "write the number as a string, or use '%d' formatting"
        }
        if op == "+", number(a) != nil, b.stringValue != nil {
            return "write the number as a string, or use '%d' formatting"
        }
        return nil
    }

    private mutating func repeatCount(_ a: ConfigValue.Kind, _ b: ConfigValue.Kind, range: SourceRange) throws -> Int {
        switch (a, b) {
        case (.int(let n), _), (_, .int(let n)): return max(0, n)
        case (.bool(let t), _), (_, .bool(let t)): return t ? 1 : 0
        default: throw fail("can only repeat a sequence by an integer", at: range)
        }
    }

    private mutating func checkSize(_ n: Int, at range: SourceRange) throws {
        if n > Limits.valueBytes {
            throw fail("value too large (over \(Limits.valueBytes >> 20) MiB)", at: range)
        }
    }

    /// Errors point at the operator, where the impossible operation is.
    private mutating func arithmetic(
        _ op: String, _ x: Number, _ y: Number, range _: SourceRange,
        opRange range: SourceRange
    ) throws -> ConfigValue.Kind {
        if case .int(let a) = x, case .int(let b) = y {
            func checked(_ r: (partialValue: Int, overflow: Bool)) throws -> ConfigValue.Kind {
                if r.overflow { throw fail("integer overflow", at: range) }
                return .int(r.partialValue)
            }
            switch op {
            case "+": return try checked(a.addingReportingOverflow(b))
            case "-": return try checked(a.subtractingReportingOverflow(b))
            case "*": return try checked(a.multipliedReportingOverflow(by: b))
            case "/", "//":
                guard b != 0 else { throw fail("division by zero", at: range) }
                if a == Int.min && b == -1 { throw fail("integer overflow", at: range) }
                return .int(floorDiv(a, b))
            case "%":
                guard b != 0 else { throw fail("division by zero (modulo)", at: range) }
                if b == -1 { return .int(0) }
                return .int(a - floorDiv(a, b) * b)
            case "**":
                if b < 0 { return .float(pow(Double(a), Double(b))) }
                var result = 1
                for _ in 0..<min(b, 64) {
                    let r = result.multipliedReportingOverflow(by: a)
                    if r.overflow { throw fail("integer overflow", at: range) }
                    result = r.partialValue
                }
                if b > 64 && abs(a) > 1 { throw fail("integer overflow", at: range) }
                if b > 64 && a == -1 { return .int(b % 2 == 0 ? 1 : -1) }
                return .int(result)
            default: break
            }
        }
        let a = x.double
        let b = y.double
        switch op {
        case "+": return .float(a + b)
        case "-": return .float(a - b)
        case "*": return .float(a * b)
        case "/":
            guard b != 0 else { throw fail("float division by zero", at: range) }
            return .float(a / b)
        case "//":
            guard b != 0 else { throw fail("float division by zero", at: range) }
            return .float((a / b).rounded(.down))
        case "%":
            guard b != 0 else { throw fail("float modulo by zero", at: range) }
            let r = a - (a / b).rounded(.down) * b
            return .float(r)
        case "**":
            if a == 0 && b < 0 { throw fail("zero cannot be raised to a negative power", at: range) }
            return .float(pow(a, b))
        default:
            throw fail("unsupported operator '\(op)'", at: range)
        }
    }
}

private func saturatingProduct(_ a: Int, _ b: Int) -> Int {
    let r = a.multipliedReportingOverflow(by: b)
    return r.overflow ? Int.max : r.partialValue
}

private func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

/// Real powers without Foundation: exact for integral exponents, exp/log otherwise. Every path
/// is bounded: huge exponents saturate instead of recursing (the fuzzer found that one).
func pow(_ base: Double, _ exponent: Double) -> Double {
    if exponent == 0 { return 1 }
    if base.isNaN || exponent.isNaN { return .nan }
    if exponent == exponent.rounded() {
        guard abs(exponent) < 9e18 else {
            let m = abs(base)
            if m == 1 { return 1 }
            return (m > 1) == (exponent > 0) ? .infinity : 0
        }
        var result = 1.0
        var b = base
        var e = Int(abs(exponent))
        while e > 0 {
            if e & 1 == 1 { result *= b }
            b *= b
            e >>= 1
        }
        return exponent < 0 ? 1 / result : result
    }
    guard base > 0 else { return .nan }
    return exp(exponent * log(base))
}

private func exp(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    if x > 709.8 { return .infinity }
    if x < -745.2 { return 0 }
    // Range reduction by ln 2 keeps the series short and accurate.
    let ln2 = 0.6931471805599453
    let k = (x / ln2).rounded()
    let r = x - k * ln2
    var term = 1.0
    var sum = 1.0
    for n in 1...30 {
        term *= r / Double(n)
        sum += term
    }
    return sum * pow(2.0, k)
}

private func log(_ x: Double) -> Double {
    let ln2 = 0.6931471805599453
    let e = Double(x.exponent)
    let m = x.significand  // in [1, 2)
    let y = (m - 1) / (m + 1)
    var sum = 0.0
    var term = y
    var n = 1.0
    while n < 60 {
        sum += term / n
        term *= y * y
        n += 2
    }
    return 2 * sum + e * ln2
}
