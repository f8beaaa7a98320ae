/// A name's length and first, second and last bytes packed into one integer. Equal names have
/// equal signatures, and the few names of one config rarely share one, so comparing signatures
/// stands in for most String comparisons, and for hashing: Dictionary's SipHash resists
/// collision attacks, which costs more than a whole lookup among a config's ~10-30 names.
enum NameSignature {
    @inline(__always)
    static func of(_ name: String) -> UInt32 {
        if let sig = name.utf8.withContiguousStorageIfAvailable(of) { return sig }
        return of(Array(name.utf8))  // a bridged string; never on Linux
    }

    @inline(__always)
    static func of<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> UInt32 where Bytes.Index == Int {
        guard let first = bytes.first, let last = bytes.last else { return 0 }
        let second = bytes.count > 1 ? bytes[bytes.startIndex + 1] : 0
        return UInt32(min(bytes.count, 255)) << 24 | UInt32(first) << 16 | UInt32(second) << 8 | UInt32(last)
    }

    /// The top `bits` bits of a multiplicative (Fibonacci) hash of a signature: a slot in a table
    /// of 2^bits entries, spreading signatures that differ only in their low bytes.
    @inline(__always)
    static func slot(_ signature: UInt32, bits: Int) -> Int {
        Int((signature &* 0x9E37_79B1) >> UInt32(32 - bits))
    }
}
