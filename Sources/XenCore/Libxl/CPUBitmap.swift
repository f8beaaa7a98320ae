import CXen

/// `libxl_bitmap` allocation without a libxl context. xl allocates through `libxl_cpu_bitmap_alloc`,
/// which needs a context to learn the host's CPU count; the dry run has none, so the width is
/// given by the caller. Only the set bits appear in the JSON, so the width never shows unless
/// every bit is set ("all").
enum CPUBitmap {
    /// Allocates `bits` (rounded up to whole bytes, at least one byte) cleared bits.
    static func allocate(_ bitmap: inout libxl_bitmap, bits: Int) throws(LibxlError) {
        let bytes = max(1, (bits + 7) / 8)
        guard let map = calloc(bytes, 1) else { throw .outOfMemory }
        free(bitmap.map)
        bitmap.map = map.bindMemory(to: UInt8.self, capacity: bytes)
        bitmap.size = UInt32(bytes)
    }

    static func set(_ bitmap: inout libxl_bitmap, _ bit: Int) {
        libxl_bitmap_set(&bitmap, Int32(bit))
    }

    static func reset(_ bitmap: inout libxl_bitmap, _ bit: Int) {
        libxl_bitmap_reset(&bitmap, Int32(bit))
    }

    static func setAll(_ bitmap: inout libxl_bitmap) {
        libxl_bitmap_set_any(&bitmap)
    }

    /// The numbers of the set bits.
    static func members(_ bitmap: inout libxl_bitmap) -> [Int] {
        (0..<Int(bitmap.size) * 8).filter { libxl_bitmap_test(&bitmap, Int32($0)) != 0 }
    }
}

extension LibxlContext {
    /// A map as wide as the host's CPUs with `cpus` set (every CPU when nil), for the duration of
    /// `body`. A CPU the host does not have is an error, not a silently dropped bit.
    func withCPUMap<R>(_ cpus: [Int]?, _ body: (inout libxl_bitmap) throws -> R) throws -> R {
        var map = libxl_bitmap()
        libxl_bitmap_init(&map)
        defer { libxl_bitmap_dispose(&map) }
        try check("allocating a CPU map", libxl_cpu_bitmap_alloc(ctx, &map, 0))
        let width = Int(map.size) * 8
        for cpu in cpus ?? Array(0..<width) {
            guard cpu < width else { throw XenError.noSuchCPU(cpu, hostCPUs: width) }
            libxl_bitmap_set(&map, Int32(cpu))
        }
        return try body(&map)
    }
}
