import Glibc

/// The few file operations xm needs, straight on POSIX: Foundation's FileManager would bring all of
/// Foundation into the binary, and every xm command pays for that at start-up (see README.md).
public enum Files {
    public enum Kind: Sendable { case regular, directory, other }

    /// What is at `path` (following symlinks), or nil when nothing is.
    public static func kind(of path: String) -> Kind? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// The whole content of a file, or nil when it cannot be read. Works for /proc and /sys files,
    /// whose size stat reports as 0 or 4096.
    public static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// A file's text; invalid UTF-8 is repaired rather than refused (a stray Latin-1 byte in a
    /// comment must not lose a whole config file).
    public static func readText(_ path: String) -> String? {
        read(path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The names in a directory (without . and ..), unsorted; empty when it cannot be read.
    /// `mkdir -p` with `mode` for each directory it makes: nil when the whole path exists, else
    /// the first component that could not be made and why (errno).
    static func makeDirectories(_ path: String, mode: mode_t) -> (component: String, errno: Int32)? {
        var made = ""
        for part in path.split(separator: "/") {
            made += "/\(part)"
            if mkdir(made, mode) != 0 && errno != EEXIST { return (made, errno) }
        }
        return nil
    }

    public static func entries(of directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

/// Reading a config file that may be a pipe: `xm check <(generate)` and `/dev/stdin` are pipes,
/// but a named FIFO that no process writes to would block a plain read forever.
extension Files {
    /// Why `readInput` refused a path.
    package enum InputRefusal: Error, Sendable, Equatable, CustomStringConvertible {
        case directory
        case device
        case socket
        case noWriter(seconds: Int)
        case tooLarge(limit: Int)
        case unreadable(String)

        package var description: String {
            switch self {
            case .directory: return "it is a directory"
            case .device: return "it is a device"
            case .socket: return "it is a socket"
            case .noWriter(let seconds):
                return "it is a FIFO and no process wrote to it within \(seconds) s"
            case .tooLarge(let limit): return "it is larger than \(limit / (1024 * 1024)) MiB"
            case .unreadable(let reason): return reason
            }
        }
    }

    /// The largest config file read: far beyond any real one, small enough to hold in memory.
    package static let inputLimit = 16 * 1024 * 1024

    /// The bytes of a regular file or a pipe. Directories, devices and sockets are refused before
    /// they are opened (opening some devices has effects). A FIFO is opened without blocking; if
    /// no data and no end of input come within `writerWait` seconds and no process has it open for
    /// writing, it is refused; a writer that is merely slow is waited for.
    package static func readInput(_ path: String, writerWait: Int = 2) throws(InputRefusal) -> [UInt8] {
        var st = stat()
        guard stat(path, &st) == 0 else { throw .unreadable(String(cString: strerror(errno))) }
        let type = st.st_mode & S_IFMT
        switch type {
        case S_IFDIR: throw .directory
        case S_IFCHR, S_IFBLK: throw .device
        case S_IFSOCK: throw .socket
        default: break
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        var bytes = type == S_IFIFO ? try awaitWriter(fd, seconds: writerWait) : []
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(String(cString: strerror(errno)))
            }
            if n == 0 { return bytes }
            guard bytes.count + n <= inputLimit else { throw .tooLarge(limit: inputLimit) }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// Waits for a FIFO's first data or end of input. Linux reports neither for a FIFO that no
    /// writer has opened yet; after the wait, a non-blocking read tells the two cases apart: it
    /// finds no writer (0, end of input) or a writer with nothing to say yet (EAGAIN). Returns the
    /// byte that read may have taken.
    private static func awaitWriter(_ fd: Int32, seconds: Int) throws(InputRefusal) -> [UInt8] {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        var ready: Int32
        repeat { ready = poll(&entry, 1, Int32(seconds * 1000)) } while ready < 0 && errno == EINTR
        if ready > 0 { return [] }
        var probe: UInt8 = 0
        let n = Glibc.read(fd, &probe, 1)
        if n == 1 { return [probe] }
        if n < 0 && errno == EAGAIN { return [] }
        throw .noWriter(seconds: seconds)
    }
}
