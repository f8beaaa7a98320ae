import Glibc

/// Kernels unpacked once and kept, so that creating a PV or PVH domain does not unpack its kernel
/// again. libxenguest unpacks a bzImage's payload (xz for Debian's kernels) at every create and
/// every restart: under the emulated test host that is 3.6 s of a 4.4 s create, on hardware a few
/// hundred milliseconds. Given the unpacked ELF instead, it maps it and loads its segments.
///
/// An entry is named by its kernel file's identity (`Identity`), so a kernel that is replaced or
/// rewritten is never served stale: it is simply a new entry. Entries are filled off the create's
/// path (`xm create` starts a filler after a miss) and the least recently used are dropped beyond
/// `capacity`. The directory must be ours and closed to others (0700), as it holds what domains
/// boot; anything unexpected makes the cache answer "no entry" and the create goes on as xl's.
public struct KernelCache: Sendable {
    public static let defaultDirectory = "/var/cache/xm/kernels"
    public static let defaultCapacity = 512 << 20

    public let directory: String
    /// Bytes of entries kept; the newest entry stays even when it alone is larger.
    public let capacity: Int

    public init(directory: String = defaultDirectory, capacity: Int = defaultCapacity) {
        self.directory = directory
        self.capacity = capacity
    }

    /// A kernel file's identity: device, inode, size, and modification and change times to the
    /// nanosecond. A new file (package upgrade, copy and rename) has a new inode; a rewrite moves
    /// both times, and putting the mtime back (touch -d) still moves the ctime.
    struct Identity: Equatable {
        let device, inode, size: UInt64
        let modified, changed: timespec

        init(_ st: stat) {
            device = UInt64(st.st_dev)
            inode = UInt64(st.st_ino)
            size = UInt64(st.st_size)
            modified = st.st_mtim
            changed = st.st_ctim
        }

        var entryName: String {
            func hex(_ v: UInt64) -> String { String(v, radix: 16) }
            func time(_ t: timespec) -> String { "\(t.tv_sec).\(t.tv_nsec)" }
            return "k-\(hex(device))-\(hex(inode))-\(hex(size))-\(time(modified))-\(time(changed)).elf"
        }

        static func == (a: Identity, b: Identity) -> Bool {
            a.device == b.device && a.inode == b.inode && a.size == b.size
                && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
                && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
        }
    }

    public enum Lookup: Equatable, Sendable {
        /// The unpacked image of the kernel, for libxl to load instead.
        case cached(String)
        /// Not cached yet, and worth caching: a bzImage with a payload we unpack.
        case missing
        /// Nothing to cache: not a regular file, already an ELF, or packed in a way we leave to
        /// libxenguest (or the cache directory is not trustworthy).
        case notCacheable
    }

    /// What the cache has for `kernel`. A hit marks the entry as used (its mtime), which is what
    /// eviction goes by; a miss reads only the file's header, to tell whether caching it pays.
    public func lookup(_ kernel: String) -> Lookup {
        var st = stat()
        guard stat(kernel, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return .notCacheable }
        switch directoryState() {
        case .trusted:
            let entry = "\(directory)/\(Identity(st).entryName)"
            if isUsable(entry) {
                utimensat(AT_FDCWD, entry, nil, 0)
                return .cached(entry)
            }
        case .untrusted:
            return .notCacheable  // fill refuses it too: no filler for it
        case .missing:
            break  // the first fill makes it
        }
        return Self.isWorthUnpacking(kernel) ? .missing : .notCacheable
    }

    /// A bzImage whose payload we unpack, judged from its setup header and the payload's first bytes.
    static func isWorthUnpacking(_ kernel: String) -> Bool {
        let fd = open(kernel, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: BzImage.headerSize)
        guard pread(fd, &header, header.count, 0) == header.count,
            let start = header.withUnsafeBytes({ BzImage.payloadStart($0) })
        else { return false }
        var magic = [UInt8](repeating: 0, count: 8)
        let n = pread(fd, &magic, magic.count, off_t(start))
        guard n > 0, let packing = magic.prefix(n).withUnsafeBytes({ BzImage.packing(of: $0) }) else { return false }
        return PayloadDecompressor.supported.contains(packing)
    }

    public enum Fill: Equatable, Sendable {
        /// Unpacked now into `path` (`bytes` long).
        case stored(path: String, bytes: Int)
        /// Already there.
        case present(path: String)
        /// Not a bzImage with a payload we unpack (an ELF already, or bzip2/lzo/lz4): libxenguest
        /// loads it as it is, and there is nothing to gain.
        case notPacked
    }

    /// Unpacks `kernel` into the cache unless it is there. One filler at a time (a lock on the
    /// directory; a second waits, then finds the entry present).
    public func fill(from kernel: String) throws -> Fill {
        try makeDirectory()
        let lock = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard lock >= 0 else { throw XenError.kernelCacheIO(action: "open \(directory)", errno: errno) }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { throw XenError.kernelCacheIO(action: "lock \(directory)", errno: errno) }
        }
        removeLeftovers()  // under the lock, any half-written file is a dead filler's

        let source = open(kernel, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw XenError.kernelCacheIO(action: "open \(kernel)", errno: errno) }
        defer { close(source) }
        var st = stat()
        guard fstat(source, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_size > 0 else {
            throw XenError.kernelNotRegularFile(kernel)
        }
        let identity = Identity(st)
        let entry = "\(directory)/\(identity.entryName)"
        if isUsable(entry) { return .present(path: entry) }

        let size = Int(st.st_size)
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, source, 0), mapped != MAP_FAILED else {
            throw XenError.kernelCacheIO(action: "map \(kernel)", errno: errno)
        }
        defer { munmap(mapped, size) }
        let bytes = UnsafeRawBufferPointer(start: mapped, count: size)
        guard let image = BzImage(bytes), let packing = image.packing,
            PayloadDecompressor.supported.contains(packing)
        else { return .notPacked }

        var template = Array("\(directory)/\(Self.partialPrefix)XXXXXX".utf8CString)
        let output = mkstemp(&template)
        guard output >= 0 else { throw XenError.kernelCacheIO(action: "create a file in \(directory)", errno: errno) }
        let partial = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var stored = false
        defer {
            close(output)
            if !stored { unlink(partial) }
        }
        var written = 0
        var head: [UInt8] = []
        try PayloadDecompressor.unpack(UnsafeRawBufferPointer(rebasing: bytes[image.payload]), packing: packing) {
            chunk in
            if head.count < 4 { head += chunk.prefix(4 - head.count) }
            try Self.writeAll(output, chunk)
            written += chunk.count
        }
        guard head == Self.elfMagic else {
            throw XenError.kernelPayloadNotELF(kernel)
        }
        var after = stat()
        guard fstat(source, &after) == 0, Identity(after) == identity else {
            throw XenError.kernelChangedWhileUnpacking(kernel)
        }
        guard rename(partial, entry) == 0 else { throw XenError.kernelCacheIO(action: "store \(entry)", errno: errno) }
        stored = true
        evict(keeping: identity.entryName)
        return .stored(path: entry, bytes: written)
    }
}
