/// Parses one `pci` entry: `[DDDD:]BB:DD.F[@VSLOT][,key=value...]` (hex numbers; `F` may be `*` for
/// every function), or xl's keyed form with `bdf=` or `name=` — libxlu_pci.c's
/// xlu_pci_parse_spec_string. Keys: permissive, msitranslate, seize, power_mgmt (0/1),
/// rdm_policy (strict|relaxed), vslot, bdf, name. xm knew BDF, vslot, msitranslate and power_mgmt.
public enum PciSpecParser {
    static let keys = ["bdf", "vslot", "permissive", "msitranslate", "seize", "power_mgmt", "rdm_policy", "name"]

    public static func parse(_ spec: String) -> Result<PciSpec, DeviceSpecError> {
        var pci = PciSpec()
        pci.original = spec
        var rest = Substring(spec.trimmingBlanks())
        var hasBDF = false
        if let (bdf, after) = parseBDF(rest) {
            apply(bdf, to: &pci)
            hasBDF = true
            rest = after
            if rest.first == "@" {
                guard let (slot, afterSlot) = parseHex(rest.dropFirst(), maxDigits: 2), slot <= 0x1f else {
                    return .failure(
                        DeviceSpecError(
                            "malformed virtual slot in PCI spec '\(spec)' (expected @0-@1f)", near: String(rest)))
                }
                pci.vslot = slot
                rest = afterSlot
            }
            if rest.first == "," {
                rest = rest.dropFirst()
            } else if !rest.isEmpty {
                return .failure(malformed(spec))
            }
        }
        for item in KeyValueSpec(String(rest)).items {
            guard let value = item.value else {
                return .failure(
                    hasBDF
                        ? DeviceSpecError("'\(item.key)' in PCI spec should be key=value", near: item.key)
                        : malformed(spec))
            }
            switch item.key {
            case "bdf":
                guard let (bdf, after) = parseBDF(Substring(value)), after.isEmpty else {
                    return .failure(
                        DeviceSpecError(
                            "malformed PCI address '\(value)' (expected [DDDD:]BB:DD.F in hex)", near: value))
                }
                apply(bdf, to: &pci)
                hasBDF = true
            case "vslot":
                guard let (slot, after) = parseHex(Substring(value), maxDigits: 2), after.isEmpty, slot <= 0x1f else {
                    return .failure(DeviceSpecError("malformed PCI vslot '\(value)' (expected 0-1f)", near: value))
                }
                pci.vslot = slot
            case "permissive", "msitranslate", "seize", "power_mgmt":
                switch deviceFlag(value, key: item.key) {
                case .failure(let e): return .failure(e)
                case .success(let b):
                    switch item.key {
                    case "permissive": pci.permissive = b
                    case "msitranslate": pci.msitranslate = b
                    case "seize": pci.seize = b
                    default: pci.powerMgmt = b
                    }
                }
            case "rdm_policy":
                guard value == "strict" || value == "relaxed" else {
                    return .failure(
                        DeviceSpecError("unknown RDM policy '\(value)' (valid: strict, relaxed)", near: value))
                }
                pci.rdmPolicy = value
            case "name": pci.name = value
            default:
                return .failure(
                    DeviceSpecError(
                        "unknown PCI option '\(item.key)'", near: item.key,
                        hint: Suggestion.hint(for: item.key, among: keys)))
            }
        }
        if hasBDF == (pci.name != nil) {
            return .failure(
                hasBDF
                    ? DeviceSpecError("PCI spec '\(spec)' gives both an address and name=")
                    : malformed(spec))
        }
        return .success(pci)
    }

    static func malformed(_ spec: String) -> DeviceSpecError {
        DeviceSpecError("malformed PCI spec '\(spec)' (expected [DDDD:]BB:DD.F[@VSLOT][,option=value...])", near: spec)
    }

    struct BDF { var domain = 0, bus = 0, device = 0, function = 0, all = false }

    static func apply(_ bdf: BDF, to pci: inout PciSpec) {
        pci.domain = bdf.domain
        pci.bus = bdf.bus
        pci.device = bdf.device
        pci.function = bdf.function
        pci.allFunctions = bdf.all
    }

    /// `[DDDD:]BB:DD.F` at the start of `s`, and what follows it.
    static func parseBDF(_ s: Substring) -> (BDF, Substring)? {
        var numbers: [Int] = []
        var rest = s
        while true {
            guard let (n, after) = parseHex(rest, maxDigits: 4) else { return nil }
            numbers.append(n)
            rest = after
            if rest.first == ":", numbers.count < 3 {
                rest = rest.dropFirst()
                continue
            }
            break
        }
        guard numbers.count == 2 || numbers.count == 3, rest.first == "." else { return nil }
        rest = rest.dropFirst()
        var bdf = BDF()
        if numbers.count == 3 { bdf.domain = numbers.removeFirst() }
        bdf.bus = numbers[0]
        bdf.device = numbers[1]
        guard bdf.domain <= 0xffff, bdf.bus <= 0xff, bdf.device <= 0x1f else { return nil }
        if rest.first == "*" {
            bdf.all = true
            rest = rest.dropFirst()
        } else {
            guard let (f, after) = parseHex(rest, maxDigits: 1), f <= 7 else { return nil }
            bdf.function = f
            rest = after
        }
        return (bdf, rest)
    }

    static func parseHex(_ s: Substring, maxDigits: Int) -> (Int, Substring)? {
        // On the bytes when the digits are followed by an ASCII byte or nothing: then each digit
        // is one Character, as the Character-level reading below (~100 instructions a
        // character) would find; a byte from 0x80 up may be a combining mark joining the last
        // digit into another Character, so that case is left to it.
        let utf8 = s.utf8
        var end = utf8.startIndex
        var value = 0
        var count = 0
        while end < utf8.endIndex, let digit = Byte.hexValue(utf8[end]) {
            count += 1
            if count <= maxDigits { value = value * 16 + Int(digit) }
            end = utf8.index(after: end)
        }
        if end == utf8.endIndex || utf8[end] < 0x80 {
            return count == 0 || count > maxDigits ? nil : (value, Substring(utf8[end...]))
        }
        let digits = s.prefix(while: \.isHexDigit)
        guard !digits.isEmpty, digits.count <= maxDigits, let n = Int(digits, radix: 16) else { return nil }
        return (n, s.dropFirst(digits.count))
    }
}
