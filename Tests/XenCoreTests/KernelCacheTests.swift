import CDecompress
import Foundation
import Testing
import XenCore

/// The kernel cache on synthetic bzImages: a setup header as the boot protocol lays it out and a
/// payload packed here with the same libraries (the real Debian kernel is proven in the real-Xen
/// suite, where guests boot from the cache's copy).
@Suite("Kernel cache: bzImage payloads unpacked once, keyed by the kernel file's identity")
struct KernelCacheTests {
    /// An "ELF" long enough to span several of the decompressor's 1 MiB chunks.
    static let vmlinux: [UInt8] = {
        var bytes: [UInt8] = [0x7f, 0x45, 0x4c, 0x46]
        var x: UInt32 = 12345
        for i in 0..<(2_500_000) {
            x = x &* 1_103_515_245 &+ 12345
            bytes.append(i % 7 == 0 ? UInt8(truncatingIfNeeded: x >> 16) : UInt8(i % 251))
        }
        return bytes
    }()

    /// A bzImage: 2 setup sectors, then `padding` bytes, then the payload and the 4-byte unpacked
    /// size the kernel's build appends after it.
    static func bzImage(payload: [UInt8], version: UInt16 = 0x020f, padding: Int = 100) -> [UInt8] {
        var image = [UInt8](repeating: 0, count: 1024 + padding)
        image[0x1f1] = 1
        image.replaceSubrange(0x202..<0x206, with: Array("HdrS".utf8))
        image[0x206] = UInt8(version & 0xff)
        image[0x207] = UInt8(version >> 8)
        func put32(_ v: UInt32, at: Int) { for i in 0..<4 { image[at + i] = UInt8(truncatingIfNeeded: v >> (8 * i)) } }
        put32(UInt32(padding), at: 0x248)
        put32(UInt32(payload.count), at: 0x24c)
        let size = UInt32(vmlinux.count)
        return image + payload + [0, 1, 2, 3].map { UInt8(truncatingIfNeeded: size >> (8 * $0)) }
    }

