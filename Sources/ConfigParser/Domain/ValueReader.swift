/// Typed reads of config values with xm's and xl's tolerances, reporting "expected X, found Y"
/// at the value's range. `None` reads as "not set" (xm skipped None values).
package struct ValueReader {
    let key: String

    func int(_ v: ConfigValue, _ d: inout Diagnostics) -> Int? {
        switch v.kind {
        case .none: return nil
        case .int(let i): return i
        case .float(let f):
            if f == f.rounded(), abs(f) < 1e15 {
                d.warning("'\(key)' = \(v) read as \(Int(f)): xl rejects a number with a fraction part", at: v.range)
                return Int(f)
            }
            d.error("'\(key)': expected int, found float \(v)", at: v.range)
            return nil
        case .string(let s):
            if let n = Self.integer(in: s) {
                let digits = s.trimmingBlanks().drop(while: { $0 == "-" || $0 == "+" })
                if digits.count > 1, digits.first == "0", digits.allSatisfy(\.isASCIIDigit) {
                    d.warning(
                        "'\(key)' = \(v) read as decimal \(n), as xm did; xl reads a leading 0 as octal", at: v.range)
                }
                return n
            }
            d.error("'\(key)': expected int, found string \(v)", at: v.range)
            return nil
        default:
            d.error("'\(key)': expected int, found \(v.typeName)", at: v.range)
            return nil
        }
    }

    /// 0/1 and numeric strings (what xend's int() and xl's strtol took), True/False (which xm
    /// actually dropped: bool was not among the value types create.py took from the file, so xm
    /// used the default; we honour the value), and xm's command-line 'yes'/'no' with a warning.
    func bool(_ v: ConfigValue, _ d: inout Diagnostics) -> Bool? {
        switch v.kind {
        case .none: return nil
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .string(let s):
            if let n = Self.integer(in: s) { return n != 0 }
            switch s.trimmingBlanks().lowercased() {
            case "yes", "y", "true", "on":
                d.warning("'\(key)' = \(v) read as 1; xl reads only numbers here and would ignore it", at: v.range)
                return true
            case "no", "n", "false", "off":
                d.warning("'\(key)' = \(v) read as 0; xl reads only numbers here and would ignore it", at: v.range)
                return false
            default:
                d.error("'\(key)': expected a boolean (0 or 1), found string \(v)", at: v.range)
                return nil
            }
        default:
            d.error("'\(key)': expected a boolean (0 or 1), found \(v.typeName)", at: v.range)
            return nil
        }
    }

    func string(_ v: ConfigValue, _ d: inout Diagnostics) -> String? {
        switch v.kind {
        case .none: return nil
        case .string(let s): return s
        case .int, .float: return v.str  // xl's atoms are untyped: kernel = 1 means "1"
        default:
            d.error("'\(key)': expected string, found \(v.typeName)", at: v.range)
            return nil
        }
    }

    /// A list whose elements are strings (numbers are taken as their text), each with where it
    /// was written (only its range: keeping the element itself retained its text once more).
    /// nil when unset or wrong.
    func stringList(_ v: ConfigValue, _ d: inout Diagnostics, allowSingle: Bool = false) -> [(
        text: String, range: SourceRange
    )]? {
        if v.isNone { return nil }
        guard let elements = v.elements else {
            if allowSingle, let s = string(v, &d) { return [(s, v.range)] }
            if !allowSingle {
                let hint = v.stringValue != nil ? "write \(key) = [\(v)]" : nil
                d.error("'\(key)': expected a list of strings, found \(v.typeName)", at: v.range, hint: hint)
            }
            return nil
        }
        if let problem = Self.overlong(key, count: elements.count) {
            d.error(problem, at: v.range)
            return nil
        }
        var out: [(text: String, range: SourceRange)] = []  // labelled as returned: no array conversion
        out.reserveCapacity(elements.count)
        for e in elements {
            switch e.kind {
            case .string(let s): out.append((s, e.range))
            case .int, .float: out.append((e.str, e.range))
            default: d.error("'\(key)': expected a string in the list, found \(e.typeName)", at: e.range)
            }
        }
        return out
    }

    /// The most entries a list of strings may have (disks, vifs, vfbs, pci, arguments...): far
    /// beyond any domain, and small enough that checking every entry stays quick. A list of two
    /// million vifs took 4.6 s and 1.6 GB to read.
    package static let listLimit = 4096

    /// The error for a list of `count` entries under `key`, nil when it is within the limit.
    static func overlong(_ key: String, count: Int) -> String? {
        count > listLimit
            ? "'\(key)' has \(count) entries; a list of a domain's settings holds at most \(listLimit)" : nil
    }

    /// Decimal (with optional sign and surrounding blanks) or 0x-hex, as int() and strtol agree on.
    static func integer(in s: String) -> Int? {
        let t = s.trimmingBlanks()
        if let n = Int(t) { return n }
        for prefix in ["0x", "0X"] where t.hasPrefix(prefix) { return Int(t.dropFirst(2), radix: 16) }
        return nil
    }
}
