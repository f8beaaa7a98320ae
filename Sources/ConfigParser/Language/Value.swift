/// A value of the vm.cfg language after evaluation: the Python literal subset xm accepted.
/// Every value remembers where it came from so later checks can point at it.
public struct ConfigValue: Sendable, Hashable, CustomStringConvertible {
    // Not `indirect`: lists hold their elements in an array buffer already, and boxing every
    // scalar value cost an allocation per value.
    public enum Kind: Sendable, Hashable {
        case none
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)
        case list([ConfigValue])
        case tuple([ConfigValue])
        case dict([DictEntry])
    }

    public struct DictEntry: Sendable, Hashable {
        public var key: ConfigValue
        public var value: ConfigValue
        public init(key: ConfigValue, value: ConfigValue) {
            self.key = key
            self.value = value
        }
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The Python type name, for messages like "expected a string, found int".
    public var typeName: String {
        switch kind {
        case .none: "None"
        case .bool: "bool"
        case .int: "int"
        case .float: "float"
        case .string: "string"
        case .list: "list"
        case .tuple: "tuple"
        case .dict: "dict"
        }
    }

    public var stringValue: String? { if case .string(let s) = kind { s } else { nil } }
    public var intValue: Int? { if case .int(let i) = kind { i } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = kind { b } else { nil } }
    /// Lists and tuples alike: xm configs use both for device lists.
    public var elements: [ConfigValue]? {
        switch kind {
        case .list(let e), .tuple(let e): e
        default: nil
        }
    }
    public var isNone: Bool { if case .none = kind { true } else { false } }

    /// Python's truthiness, which is what xm applied to flags such as `acpi = 1` or `pae = 'yes'`... (not quite:
    /// strings are handled by the typed layer; this is the literal rule).
    public var truthy: Bool {
        switch kind {
        case .none: false
        case .bool(let b): b
        case .int(let i): i != 0
        case .float(let f): f != 0
        case .string(let s): !s.isEmpty
        case .list(let e), .tuple(let e): !e.isEmpty
        case .dict(let d): !d.isEmpty
        }
    }

    /// Python's repr, used for `%r`, `--sxp` and messages.
    public var description: String { Self.repr(kind) }

    static func repr(_ kind: Kind) -> String {
        switch kind {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let f): return pythonFloatString(f)
        case .string(let s): return pythonStringRepr(s)
        case .list(let e): return "[" + e.map(\.description).joined(separator: ", ") + "]"
        case .tuple(let e):
            return e.count == 1 ? "(\(e[0]),)" : "(" + e.map(\.description).joined(separator: ", ") + ")"
        case .dict(let d): return "{" + d.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }

    /// Python's str(): strings unquoted, everything else as repr.
    public var str: String {
        if case .string(let s) = kind { return s }
        return description
    }
}

func pythonFloatString(_ f: Double) -> String {
    if f.isNaN { return "nan" }
    if f.isInfinite { return f < 0 ? "-inf" : "inf" }
    if f == f.rounded(), abs(f) < 1e16 { return String(format1: f) }
    return "\(f)"
}

extension String {
    /// Integral doubles print as Python prints them ("2.0"), without Foundation.
    init(format1 f: Double) {
        let i = Int(f)
        self = "\(i).0"
    }
}

func pythonStringRepr(_ s: String) -> String {
    let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
    var out = String(quote)
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where Character(scalar) == quote: out += "\\" + String(quote)
        case _ where scalar.value < 0x20 || scalar.value == 0x7f:
            let hex = String(scalar.value, radix: 16)
            out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
        default: out.unicodeScalars.append(scalar)
        }
    }
    out.append(quote)
    return out
}
