/// Python 2's `format % args`, the way xm's examples build names and paths
/// (`"VM%d" % vmid`, `'phy:sda%d,sda1,w' % (7+vmid)`). Floats are formatted without Foundation.
extension Parser {
    /// Errors about the arguments point at the `%` operator; errors inside the format at the format string.
    mutating func percentFormat(
        _ format: String, _ args: ConfigValue, formatRange: SourceRange,
        opRange: SourceRange
    ) throws -> String {
        let positional: [ConfigValue]
        var mapping: [ConfigValue.DictEntry]? = nil
        switch args.kind {
        case .tuple(let items): positional = items
        case .dict(let entries):
            positional = [args]
            mapping = entries
        default: positional = [args]
        }
        var next = 0
        var out = ""
        let chars = Array(format.unicodeScalars)
        let ascii = chars.count == format.utf8.count  // one byte per scalar
        var i = 0
        func take() throws -> ConfigValue {
            guard next < positional.count else {
                throw fail("not enough arguments for format string", at: opRange)
            }
            defer { next += 1 }
            return positional[next]
        }
        var usedMapping = false
        while i < chars.count {
            let c = chars[i]
            i += 1
            if c != "%" {
                // A run of literal text. In an ASCII format (scalar offsets are byte offsets) it is
                // appended at once, as a slice of the format: appended scalar by scalar, each append
                // cost some 300 instructions.
                var end = i
                while end < chars.count, chars[end] != "%" { end += 1 }
                if ascii {
                    let utf8 = format.utf8
                    out += Substring(
                        utf8[utf8.index(utf8.startIndex, offsetBy: i - 1)..<utf8.index(utf8.startIndex, offsetBy: end)])
                } else {
                    for k in (i - 1)..<end { out.unicodeScalars.append(chars[k]) }
                }
                i = end
                continue
            }
            guard i < chars.count else {
                throw fail("incomplete format: '%' at the end of the string", at: formatRange)
            }
            var spec = FormatSpec()
            if chars[i] == "(" {
                guard let map = mapping else {
                    throw fail("format requires a mapping (a dict after '%')", at: args.range)
                }
                var depth = 1
                var key = ""
                i += 1
                while i < chars.count {
                    if chars[i] == "(" {
                        depth += 1
                    } else if chars[i] == ")" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    key.unicodeScalars.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { throw fail("incomplete format key", at: formatRange) }
                i += 1
                guard let entry = map.first(where: { $0.key.stringValue == key }) else {
                    throw fail("format key '\(key)' is not in the mapping", at: args.range)
                }
                spec.argument = entry.value
                usedMapping = true
            }
            while i < chars.count, "-+ #0".unicodeScalars.contains(chars[i]) {
                switch chars[i] {
                case "-": spec.left = true
                case "+": spec.plus = true
                case " ": spec.space = true
                case "#": spec.alternate = true
                default: spec.zero = true
                }
                i += 1
            }
            if i < chars.count, chars[i] == "*" {
                i += 1
                guard case .int(let w) = try take().kind else { throw fail("* wants an int", at: args.range) }
                if w < 0 { spec.left = true }
                spec.width = abs(w)
            } else {
                spec.width = readInt(chars, &i)
            }
            if i < chars.count, chars[i] == "." {
                i += 1
                if i < chars.count, chars[i] == "*" {
                    i += 1
                    guard case .int(let p) = try take().kind else { throw fail("* wants an int", at: args.range) }
                    spec.precision = max(0, p)
                } else {
                    spec.precision = readInt(chars, &i) ?? 0
                }
            }
            if (spec.width ?? 0) > Limits.formatWidth || (spec.precision ?? 0) > Limits.formatWidth {
                throw fail("format width or precision too large", at: formatRange)
            }
            while i < chars.count, "hlL".unicodeScalars.contains(chars[i]) { i += 1 }
            guard i < chars.count else { throw fail("incomplete format", at: formatRange) }
            let conversion = chars[i]
            i += 1
            if conversion == "%" {
                out += spec.pad("%", numeric: false)
                continue
            }
            let arg = try spec.argument ?? take()
            out += try convert(conversion, arg, spec, formatRange: formatRange, opRange: opRange)
            if out.utf8.count > Limits.valueBytes {
                throw fail("value too large (over \(Limits.valueBytes >> 20) MiB)", at: formatRange)
            }
        }
        if mapping == nil, next < positional.count {
            throw fail("not all arguments converted during string formatting", at: opRange)
        }
        _ = usedMapping
        return out
    }

    private func readInt(_ chars: [Unicode.Scalar], _ i: inout Int) -> Int? {
        var v: Int? = nil
        while i < chars.count, let d = chars[i].properties.numericType != nil ? Int(String(chars[i])) : nil,
            chars[i].isASCII
        {
            v = min((v ?? 0) * 10 + d, Limits.formatWidth + 1)
            i += 1
        }
        return v
    }

    private mutating func convert(
        _ conversion: Unicode.Scalar, _ arg: ConfigValue, _ spec: FormatSpec,
        formatRange: SourceRange, opRange: SourceRange
    ) throws -> String {
        switch conversion {
        case "s", "r", "a":
            var text = conversion == "s" ? arg.str : arg.description
            if let p = spec.precision, text.count > p { text = String(text.prefix(p)) }
            return spec.pad(text, numeric: false)
        case "d", "i", "u", "o", "x", "X":
            let n: Int
            switch arg.kind {
            case .int(let v): n = v
            case .bool(let b): n = b ? 1 : 0
            case .float(let f) where f.isFinite && abs(f) < 9.2e18: n = Int(f)
            default:
                throw fail("%\(conversion) format: a number is required, not \(arg.typeName)", at: opRange)
            }
            var digits: String
            switch conversion {
            case "o":
                digits = String(n.magnitude, radix: 8)
                if spec.alternate && n != 0 { digits = "0" + digits }
            case "x":
                digits = String(n.magnitude, radix: 16)
                if spec.alternate { digits = "0x" + digits }
            case "X":
                digits = String(n.magnitude, radix: 16).uppercased()
                if spec.alternate { digits = "0X" + digits }
            default: digits = String(n.magnitude)
            }
            if let p = spec.precision, digits.count < p {
                digits = String(repeating: "0", count: p - digits.count) + digits
            }
            return spec.padNumber(digits, negative: n < 0)
        case "e", "E", "f", "F", "g", "G":
            let f: Double
            switch arg.kind {
            case .int(let v): f = Double(v)
            case .bool(let b): f = b ? 1 : 0
            case .float(let v): f = v
            default:
                throw fail("%\(conversion) format: a number is required, not \(arg.typeName)", at: opRange)
            }
            let p = spec.precision ?? 6
            var body: String
            if f.isNaN {
                body = "nan"
            } else if f.isInfinite {
                body = "inf"
            } else {
                switch conversion {
                case "f", "F": body = fixed(abs(f), p)
                case "e", "E": body = scientific(abs(f), p)
                default: body = general(abs(f), p == 0 ? 1 : p, alternate: spec.alternate)
                }
            }
            if conversion == "E" || conversion == "G" || conversion == "F" { body = body.uppercased() }
            return spec.padNumber(body, negative: f < 0 || (f == 0 && f.sign == .minus))
        case "c":
            switch arg.kind {
            case .int(let v):
                guard let s = Unicode.Scalar(UInt32(clamping: max(0, v))), v >= 0 else {
                    throw fail("%c arg not in range", at: opRange)
                }
                return spec.pad(String(Character(s)), numeric: false)
            case .string(let s) where s.count == 1:
                return spec.pad(s, numeric: false)
            default:
                throw fail("%c requires an int or a single character", at: opRange)
            }
        default:
            throw fail("unsupported format character '\(conversion)'", at: formatRange)
        }
    }
}

private struct FormatSpec {
    var argument: ConfigValue?
    var left = false, plus = false, space = false, alternate = false, zero = false
    var width: Int?
    var precision: Int?