    static func xz(_ data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: data.count + 65536)
        var written = 0
        let rc = lzma_easy_buffer_encode(1, LZMA_CHECK_CRC32, nil, data, data.count, &out, &written, out.count)
        precondition(rc == LZMA_OK)
        return Array(out[0..<written])
    }

    static func legacyLZMA(_ data: [UInt8]) -> [UInt8] {
        var stream = lzma_stream()
        var options = lzma_options_lzma()
        lzma_lzma_preset(&options, 1)
        precondition(lzma_alone_encoder(&stream, &options) == LZMA_OK)
        defer { lzma_end(&stream) }
        var out = [UInt8](repeating: 0, count: data.count + 65536)
        return data.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                stream.next_in = input.baseAddress
                stream.avail_in = input.count
                stream.next_out = output.baseAddress
                stream.avail_out = output.count
                precondition(lzma_code(&stream, LZMA_FINISH) == LZMA_STREAM_END)
                return Array(output[0..<(output.count - stream.avail_out)])
            }
        }
    }

    static func gzip(_ data: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        precondition(
            deflateInit2_(
                &stream, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: data.count + 65536)
        var input = data
        return input.withUnsafeMutableBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = UInt32(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = UInt32(outBuf.count)
                precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
                return Array(outBuf[0..<Int(stream.total_out)])
            }
        }
    }

    static func zstd(_ data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: ZSTD_compressBound(data.count))
        let n = ZSTD_compress(&out, out.count, data, data.count, 3)
        precondition(ZSTD_isError(n) == 0)
        return Array(out[0..<n])
    }

    /// A private directory for one test: the kernel files and the cache inside it.
    final class Scratch {
        let root: String
        init() {
            var template = Array((NSTemporaryDirectory() + "xm-kcache-XXXXXX").utf8CString)
            root = String(cString: mkdtemp(&template)!)
        }
        deinit { try? FileManager.default.removeItem(atPath: root) }
        var cache: KernelCache { KernelCache(directory: root + "/cache/kernels") }
        func write(_ name: String, _ bytes: [UInt8]) -> String {
            let path = root + "/" + name
            precondition(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            return path
        }
        func cacheFiles() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: root + "/cache/kernels")) ?? []).sorted()
        }
    }

    @Test func headerFieldsLocateThePayloadAndNameItsPacking() throws {
        let payload = Self.xz(Array(Self.vmlinux.prefix(5000)))
        let image = Self.bzImage(payload: payload, padding: 64)
        let parsed = try #require(image.withUnsafeBytes { BzImage($0) })
        #expect(parsed.payload == 1088..<(1088 + payload.count))
        #expect(parsed.packing == .xz)
        #expect(Self.bzImage(payload: Self.gzip([1, 2, 3])).withUnsafeBytes { BzImage($0)?.packing } == .gzip)
        #expect(Self.bzImage(payload: Self.zstd([1, 2, 3])).withUnsafeBytes { BzImage($0)?.packing } == .zstd)
        #expect(Self.bzImage(payload: [0x42, 0x5a, 0x68, 0x39]).withUnsafeBytes { BzImage($0)?.packing } == .bzip2)
        // not a bzImage: an ELF, a boot protocol before 2.08 (no payload fields), a payload past the end
        #expect(Self.vmlinux.withUnsafeBytes { BzImage($0) } == nil)
        #expect(Self.bzImage(payload: payload, version: 0x0207).withUnsafeBytes { BzImage($0) } == nil)
        var cut = Self.bzImage(payload: payload)
        cut.removeLast(payload.count / 2)
        #expect(cut.withUnsafeBytes { BzImage($0) } == nil)
    }

    @Test(arguments: ["xz", "lzma", "gzip", "zstd"])
    func fillUnpacksThePayloadAndImageServesIt(packing: String) throws {
        let scratch = Scratch()
        let packed: [UInt8] =
            switch packing {
            case "xz": Self.xz(Self.vmlinux)
            case "lzma": Self.legacyLZMA(Self.vmlinux)
            case "gzip": Self.gzip(Self.vmlinux)
            default: Self.zstd(Self.vmlinux)
            }
        let kernel = scratch.write("vmlinuz", Self.bzImage(payload: packed))
        #expect(scratch.cache.image(for: kernel) == nil)
        guard case .stored(let path, let bytes) = try scratch.cache.fill(from: kernel) else {
            Issue.record("not stored")
            return
        }
        #expect(bytes == Self.vmlinux.count)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(Self.vmlinux))
        #expect(scratch.cache.image(for: kernel) == path)
        #expect(try scratch.cache.fill(from: kernel) == .present(path: path))
        #expect(scratch.cacheFiles().count == 1)
    }

    @Test func aRewrittenOrReplacedKernelIsANewEntryNeverTheOldOne() throws {
        let scratch = Scratch()
        let kernel = scratch.write("vmlinuz", Self.bzImage(payload: Self.xz(Self.vmlinux)))
        guard case .stored(let first, _) = try scratch.cache.fill(from: kernel) else {
            Issue.record("not stored")
            return
        }
        // same size, other content, same mtime put back: the ctime still moves
        var changed = Self.vmlinux
        changed[100] ^= 0xff
        var attributes = try FileManager.default.attributesOfItem(atPath: kernel)
        let handle = try #require(FileHandle(forWritingAtPath: kernel))
        let rewritten = Self.bzImage(payload: Self.xz(changed))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(rewritten))
        try handle.close()
        attributes = [.modificationDate: attributes[.modificationDate]!]
        try FileManager.default.setAttributes(attributes, ofItemAtPath: kernel)
        #expect(scratch.cache.image(for: kernel) == nil)
        guard case .stored(let second, _) = try scratch.cache.fill(from: kernel) else {
            Issue.record("not stored")
            return
        }
        #expect(second != first)
        #expect(try Data(contentsOf: URL(fileURLWithPath: second)) == Data(changed))
        // replaced by another file (a package upgrade's rename)
        let staged = scratch.write("vmlinuz.new", Self.bzImage(payload: Self.gzip(Self.vmlinux)))
        #expect(rename(staged, kernel) == 0)
        #expect(scratch.cache.image(for: kernel) == nil)
    }

    @Test func whatLibxenguestLoadsAsItIsIsLeftAlone() throws {
        let scratch = Scratch()
        let elf = scratch.write("vmlinux", Self.vmlinux)
        #expect(try scratch.cache.fill(from: elf) == .notPacked)
        let bzip2 = scratch.write("vmlinuz-bz2", Self.bzImage(payload: [0x42, 0x5a, 0x68, 0x39, 0, 0, 0]))
        #expect(try scratch.cache.fill(from: bzip2) == .notPacked)
        #expect(scratch.cache.image(for: elf) == nil)
        #expect(scratch.cacheFiles().isEmpty)
    }

    @Test func lookupSaysWhetherAFillerWouldPay() throws {
        let scratch = Scratch()
        let cache = scratch.cache
        let xz = scratch.write("vmlinuz", Self.bzImage(payload: Self.xz(Self.vmlinux)))
        // no directory yet: a packed bzImage is worth caching, the rest is not
        #expect(cache.lookup(xz) == .missing)
        #expect(cache.lookup(scratch.write("vmlinux", Self.vmlinux)) == .notCacheable)
        #expect(
            cache.lookup(scratch.write("bz2", Self.bzImage(payload: [0x42, 0x5a, 0x68, 0x39, 0]))) == .notCacheable)
        #expect(cache.lookup(scratch.root) == .notCacheable)  // a directory
        #expect(cache.lookup(scratch.root + "/missing") == .notCacheable)
        guard case .stored(let path, _) = try cache.fill(from: xz) else {
            Issue.record("not stored")
            return
        }
        #expect(cache.lookup(xz) == .cached(path))
        // a directory others may write: neither served nor filled
        #expect(chmod(cache.directory, 0o775) == 0)
        #expect(cache.lookup(xz) == .notCacheable)
    }

    @Test func aBadPayloadIsAnErrorAndLeavesNothingBehind() throws {
        let scratch = Scratch()
        var truncated = Self.xz(Self.vmlinux)
        truncated.removeLast(truncated.count / 3)
        let kernel = scratch.write("vmlinuz", Self.bzImage(payload: truncated))
        #expect(throws: XenError.self) { try scratch.cache.fill(from: kernel) }
        let notELF = scratch.write("vmlinuz-data", Self.bzImage(payload: Self.xz(Array(repeating: 7, count: 10_000))))
        #expect(throws: XenError.kernelPayloadNotELF(notELF)) {
            try scratch.cache.fill(from: notELF)
        }
        #expect(scratch.cacheFiles().isEmpty)
        #expect(throws: XenError.self) { try scratch.cache.fill(from: scratch.root + "/missing") }
    }

    @Test func aDirectoryOthersMayWriteIsNotUsed() throws {
        let scratch = Scratch()
        let kernel = scratch.write("vmlinuz", Self.bzImage(payload: Self.zstd(Self.vmlinux)))
        guard case .stored = try scratch.cache.fill(from: kernel) else {
            Issue.record("not stored")
            return
        }
        #expect(chmod(scratch.cache.directory, 0o777) == 0)
        #expect(scratch.cache.image(for: kernel) == nil)
        #expect(throws: XenError.self) { try scratch.cache.fill(from: kernel) }
        #expect(chmod(scratch.cache.directory, 0o700) == 0)
        #expect(scratch.cache.image(for: kernel) != nil)
    }

    @Test func theLeastRecentlyUsedGoBeyondTheCapacity() throws {
        let scratch = Scratch()
        let packed = Self.bzImage(payload: Self.zstd(Self.vmlinux))
        let kernels = (0..<3).map { scratch.write("vmlinuz-\($0)", packed) }
        // room for two entries
        let cache = KernelCache(directory: scratch.cache.directory, capacity: 2 * Self.vmlinux.count + 10)
        for kernel in kernels.prefix(2) { _ = try cache.fill(from: kernel) }
        // vmlinuz-0 used last: the eviction keeps it and drops vmlinuz-1
        let old = timespec(tv_sec: 1_000_000, tv_nsec: 0)
        for name in scratch.cacheFiles() {
            var times = [old, old]
            utimensat(AT_FDCWD, scratch.cache.directory + "/" + name, &times, 0)
        }
        #expect(cache.image(for: kernels[0]) != nil)
        _ = try cache.fill(from: kernels[2])
        #expect(scratch.cacheFiles().count == 2)
        #expect(cache.image(for: kernels[0]) != nil)
        #expect(cache.image(for: kernels[1]) == nil)
        #expect(cache.image(for: kernels[2]) != nil)
    }
}

extension KernelCache {
    /// The unpacked image of `kernel`, if the cache holds it (what a create would load).
    fileprivate func image(for kernel: String) -> String? {
        if case .cached(let path) = lookup(kernel) { return path }
        return nil
    }
}
