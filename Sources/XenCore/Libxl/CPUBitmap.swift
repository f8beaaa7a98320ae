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
}
