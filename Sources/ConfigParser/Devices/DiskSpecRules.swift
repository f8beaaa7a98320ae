/// The token rules of the disk lexer, in libxlu_disk_l.l's order (the order breaks ties).
/// Each rule reports how much text it would match at a position, counting trailing context the
/// way flex does, and how much of that it actually consumes.
enum DiskSpecRule: UInt8, CaseIterable {
    case whitespace
    case format, cdrom, devtypeCdrom, devtypeDisk, devtypeOther, access, backend, backendType
    case specification, vdev, script, directIOSafe, discard, noDiscard, colo, noColo
    case coloHost, coloPort, coloExport, activeDisk, hiddenDisk, trusted, untrusted
    case target
    case unknownParameter
    case formatPrefix, scriptPrefix, tapdiskPrefix, tapPrefix, aioPrefix, ioemuPrefix, filePrefix, phyPrefix
    case unknownPrefix
    case positional

    /// `key=[^,]*,?` rules and the bare flags `flag,?`, by their literal.
    var keyword: (literal: String, takesValue: Bool)? {
        switch self {
        case .format: ("format=", true)
        case .cdrom: ("cdrom", false)
        case .devtypeCdrom: ("devtype=cdrom", false)
        case .devtypeDisk: ("devtype=disk", false)
        case .devtypeOther: ("devtype=", true)
        case .access: ("access=", true)
        case .backend: ("backend=", true)
        case .backendType: ("backendtype=", true)
        case .specification: ("specification=", true)
        case .vdev: ("vdev=", true)
        case .script: ("script=", true)
        case .directIOSafe: ("direct-io-safe", false)
        case .discard: ("discard", false)
        case .noDiscard: ("no-discard", false)
        case .colo: ("colo", false)
        case .noColo: ("no-colo", false)
        case .coloHost: ("colo-host=", true)
        case .coloPort: ("colo-port=", true)
        case .coloExport: ("colo-export=", true)
        case .activeDisk: ("active-disk=", true)
        case .hiddenDisk: ("hidden-disk=", true)
        case .trusted: ("trusted", false)
        case .untrusted: ("untrusted", false)
        default: nil
        }
    }

    /// Literal alternatives of the deprecated `name:` prefix rules (`/.*` trailing context).
    /// Stored once: this is on the hot path of every disk spec.
    var prefixes: [String]? {
        switch self {
        case .formatPrefix: Self.formatPrefixes
        case .scriptPrefix: Self.scriptPrefixes
        case .tapdiskPrefix: Self.tapdiskPrefixes
        case .tapPrefix: Self.tapPrefixes
        case .aioPrefix: Self.aioPrefixes
        case .ioemuPrefix: Self.ioemuPrefixes
        case .filePrefix: Self.filePrefixes
        case .phyPrefix: Self.phyPrefixes
        default: nil
        }
    }
    private static let formatPrefixes = ["raw:", "qcow:", "qcow2:", "vhd:"]
    private static let scriptPrefixes = ["iscsi:", "nbd:", "enbd:", "drbd:"]
    private static let tapdiskPrefixes = ["tapdisk:"]
    private static let tapPrefixes = ["tap:", "tap2:"]
    private static let aioPrefixes = ["aio:"]
    private static let ioemuPrefixes = ["ioemu:"]
    private static let filePrefixes = ["file:"]
    private static let phyPrefixes = ["phy:"]

    /// The rules that can match at a position holding `byte`, as a set of raw values (bit n: the
    /// rule whose raw value is n; rule order is raw value order): most rules start with a fixed
    /// letter, so trying only these spares matching ~35 rules at every position. Bits rather than
    /// an array of rules per byte: taking an array out of the table retained and released it at
    /// every token.
    static func candidates(startingWith byte: UInt8) -> UInt64 { byFirstByte[Int(byte)] }

    private static let byFirstByte: [UInt64] = (0...255).map { b in
        allCases.reduce(0) { set, rule in rule.mayStart(with: UInt8(b)) ? set | 1 << rule.rawValue : set }
    }

    /// False only when `match` certainly fails at a position holding `b`.
    private func mayStart(with b: UInt8) -> Bool {
        switch self {
        case .whitespace: return Byte.isBlank(b)
        case .target: return b == UInt8(ascii: "t")
        case .unknownParameter, .unknownPrefix: return Byte.isLower(b)
        case .positional: return b != Byte.equals
        default:
            if let (literal, _) = keyword { return literal.utf8.first == b }
            if let prefixes { return prefixes.contains { $0.utf8.first == b } }
            return true
        }
    }

    /// (matched length including trailing context, consumed length), or nil when the rule does not
    /// match at `i`.
    /// `lineEnds[j]` is the index of the first newline at or after `j` (or the end), computed once
    /// per spec so flex's trailing context costs nothing per rule; empty when `s` has no newline.
    func match(_ s: UnsafeBufferPointer<UInt8>, lineEnds: [Int], at i: Int) -> (matched: Int, consumed: Int)? {
        let restOfLine = { (from: Int) -> Int in
            from >= s.count ? 0 : (lineEnds.isEmpty ? s.count : lineEnds[from]) - from
        }
        switch self {
        case .whitespace:
            var j = i
            while j < s.count, Byte.isBlank(s[j]) { j += 1 }
            guard j > i else { return nil }
            let trail = j < s.count && !Byte.isBlank(s[j]) ? 1 + restOfLine(j + 1) : 0
            return (j - i + trail, j - i)
        case .target:
            guard Byte.hasPrefix(s, "target=", at: i) else { return nil }
            let n = 7 + restOfLine(i + 7)
            return (n, n)
        case .unknownParameter:
            guard i < s.count, Byte.isLower(s[i]) else { return nil }
            var j = i + 1
            while j < s.count, Byte.isLower(s[j]) || Byte.isDigit(s[j]) || s[j] == Byte.hyphen { j += 1 }
            guard j < s.count, s[j] == Byte.equals, j + 1 < s.count, s[j + 1] != Byte.comma else { return nil }
            j += 2
            if j < s.count, s[j] == Byte.comma { j += 1 }
            return (j - i, j - i)
        case .unknownPrefix:
            guard i < s.count, Byte.isLower(s[i]) else { return nil }
            var j = i + 1
            while j < s.count, Byte.isLower(s[j]) || Byte.isDigit(s[j]) { j += 1 }
            guard j < s.count, s[j] == Byte.colon else { return nil }
            j += 1
            let trail = j < s.count && !(Byte.isLower(s[j]) || Byte.isDigit(s[j])) ? 1 + restOfLine(j + 1) : 0
            return (j - i + trail, j - i)
        case .positional:
            let j = Byte.firstIndex(in: s, from: i, of: Byte.equals, Byte.comma, Byte.comma)
            if j < s.count, s[j] == Byte.comma { return (j + 1 - i, j + 1 - i) }
            return j > i ? (j - i, j - i) : nil
        default:
            if let (literal, takesValue) = keyword {
                guard Byte.hasPrefix(s, literal, at: i) else { return nil }
                var j = i + literal.utf8.count
                if takesValue { while j < s.count, s[j] != Byte.comma { j += 1 } }
                if j < s.count, s[j] == Byte.comma { j += 1 }
                return (j - i, j - i)
            }
            if let prefixes {
                var best: Int?
                for p in prefixes where Byte.hasPrefix(s, p, at: i) { best = max(best ?? 0, p.utf8.count) }
                guard let n = best else { return nil }
                return (n + restOfLine(i + n), n)
            }
            return nil
        }
    }
}
