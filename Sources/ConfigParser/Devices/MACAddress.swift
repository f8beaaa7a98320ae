/// MAC addresses as vif specs write them: six pairs of hex digits separated by colons.
public enum MACAddress {
    /// The address in lower case, or nil when it is not six colon-separated hex pairs.
    /// (xl's own parser is laxer: it reads up to six strtoul groups and accepts `0:1:2:3:4:5`.)
    public static func normalized(_ text: String) -> String? {
        if text.isASCII { return normalizedASCII(text) }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6 else { return nil }
        for p in parts {
            guard p.count == 2, p.allSatisfy(\.isHexDigit) else { return nil }
        }
        return text.lowercased()
    }

    /// The same check on bytes: `hh:hh:hh:hh:hh:hh` is exactly 17 of them. An address already in
    /// lower case (the usual) is returned as it is, without making a new String.
    private static func normalizedASCII(_ text: String) -> String? {
        guard text.utf8.count == 17 else { return nil }
        var input = text
        let lowerCase = input.withUTF8 { bytes -> Bool? in
            var lowerCase = true
            for offset in 0..<17 {
                let b = bytes[offset]
                if offset % 3 == 2 {
                    guard b == UInt8(ascii: ":") else { return nil }
                } else {
                    guard let digit = Byte.lowercasedHexDigit(b) else { return nil }
                    lowerCase = lowerCase && digit == b
                }
            }
            return lowerCase
        }
        guard let lowerCase else { return nil }
        // Only hex digits and colons: lowercased() changes just the A-F.
        return lowerCase ? text : text.lowercased()
    }

    /// A multicast address (low bit of the first octet set) cannot be a NIC's own address.
    public static func isMulticast(_ normalized: String) -> Bool {
        // That bit is the low bit of the second hex digit: read from the bytes when the first two
        // are hex digits (always, for a normalized address).
        let utf8 = normalized.utf8
        if utf8.count >= 2, Byte.hexValue(utf8[utf8.startIndex]) != nil,
            let low = Byte.hexValue(utf8[utf8.index(after: utf8.startIndex)])
        {
            return low & 1 == 1
        }
        guard let first = UInt8(normalized.prefix(2), radix: 16) else { return false }
        return first & 1 == 1
    }
}
