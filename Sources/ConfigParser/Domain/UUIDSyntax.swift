/// Domain and device UUIDs: libxl_uuid_from_string wants the 8-4-4-4-12 hex form; xend also took
/// the 32 hex digits without dashes.
public enum UUIDSyntax {
    /// The lower-case 8-4-4-4-12 form, or nil when `text` is not a UUID in either spelling.
    public static func canonical(_ text: String) -> String? {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        let hex: String
        if groups.count == 5 {
            guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return nil }
            hex = groups.joined()
        } else if groups.count == 1, text.count == 32 {
            hex = text
        } else {
            return nil
        }
        guard hex.allSatisfy(\.isHexDigit), hex.allSatisfy(\.isASCII) else { return nil }
        let h = Array(hex.lowercased())
        return String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-"
            + String(h[16..<20]) + "-" + String(h[20..<32])
    }

    public static func isDashedForm(_ text: String) -> Bool {
        text.split(separator: "-", omittingEmptySubsequences: false).count == 5
    }
}
