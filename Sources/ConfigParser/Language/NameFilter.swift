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

    /// From the length and the first two bytes (an iterator reads those cheaply; `utf8.last` is
    /// not cheap on a String).
    private static func bit(_ name: String) -> UInt64 {
        var bytes = name.utf8.makeIterator()
        let first = UInt64(bytes.next() ?? 0), second = UInt64(bytes.next() ?? 0)
        return (UInt64(truncatingIfNeeded: name.utf8.count) &* 31 &+ first &* 7 &+ second) % 128
    }
}
