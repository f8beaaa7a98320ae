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
        // In ASCII text every Character is one byte (but "\r\n", which is neither ',' nor '='), so
        // the items can be cut out of the bytes, without Character segmentation's cost (split by
        // Character, parse+validate took 27% longer in xm-bench); the spec's own bytes, not a copy.
        if let items = spec.utf8.withContiguousStorageIfAvailable({ Byte.allASCII($0) ? Self.asciiItems($0) : nil })
            ?? nil
        {
            self.items = items
            return
        }
        var items: [Item] = []
        for raw in spec.split(separator: ",", omittingEmptySubsequences: false) {
            let part = raw.trimmingBlanks()
            if part.isEmpty { continue }
            if let eq = part.firstIndex(of: "=") {
                items.append(
                    Item(
                        key: String(part[..<eq]).trimmingBlanks(),
                        value: String(part[part.index(after: eq)...]).trimmingBlanks()))
            } else {
                items.append(Item(key: part, value: nil))
            }
        }
        self.items = items
    }

    private static func asciiItems(_ bytes: UnsafeBufferPointer<UInt8>) -> [Item] {
        func text(_ r: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self)
        }
        var items: [Item] = []
        items.reserveCapacity(4)  // a typical vif: mac, bridge and one more
        var start = 0
        while start <= bytes.count {
            let comma = UInt8(ascii: ",")
            let end = Byte.firstIndex(in: bytes, from: start, of: comma, comma, comma)
            let part = trimmedASCII(bytes, start..<end)
            start = end + 1
            if part.isEmpty { continue }
            if let eq = bytes[part].firstIndex(of: UInt8(ascii: "=")) {
                items.append(
                    Item(
                        key: text(trimmedASCII(bytes, part.lowerBound..<eq)),
                        value: text(trimmedASCII(bytes, (eq + 1)..<part.upperBound))))
            } else {
                items.append(Item(key: text(part), value: nil))
            }
        }
        return items
    }
}

/// `trimmingBlanks` on a stretch of ASCII bytes: blanks off both ends, where "\r\n" (one
/// Character) is not a blank.
func trimmedASCII<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ range: Range<Int>) -> Range<Int>
where Bytes.Index == Int {
    let isBlank = { (b: UInt8) in b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    var first = range.lowerBound
    var end = range.upperBound
    while first < end, isBlank(bytes[first]) {
        if bytes[first] == 0x0D, first + 1 < end, bytes[first + 1] == 0x0A { break }
        first += 1
    }
    while end > first, isBlank(bytes[end - 1]) {
        if bytes[end - 1] == 0x0A, end - 1 > first, bytes[end - 2] == 0x0D { break }
        end -= 1
    }
    return first..<end
}

extension StringProtocol {
    /// Spaces, tabs and newlines off both ends (Python's strip() for the characters configs use).
    /// Character by Character: "\r\n" is one Character, and not among the blanks.
    func trimmingBlanks() -> String {
        let whole = Substring(self)
        let utf8 = whole.utf8
        // ASCII fast path: each Character is one byte except "\r\n".
        if whole.isASCII {
            let isBlank = { (b: UInt8) in b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
            var first = utf8.startIndex
            var end = utf8.endIndex
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
