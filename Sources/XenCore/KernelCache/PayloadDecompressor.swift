import CDecompress

/// Why a kernel could not be unpacked into the cache. Never reaches the user as a create error:
/// the create then goes on with the original kernel, and the line goes to the filler's log.
public struct KernelCacheError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Unpacks a bzImage payload with the same libraries libxenguest uses (liblzma, zlib, libzstd),
/// a chunk at a time: a kernel unpacks to ~60 MB, written out as it comes.
enum PayloadDecompressor {
    /// What libxenguest also unpacks and we can: bzip2, lzo and lz4 kernels are left to it.
    static let supported: Set<BzImage.Packing> = [.gzip, .xz, .zstd, .lzma]

    /// libxenguest's own ceiling for an unpacked kernel (XC_DOM_DECOMPRESS_MAX, 1 GiB).
    static let outputLimit = 1 << 30

    private static let chunkSize = 1 << 20

    /// Feeds `output` the unpacked bytes of `input`, up to the end of its first stream: the kernel's
    /// build appends the unpacked size after the stream, which is not part of it.
    static func unpack(
        _ input: UnsafeRawBufferPointer, packing: BzImage.Packing,
        into output: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        var total = 0
        let emit = { (count: Int) throws in
            total += count
            guard total <= outputLimit else { throw KernelCacheError("the kernel unpacks to more than 1 GiB") }
            if count > 0 { try output(UnsafeRawBufferPointer(rebasing: chunk[0..<count])) }
        }
        switch packing {
        case .xz, .lzma: try unpackLZMA(input, legacy: packing == .lzma, chunk: chunk, emit: emit)
        case .gzip: try unpackGzip(input, chunk: chunk, emit: emit)
        case .zstd: try unpackZstd(input, chunk: chunk, emit: emit)
        case .bzip2, .lzo, .lz4: throw KernelCacheError("\(packing.rawValue) kernels are not cached")
        }
    }

    private static func unpackLZMA(
        _ input: UnsafeRawBufferPointer, legacy: Bool, chunk: UnsafeMutableRawBufferPointer,
        emit: (Int) throws -> Void
    ) throws {
        var stream = lzma_stream()  // zeroed: LZMA_STREAM_INIT
        let rc = legacy ? lzma_alone_decoder(&stream, UInt64.max) : lzma_stream_decoder(&stream, UInt64.max, 0)
        guard rc == LZMA_OK else { throw KernelCacheError("liblzma: cannot start a decoder (\(rc.rawValue))") }
        defer { lzma_end(&stream) }
        stream.next_in = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.avail_in = input.count
        while true {
            stream.next_out = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self)
            stream.avail_out = chunk.count
            let status = lzma_code(&stream, LZMA_FINISH)
            try emit(chunk.count - stream.avail_out)
            if status == LZMA_STREAM_END { return }
            guard status == LZMA_OK else {
                throw KernelCacheError(
                    status == LZMA_BUF_ERROR
                        ? "the xz payload is truncated" : "liblzma: corrupt payload (\(status.rawValue))")
            }
        }
    }

    private static func unpackGzip(
        _ input: UnsafeRawBufferPointer, chunk: UnsafeMutableRawBufferPointer,
        emit: (Int) throws -> Void
    ) throws {
        guard input.count <= Int(UInt32.max) else { throw KernelCacheError("the gzip payload is too large") }
        var stream = z_stream()
        guard cdecompress_inflate_init_gzip(&stream) == Z_OK else {
            throw KernelCacheError("zlib: cannot start inflate")
        }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.avail_in = UInt32(input.count)
        while true {
            stream.next_out = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self)
            stream.avail_out = UInt32(chunk.count)
            let status = inflate(&stream, Z_NO_FLUSH)
            try emit(chunk.count - Int(stream.avail_out))
            if status == Z_STREAM_END { return }
            guard status == Z_OK else {
                throw KernelCacheError(
                    status == Z_BUF_ERROR ? "the gzip payload is truncated" : "zlib: corrupt payload (\(status))")
            }
        }
    }

    private static func unpackZstd(
        _ input: UnsafeRawBufferPointer, chunk: UnsafeMutableRawBufferPointer,
        emit: (Int) throws -> Void
    ) throws {
        guard let stream = ZSTD_createDStream() else { throw KernelCacheError("libzstd: cannot start a decoder") }
        defer { ZSTD_freeDStream(stream) }
        ZSTD_initDStream(stream)
        var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        while true {
            var sink = ZSTD_outBuffer(dst: chunk.baseAddress, size: chunk.count, pos: 0)
            let left = ZSTD_decompressStream(stream, &sink, &source)
            if ZSTD_isError(left) != 0 {
                throw KernelCacheError("libzstd: \(String(cString: ZSTD_getErrorName(left)))")
            }
            try emit(sink.pos)
            if left == 0 { return }  // the frame is complete and flushed
            if source.pos == source.size && sink.pos == 0 { throw KernelCacheError("the zstd payload is truncated") }
        }
    }
}
