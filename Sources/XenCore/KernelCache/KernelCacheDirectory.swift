import Glibc

/// The cache's directory: who may be trusted, what is a finished entry, and what goes when it is
/// full. Every check refuses rather than repairs: what is in here is what domains boot.
extension KernelCache {
    static let partialPrefix = ".unpacking-"
    static let elfMagic: [UInt8] = [0x7f, 0x45, 0x4c, 0x46]

    enum DirectoryState { case missing, trusted, untrusted }

    /// Trusted: a directory of ours (the effective user's) that nobody else may write into.
    func directoryState() -> DirectoryState {
        var st = stat()
        guard lstat(directory, &st) == 0 else { return .missing }
        return Self.isOursAlone(st, kind: S_IFDIR) ? .trusted : .untrusted
    }

    /// A finished entry: a regular file of ours, not writable by others, that starts as an ELF.
    func isUsable(_ entry: String) -> Bool {
        var st = stat()
        guard lstat(entry, &st) == 0, Self.isOursAlone(st, kind: S_IFREG), st.st_size > 64 else { return false }
        let fd = open(entry, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 4)
        return pread(fd, &head, 4, 0) == 4 && head == Self.elfMagic
    }

    /// Of this kind (not a symlink to one), the effective user's, and not writable by others.
    private static func isOursAlone(_ st: stat, kind: mode_t) -> Bool {
        st.st_mode & S_IFMT == kind && st.st_uid == geteuid() && st.st_mode & 0o022 == 0
    }

    /// The directory and its parent, 0700, then checked: an existing one that others may write to
    /// is refused, not repaired.
    func makeDirectory() throws {
        if let failed = Files.makeDirectories(directory, mode: 0o700) {
            throw XenError.kernelCacheIO(action: "create \(failed.component)", errno: failed.errno)
        }
        guard directoryState() == .trusted else {
            throw XenError.kernelCacheUntrusted(directory: directory)
        }
    }

    func removeLeftovers() {
        for name in Files.entries(of: directory) where name.hasPrefix(Self.partialPrefix) {
            unlink("\(directory)/\(name)")
        }
    }

    /// Drops the least recently used entries until the rest fit in `capacity`.
    func evict(keeping kept: String) {
        var entries: [(name: String, used: Int, size: Int)] = []
        for name in Files.entries(of: directory) where name.hasPrefix("k-") && name.hasSuffix(".elf") {
            var st = stat()
            if lstat("\(directory)/\(name)", &st) == 0 {
                entries.append((name, Int(st.st_mtim.tv_sec), Int(st.st_size)))
            }
        }
        var total = 0
        for entry in entries.sorted(by: { ($0.name == kept ? 1 : 0, $0.used) > ($1.name == kept ? 1 : 0, $1.used) }) {
            total += entry.size
            if total > capacity && entry.name != kept { unlink("\(directory)/\(entry.name)") }
        }
    }

    static func writeAll(_ fd: Int32, _ chunk: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < chunk.count {
            let n = write(fd, chunk.baseAddress! + done, chunk.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw XenError.kernelCacheIO(action: "write the unpacked kernel", errno: errno)
            }
            done += n
        }
    }
}
