/// A 128-bit Bloom-style filter over a few names, keyed by length and first two bytes.
/// The typed-config builder asks for ~100 keys of which a file sets ~15; the filter answers most
/// "not set" questions without hashing the name for a dictionary lookup.
struct NameFilter: Sendable {
    private var bits: (UInt64, UInt64) = (0, 0)

    init<S: Sequence>(_ names: S) where S.Element == String {
        for name in names {
            let bit = Self.bit(name)
            if bit < 64 { bits.0 |= 1 << bit } else { bits.1 |= 1 << (bit - 64) }
        }
    }

    /// False only when `name` is certainly not among the names.
    func mayContain(_ name: String) -> Bool {
        let bit = Self.bit(name)
        return bit < 64 ? bits.0 & (1 << bit) != 0 : bits.1 & (1 << (bit - 64)) != 0
    }

    /// From the length and the first two bytes, read in place (String's byte iterators and
    /// `utf8.last` cost more than the whole rest of the filter).
    private static func bit(_ name: String) -> UInt64 {
        let key = name.utf8.withContiguousStorageIfAvailable { bytes -> UInt64 in
            let first = bytes.count > 0 ? UInt64(bytes[0]) : 0, second = bytes.count > 1 ? UInt64(bytes[1]) : 0
            return UInt64(bytes.count) &* 31 &+ first &* 7 &+ second
        } ?? fallbackKey(name)
        return key % 128
    }

    private static func fallbackKey(_ name: String) -> UInt64 {
        var bytes = name.utf8.makeIterator()
        let first = UInt64(bytes.next() ?? 0), second = UInt64(bytes.next() ?? 0)
        return UInt64(truncatingIfNeeded: name.utf8.count) &* 31 &+ first &* 7 &+ second
    }
}
