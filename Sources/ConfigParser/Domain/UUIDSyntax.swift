/// Domain and device UUIDs: libxl_uuid_from_string wants the 8-4-4-4-12 hex form; xend also took
/// the 32 hex digits without dashes.
public enum UUIDSyntax {
    /// The lower-case 8-4-4-4-12 form, or nil when `text` is not a UUID in either spelling.
    /// Both spellings are pure ASCII, so checking bytes is checking characters.
    public static func canonical(_ text: String) -> String? {
        let dashed: Bool
        switch text.utf8.count {
        case 36: dashed = true
        case 32: dashed = false
        default: return nil
        }
        var input = text
        // On the contiguous bytes: iterating String's byte view costs several times more.
        return input.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(36)
            for offset in bytes.indices {
                let b = bytes[offset]
                if dashed, offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                    guard b == UInt8(ascii: "-") else { return nil }
                    out.append(b)
                    continue
                }
                guard let digit = Byte.lowercasedHexDigit(b) else { return nil }
                out.append(digit)
                if !dashed, out.count == 8 || out.count == 13 || out.count == 18 || out.count == 23 {
                    out.append(UInt8(ascii: "-"))
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    public static func isDashedForm(_ text: String) -> Bool {
        var input = text
        // Four '-' bytes are four '-' Characters when the text is ASCII.
        let dashes = input.withUTF8 { bytes -> Int? in
            guard Byte.allASCII(bytes) else { return nil }
            return bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "-") ? 1 : 0) }
        }
        if let dashes { return dashes == 4 }
        return text.split(separator: "-", omittingEmptySubsequences: false).count == 5
    }
}
