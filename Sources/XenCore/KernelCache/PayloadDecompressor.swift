import CDecompress

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
            guard total <= outputLimit else { throw XenError.kernelTooLarge }
            if count > 0 { try output(UnsafeRawBufferPointer(rebasing: chunk[0..<count])) }
        }
        switch packing {
        case .xz, .lzma: try unpackLZMA(input, legacy: packing == .lzma, chunk: chunk, emit: emit)
        case .gzip: try unpackGzip(input, chunk: chunk, emit: emit)
        case .zstd: try unpackZstd(input, chunk: chunk, emit: emit)
        case .bzip2, .lzo, .lz4: throw XenError.kernelPackingNotCached(packing)
        }
    }

    private static func unpackLZMA(
        _ input: UnsafeRawBufferPointer, legacy: Bool, chunk: UnsafeMutableRawBufferPointer,
        emit: (Int) throws -> Void
    ) throws {
        var stream = lzma_stream()  // zeroed: LZMA_STREAM_INIT
        let rc = legacy ? lzma_alone_decoder(&stream, UInt64.max) : lzma_stream_decoder(&stream, UInt64.max, 0)
        guard rc == LZMA_OK else {
            throw XenError.decompressorFailed(library: "liblzma", detail: "cannot start a decoder (\(rc.rawValue))")
        }
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
                throw status == LZMA_BUF_ERROR
                    ? XenError.kernelPayloadTruncated(format: "xz")
                    : XenError.decompressorFailed(library: "liblzma", detail: "corrupt payload (\(status.rawValue))")
            }
        }
    }

    private static func unpackGzip(
        _ input: UnsafeRawBufferPointer, chunk: UnsafeMutableRawBufferPointer,
        emit: (Int) throws -> Void
    ) throws {
        guard input.count <= Int(UInt32.max) else { throw XenError.kernelPayloadTooLarge(format: "gzip") }
        var stream = z_stream()
        guard cdecompress_inflate_init_gzip(&stream) == Z_OK else {
            throw XenError.decompressorFailed(library: "zlib", detail: "cannot start inflate")
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
                throw status == Z_BUF_ERROR
                    ? XenError.kernelPayloadTruncated(format: "gzip")
                    : XenError.decompressorFailed(library: "zlib", detail: "corrupt payload (\(status))")
            }
        }
    }

    private static func unpackZstd(
        _ input: UnsafeRawBufferPointer, chunk: UnsafeMutableRawBufferPointer,
        emit: (Int) throws -> Void
    ) throws {
        guard let stream = ZSTD_createDStream() else {
            throw XenError.decompressorFailed(library: "libzstd", detail: "cannot start a decoder")
        }
        defer { ZSTD_freeDStream(stream) }
        ZSTD_initDStream(stream)
        var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        while true {
            var sink = ZSTD_outBuffer(dst: chunk.baseAddress, size: chunk.count, pos: 0)
            let left = ZSTD_decompressStream(stream, &sink, &source)
            if ZSTD_isError(left) != 0 {
                throw XenError.decompressorFailed(library: "libzstd", detail: String(cString: ZSTD_getErrorName(left)))
            }
            try emit(sink.pos)
            if left == 0 { return }  // the frame is complete and flushed
            if source.pos == source.size && sink.pos == 0 { throw XenError.kernelPayloadTruncated(format: "zstd") }
        }
    }
}
