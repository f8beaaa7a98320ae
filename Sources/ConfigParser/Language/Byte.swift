/// Byte-level helpers for the ASCII fast paths (disk specs, MACs, UUIDs), which work on bytes
/// as flex does.
package enum Byte {
    static let newline: UInt8 = 10, comma: UInt8 = 44, equals: UInt8 = 61, colon: UInt8 = 58, hyphen: UInt8 = 45
    static func isBlank(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 }
    static func isLower(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }
    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    /// `[A-Za-z0-9_]`, by bit masks (bit b of the first for bytes below 64, of the second for
    /// 64-127): the lexer asks this of every byte of every name.
    package static func isIdentifier(_ b: UInt8) -> Bool {
        b < 64 ? (0x03FF_0000_0000_0000 as UInt64) >> b & 1 != 0 : isIdentifierStart(b)
    }

    /// `[A-Za-z_]`.
    package static func isIdentifierStart(_ b: UInt8) -> Bool {
        b >= 64 && b < 128 && (0x07FF_FFFE_87FF_FFFE as UInt64) >> (b - 64) & 1 != 0
    }

    /// A hex digit in lower case (MACs and UUIDs are compared and stored that way), or nil.
    static func lowercasedHexDigit(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): b
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b | 0x20
        default: nil
        }
    }
    /// The value of a hex digit in either case, or nil.
    static func hexValue(_ b: UInt8) -> UInt8? {
        guard let digit = lowercasedHexDigit(b) else { return nil }
        return digit <= UInt8(ascii: "9") ? digit - UInt8(ascii: "0") : digit - UInt8(ascii: "a") + 10
    }

    /// Whether no byte has its high bit set.
    static func allASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.contains { $0 >= 0x80 }
    }

    /// The index of the first of `a`, `b` or `c` in `bytes` at or after `start`, or `bytes.count`.
    package static func firstIndex(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, of a: UInt8, _ b: UInt8, _ c: UInt8
    )
        -> Int
    {
        var i = max(start, 0)
        while i < bytes.count, bytes[i] != a, bytes[i] != b, bytes[i] != c { i += 1 }
        return i
    }

    /// `Int(String(decoding: bytes, as: UTF8.self))` without making the String: an optional sign,
    /// then one or more decimal digits; nil for anything else or on overflow.
    package static func integer<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int? {
        var i = bytes.startIndex
        guard i < bytes.endIndex else { return nil }
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative || bytes[i] == UInt8(ascii: "+") { i = bytes.index(after: i) }
        guard i < bytes.endIndex else { return nil }
        var value = 0
        while i < bytes.endIndex {
            guard isDigit(bytes[i]) else { return nil }
            let digit = Int(bytes[i] - UInt8(ascii: "0"))
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) =
                negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = next
            i = bytes.index(after: i)
        }
        return value
    }

    /// Whether `bytes` start with the bytes of `literal`.
    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: String) -> Bool {
        let inPlace = literal.utf8.withContiguousStorageIfAvailable { lit -> Bool in
            lit.count <= bytes.count && lit.indices.allSatisfy { bytes[$0] == lit[$0] }
        }
        return inPlace ?? bytes.starts(with: literal.utf8)
    }

    static func hasPrefix(_ s: UnsafeBufferPointer<UInt8>, _ literal: String, at i: Int) -> Bool {
        // The literals are ASCII constants, stored contiguously: compared in place, not through
        // String's byte iterator (the disk lexer asks this for every rule at every position).
        let inPlace = literal.utf8.withContiguousStorageIfAvailable { lit -> Bool in
            guard i >= 0, lit.count <= s.count - i else { return false }
            for k in 0..<lit.count where s[i + k] != lit[k] { return false }
            return true
        }
        if let inPlace { return inPlace }
        var k = i
        for b in literal.utf8 {
            guard k < s.count, s[k] == b else { return false }
            k += 1
        }
        return true
    }
}

extension StringProtocol {
    /// Whether every byte is ASCII, tested on the contiguous bytes (iterating String's byte view
    /// costs ~10 instructions a byte).
    var isASCII: Bool {
        utf8.withContiguousStorageIfAvailable(Byte.allASCII) ?? utf8.allSatisfy { $0 < 0x80 }
    }
}
