import Glibc

/// Copies bytes both ways between the user (input, output) and a console pty until one side
/// ends or the user types the escape character. It knows nothing of Xen: the unit tests drive
/// it with pipes and ptys of their own.
public struct ConsoleRelay {
    /// Ctrl-], the escape of xenconsole, telnet and xm.
    public static let escape: UInt8 = 0x1d

    public var input: Int32
    public var output: Int32
    public var console: Int32
    /// Readable when the session must stop (the signal pipe); -1 for none.
    public var stop: Int32

    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, console: Int32, stop: Int32 = -1) {
        self.input = input
        self.output = output
        self.console = console
        self.stop = stop
    }

    /// Runs until the session ends and says why. An escape character anywhere in what was read
    /// detaches (a script's `printf '\035'` may arrive together with the line before it);
    /// the bytes before it still reach the guest.
    public func run(signalOf: () -> Int32? = { nil }) -> ConsoleEnd {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            var fds = [
                pollfd(fd: console, events: Int16(POLLIN), revents: 0),
                pollfd(fd: input, events: Int16(POLLIN), revents: 0),
                pollfd(fd: stop, events: Int16(POLLIN), revents: 0),
            ]
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .consoleClosed
            }
            if fds[2].revents != 0 {
                return .interrupted(signal: signalOf() ?? SIGTERM)
            }
            // Guest output first: what the guest said before the user left is still shown.
            if fds[0].revents != 0 {
                switch Self.transfer(from: console, to: output, buffer: &buffer) {
                case .moved, .retry: break
                case .sourceEnded: return .consoleClosed
                case .destinationFailed: return .outputClosed
                }
            }
            if fds[1].revents != 0 {
                if let end = forwardInput(buffer: &buffer) { return end }
            }
        }
    }

    private func forwardInput(buffer: inout [UInt8]) -> ConsoleEnd? {
        let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
        if n < 0 && (errno == EINTR || errno == EAGAIN) { return nil }
        if n <= 0 { return .inputClosed }
        let chunk = buffer[..<n]
        let escapeAt = chunk.firstIndex(of: Self.escape)
        let toGuest = chunk[..<(escapeAt ?? n)]
        if !Self.writeAll(console, toGuest) { return .consoleClosed }
        return escapeAt == nil ? nil : .detached
    }

    enum Transfer { case moved, retry, sourceEnded, destinationFailed }

    static func transfer(from source: Int32, to destination: Int32, buffer: inout [UInt8]) -> Transfer {
        let n = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
        if n < 0 && (errno == EINTR || errno == EAGAIN) { return .retry }
        // A pty whose other side is closed reads as EIO on Linux, not as end of file.
        if n <= 0 { return .sourceEnded }
        return writeAll(destination, buffer[..<n]) ? .moved : .destinationFailed
    }

    static func writeAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Bool {
        var rest = bytes
        while !rest.isEmpty {
            let n = rest.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return false
            }
            rest = rest.dropFirst(n)
        }
        return true
    }
}
