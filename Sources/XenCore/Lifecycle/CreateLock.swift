import Glibc

/// The host-wide lock held while a domain is created, like xl's /var/lock/xl: between the check
/// that no domain has the name and the domain appearing under it, no other xm create may run, so
/// two concurrent creates of one name cannot both succeed. An flock, so it goes away with the
/// process however the process ends.
public final class CreateLock {
    public static let defaultPath = "/var/lock/xm"
    private var fd: Int32

    /// Blocks until the lock is ours.
    public convenience init(path: String = CreateLock.defaultPath) throws {
        try self.init(path: path, blocking: true)
    }

    /// The lock if nobody holds it, else nil (for tests and diagnostics).
    public static func tryAcquire(path: String = CreateLock.defaultPath) throws -> CreateLock? {
        let lock = try CreateLock(path: path, blocking: false)
        return lock.fd >= 0 ? lock : nil
    }

    private init(path: String, blocking: Bool) throws {
        let dir = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        if !dir.isEmpty { mkdir(dir, 0o755) }
        fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw XenError.createLockUnopenable(path: path, errno: errno)
        }
        while flock(fd, blocking ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK {
                close(fd)
                fd = -1
                return
            }
            let code = errno
            close(fd)
            throw XenError.createLockFailed(path: path, errno: code)
        }
    }

    public func release() {
        guard fd >= 0 else { return }
        close(fd)  // closing drops the flock
        fd = -1
    }

    deinit { release() }
}
