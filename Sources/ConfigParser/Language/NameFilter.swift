/// A 128-bit Bloom-style filter over a few names, keyed by length and first and last byte.
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

    private static func bit(_ name: String) -> UInt64 {
        let utf8 = name.utf8
        let first = UInt64(utf8.first ?? 0), last = UInt64(utf8.last ?? 0)
        return (UInt64(truncatingIfNeeded: utf8.count) &* 31 &+ first &* 7 &+ last) % 128
    }
}
