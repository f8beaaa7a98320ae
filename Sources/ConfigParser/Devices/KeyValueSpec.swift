/// The `key=value,key=value` strings that vif, vfb, vtpm and channel specs are written in.
/// Items are split on commas and trimmed (xm trimmed both sides; xl skips leading blanks); empty
/// items are skipped, as xl's strtok does. An item without `=` is a bare flag (xl's `trusted`).
struct KeyValueSpec {
    struct Item: Equatable {
        var key: String
        /// nil for a bare flag.
        var value: String?
    }

    let items: [Item]

    init(_ spec: String) {
        var items: [Item] = []
        // In ASCII text every Character is one byte (but "\r\n", which is neither ',' nor '='), so
        // splitting bytes is splitting Characters, without Character segmentation's cost.
        let asciiOnly = spec.utf8.allSatisfy { $0 < 0x80 }
        for raw in asciiOnly ? Self.asciiParts(spec) : spec.split(separator: ",", omittingEmptySubsequences: false) {
            let part = raw.trimmingBlanks()
            if part.isEmpty { continue }
            let eq = asciiOnly ? part.utf8.firstIndex(of: UInt8(ascii: "=")) : part.firstIndex(of: "=")
            if let eq {
                items.append(Item(key: part[..<eq].trimmingBlanks(),
                                  value: part[part.utf8.index(after: eq)...].trimmingBlanks()))
            } else {
                items.append(Item(key: part, value: nil))
            }
        }
        self.items = items
    }

    private static func asciiParts(_ spec: String) -> [Substring] {
        var parts: [Substring] = []
        var start = spec.utf8.startIndex
        var i = start
        while i < spec.utf8.endIndex {
            if spec.utf8[i] == UInt8(ascii: ",") {
                parts.append(spec[start..<i])
                start = spec.utf8.index(after: i)
            }
            i = spec.utf8.index(after: i)
        }
        parts.append(spec[start...])
        return parts
    }
}

extension StringProtocol {
    /// Spaces, tabs and newlines off both ends (Python's strip() for the characters configs use).
    /// Character by Character: "\r\n" is one Character, and not among the blanks.
    func trimmingBlanks() -> String {
        let whole = Substring(self)
        let utf8 = whole.utf8
        // ASCII fast path: each Character is one byte except "\r\n".
        if utf8.allSatisfy({ $0 < 0x80 }) {
            let isBlank = { (b: UInt8) in b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
            var first = utf8.startIndex, end = utf8.endIndex
            while first < end, isBlank(utf8[first]) {
                let next = utf8.index(after: first)
                if utf8[first] == 0x0D, next < end, utf8[next] == 0x0A { break }
                first = next
            }
            while end > first {
                let last = utf8.index(before: end)
                guard isBlank(utf8[last]) else { break }
                if utf8[last] == 0x0A, last > first, utf8[utf8.index(before: last)] == 0x0D { break }
                end = last
            }
            return String(whole[first..<end])
        }
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !blank($0) }) else { return "" }
        let last = lastIndex(where: { !blank($0) })!
        return String(self[first...last])
    }
}

/// Parses the 0/1 flags of device specs the way xl does (`atoi`): a leading integer, 0 = false.
/// Anything that does not start with a number is rejected rather than read as 0.
func deviceFlag(_ value: String, key: String) -> Result<Bool, DeviceSpecError> {
    let t = value.trimmingBlanks()
    switch t.lowercased() {
    case "yes", "y", "true", "on": return .success(true)
    case "no", "n", "false", "off": return .success(false)
    default: break
    }
    guard let n = Int(t) else {
        return .failure(DeviceSpecError("\(key)=\(value): expected 0 or 1", near: value))
    }
    return .success(n != 0)
}
