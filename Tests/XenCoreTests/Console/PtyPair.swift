import Glibc

/// A pseudo-terminal made for a test: `master` plays xenconsoled (or the user's terminal
/// emulator), `slave` is what the relay or RawTerminal gets.
final class PtyPair {
    private(set) var master: Int32
    var slave: Int32

    init() throws {
        // posix_openpt and friends need _XOPEN_SOURCE, which Swift's Glibc module lacks; these
        // are the Linux ioctls they wrap (function-like macros in C, so spelled out here:
        // _IOW('T', 0x31, int) and _IOR('T', 0x30, unsigned int), the asm-generic encoding).
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, UInt(0x4004_5431), &unlock) == 0,
            ioctl(master, UInt(0x8004_5430), &number) == 0
        else {
            throw PtyError.cannotOpen
        }
        slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw PtyError.cannotOpen }
        // xenconsoled's slave is raw: bytes pass unchanged.
        var t = termios()
        tcgetattr(slave, &t)
        cfmakeraw(&t)
        tcsetattr(slave, TCSANOW, &t)
    }

    func closeMaster() {
        close(master)
        master = -1
    }

    deinit {
        if master >= 0 { close(master) }
        close(slave)
    }

    enum PtyError: Error { case cannotOpen }
}

/// A pipe whose ends the test closes itself.
struct TestPipe {
    let readEnd: Int32
    let writeEnd: Int32
    init() {
        var fds: [Int32] = [-1, -1]
        precondition(pipe(&fds) == 0)
        readEnd = fds[0]
        writeEnd = fds[1]
    }
}

func writeString(_ fd: Int32, _ s: String) {
    let bytes = Array(s.utf8)
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
}

/// Everything readable from `fd` right now (non-blocking).
func drain(_ fd: Int32) -> String {
    let flags = fcntl(fd, F_GETFL)
    _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    defer { _ = fcntl(fd, F_SETFL, flags) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        out += buf[..<n]
    }
    return String(decoding: out, as: UTF8.self)
}
