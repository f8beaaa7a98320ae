import Glibc

/// The lock xenconsole takes (/var/lock/xenconsole.<domid>, flock), so that xm console and
/// xl console never both attach to one domain and split its input between them. Taken without
/// waiting: a second attach fails at once instead of hanging.
final class ConsoleLock {
    static let directory = "/var/lock"
    private let path: String
    private var fd: Int32

    /// nil when there is no lock directory (a minimal dom0): nothing to coordinate with.
    init?(domid: UInt32) throws {
        path = "\(Self.directory)/xenconsole.\(domid)"
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, S_IRUSR | S_IWUSR)
            if fd < 0 {
                if errno == ENOENT { return nil }
                throw XenError.consoleLockUnopenable(path: path, errno: errno)
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let why = errno
                close(fd)
                if why == EINTR { continue }
                if why == EWOULDBLOCK {
                    throw XenError.consoleInUse(domid: domid)
                }
                throw XenError.consoleLockFailed(path: path, errno: why)
            }
            // The holder before us unlinks the file when it lets go: a lock on a file no longer
            // at the path protects nothing, so start again (xenconsole's rule).
            var opened = stat()
            var named = stat()
            if fstat(fd, &opened) == 0, stat(path, &named) == 0,
                opened.st_dev == named.st_dev, opened.st_ino == named.st_ino
            {
                self.fd = fd
                return
            }
            close(fd)
        }
    }

    func release() {
        guard fd >= 0 else { return }
        unlink(path)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
