/// A Linux bzImage as libxenguest's loader reads it (tools/libs/guest/xg_dom_bzimageloader.c):
/// the boot protocol's setup header, and the compressed kernel it carries (an ELF vmlinux, once
/// unpacked). Only what the kernel cache needs: where the payload is and how it is packed.
public struct BzImage: Sendable, Equatable {
    public enum Packing: String, Sendable, Equatable {
        case gzip, xz, zstd, lzma, bzip2, lzo, lz4
    }

    /// The payload's byte range in the file.
    public let payload: Range<Int>
    public let packing: Packing?

    /// The setup header's fields, at the offsets of Documentation/arch/x86/boot.rst.
    private enum Offset {
        static let setupSects = 0x1f1, magic = 0x202, version = 0x206
        static let payloadOffset = 0x248, payloadLength = 0x24c, headerEnd = 0x250
    }

    /// The bytes of the file that hold the setup header's fields read here.
    static let headerSize = Offset.headerEnd

    /// Nil when `bytes` is not a bzImage whose payload the boot protocol locates (version 2.08 or
    /// later, the same test libxenguest makes), or the payload lies outside the file.
    package init?(_ bytes: UnsafeRawBufferPointer) {
        guard let start = Self.payloadStart(bytes) else { return nil }
        let length = Int(Self.le32(bytes, Offset.payloadLength))
        guard start < bytes.count, length > 0, start + length <= bytes.count else { return nil }
        payload = start..<start + length
        packing = Self.packing(of: UnsafeRawBufferPointer(rebasing: bytes[payload]))
    }

    /// Where the payload starts, from the setup header alone (`header`: at least `headerSize`
    /// bytes from the start of the file); nil when this is not a bzImage of boot protocol 2.08+.
    static func payloadStart(_ header: UnsafeRawBufferPointer) -> Int? {
        guard header.count >= Offset.headerEnd,
            Array(header[Offset.magic..<Offset.magic + 4]) == Array("HdrS".utf8),
            le16(header, Offset.version) >= 0x0208
        else { return nil }
        // as libxenguest computes it: (setup_sects + 1) sectors of real-mode code, then the offset
        return (Int(header[Offset.setupSects]) + 1) * 512 + Int(le32(header, Offset.payloadOffset))
    }

    /// The packing named by the payload's first bytes (libxenguest's check_magic, in its order).
    static func packing(of payload: UnsafeRawBufferPointer) -> Packing? {
        func starts(_ magic: [UInt8]) -> Bool {
            payload.count >= magic.count && payload.prefix(magic.count).elementsEqual(magic)
        }
        if starts([0x1f, 0x8b]) { return .gzip }
        if starts([0x42, 0x5a, 0x68]) { return .bzip2 }
        if starts([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) { return .xz }
        if starts([0x28, 0xb5, 0x2f, 0xfd]) { return .zstd }
        if starts([0x5d, 0x00]) { return .lzma }
        if starts([0x89, 0x4c, 0x5a, 0x4f]) { return .lzo }
        if starts([0x02, 0x21, 0x4c, 0x18]) { return .lz4 }
        return nil
    }

    private static func le16(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt16 {
        UInt16(b[at]) | UInt16(b[at + 1]) << 8
    }

    private static func le32(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }
}
