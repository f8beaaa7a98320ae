/// MAC addresses as vif specs write them: six pairs of hex digits separated by colons.
public enum MACAddress {
    /// The address in lower case, or nil when it is not six colon-separated hex pairs.
    /// (xl's own parser is laxer: it reads up to six strtoul groups and accepts `0:1:2:3:4:5`.)
    public static func normalized(_ text: String) -> String? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6 else { return nil }
        for p in parts {
            guard p.count == 2, p.allSatisfy(\.isHexDigit) else { return nil }
        }
        return text.lowercased()
    }

    /// A multicast address (low bit of the first octet set) cannot be a NIC's own address.
    public static func isMulticast(_ normalized: String) -> Bool {
        guard let first = UInt8(normalized.prefix(2), radix: 16) else { return false }
        return first & 1 == 1
    }
}