    func pad(_ s: String, numeric: Bool) -> String {
        guard let w = width, s.count < w else { return s }
        let fill = String(repeating: " ", count: w - s.count)
        return left ? s + fill : fill + s
    }

    func padNumber(_ digits: String, negative: Bool) -> String {
        let sign = negative ? "-" : plus ? "+" : space ? " " : ""
        if zero, !left, let w = width, sign.count + digits.count < w {
            return sign + String(repeating: "0", count: w - sign.count - digits.count) + digits
        }
        return pad(sign + digits, numeric: true)
    }
}

private func powerOfTen(_ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<abs(n) { r *= 10 }
    return n < 0 ? 1 / r : r
}

/// `%.Nf` for a non-negative finite value.
func fixed(_ x: Double, _ precision: Int) -> String {
    let p = min(precision, 17)
    let scaled = (x * powerOfTen(p)).rounded(.toNearestOrEven)
    guard scaled < 9.0e18 else {
        // Too large for exact integer digits; Swift's shortest form is close enough for configs.
        let whole = x.rounded(.down)
        return "\(whole)".split(separator: ".").first.map(String.init)!
            + (p > 0 ? "." + String(repeating: "0", count: p) : "")
    }
    var digits = String(UInt64(scaled))
    if p == 0 { return digits }
    if digits.count <= p { digits = String(repeating: "0", count: p - digits.count + 1) + digits }
    let cut = digits.index(digits.endIndex, offsetBy: -p)
    return digits[..<cut] + "." + digits[cut...] + String(repeating: "0", count: precision - p)
}

private func decimalExponent(_ x: Double) -> Int {
    guard x > 0 else { return 0 }
    var e = 0
    var v = x
    while v >= 10 {
        v /= 10
        e += 1
    }
    while v < 1 {
        v *= 10
        e -= 1
    }
    return e
}

/// `%.Ne` for a non-negative finite value.
func scientific(_ x: Double, _ precision: Int) -> String {
    var e = decimalExponent(x)
    var mantissa = fixed(x / powerOfTen(e), precision)
    if mantissa.hasPrefix("10") {
        e += 1
        mantissa = fixed(x / powerOfTen(e), precision)
    }
    let exp = String(abs(e))
    return mantissa + (e < 0 ? "e-" : "e+") + (exp.count < 2 ? "0" + exp : exp)
}

/// `%.Ng`: fixed or scientific by the exponent, trailing zeros dropped.
func general(_ x: Double, _ precision: Int, alternate: Bool) -> String {
    let sci = scientific(x, precision - 1)
    let e = x == 0 ? 0 : Int(sci.split(separator: "e").last!)!
    var body = (-4 <= e && e < precision) ? fixed(x, precision - 1 - e) : sci
    if !alternate {
        var mantissa = body
        var suffix = ""
        if let r = body.firstIndex(of: "e") {
            mantissa = String(body[..<r])
            suffix = String(body[r...])
        }
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        body = mantissa + suffix
    }
    return body
}
