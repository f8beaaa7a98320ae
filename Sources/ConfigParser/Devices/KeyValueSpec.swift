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
        for raw in spec.split(separator: ",", omittingEmptySubsequences: false) {
            let part = raw.trimmingBlanks()
            if part.isEmpty { continue }
            if let eq = part.firstIndex(of: "=") {
                items.append(Item(key: String(part[..<eq]).trimmingBlanks(),
                                  value: String(part[part.index(after: eq)...]).trimmingBlanks()))
            } else {
                items.append(Item(key: part, value: nil))
            }
        }
        self.items = items
    }
}

extension StringProtocol {
    /// Spaces, tabs and newlines off both ends (Python's strip() for the characters configs use).
    func trimmingBlanks() -> String {
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
