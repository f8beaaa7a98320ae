import Glibc

/// The two directions of a byte stream to the other end of a migration: one socket (both fds the
/// same), a pair of pipes to a transport command (ssh), or stdin and stdout (migrate-receive).
/// libxl writes and reads the domain's stream on these fds itself; this type does the rest of the
/// conversation. Reads are exact and unbuffered: libxl must find the stream where the handshake
/// left it, so nothing may be read ahead.
public struct ByteChannel: Sendable {
    public let readFD: Int32
    public let writeFD: Int32
    /// How long one handshake message may take to arrive, in seconds: a peer that stops talking
    /// must not hold a domain suspended for TCP's many minutes.
    public var timeout: Double

    public init(readFD: Int32, writeFD: Int32, timeout: Double = 60) {
        self.readFD = readFD
        self.writeFD = writeFD
        self.timeout = timeout
    }

    /// Why a read or write of the handshake failed.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The other end closed the stream (after `received` bytes of the message).
        case closed(received: Int)
        case timedOut(seconds: Int)
        case failed(errno: Int32)

        public var description: String {
            switch self {
            case .closed(let received):
                received == 0 ? "the other end closed the connection" : "the connection closed mid-message"
            case .timedOut(let seconds): "nothing arrived for \(seconds) s"
            case .failed(let errno): String(cString: strerror(errno))
            }
        }
    }

    /// Exactly `count` bytes, or an error: the end of the stream, silence beyond `timeout`, or a
    /// failed read.
    public func read(exactly count: Int) throws(Failure) -> [UInt8] {
        let bytes = try read(upTo: count)
        guard bytes.count == count else { throw .closed(received: bytes.count) }
        return bytes
    }

    /// Up to `count` bytes: fewer only when the stream ends first.
    public func read(upTo count: Int) throws(Failure) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            try awaitReadable()
            let n = bytes.withUnsafeMutableBytes { Glibc.read(readFD, $0.baseAddress! + filled, count - filled) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .failed(errno: errno)
            }
            filled += n
        }
        return Array(bytes[0..<filled])
    }

    public func write(_ bytes: [UInt8]) throws(Failure) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(writeFD, $0.baseAddress! + sent, bytes.count - sent) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .failed(errno: errno)
            }
            sent += n
        }
    }

    /// Reads one of the protocol's fixed messages; false if something else arrived instead.
    public func expect(_ message: [UInt8]) throws(Failure) -> Bool {
        try read(exactly: message.count) == message
    }

    private func awaitReadable() throws(Failure) {
        let deadline = monotonicSeconds() + timeout
        while true {
            let left = deadline - monotonicSeconds()
            guard left > 0 else { throw .timedOut(seconds: Int(timeout)) }
            var poller = pollfd(fd: readFD, events: Int16(POLLIN), revents: 0)
            let rc = poll(&poller, 1, Int32(min(left, 3600) * 1000) + 1)
            if rc > 0 { return }  // readable, at its end, or in error: read() says which
            if rc < 0 && errno != EINTR { throw .failed(errno: errno) }
        }
    }

    /// Closes both fds (one, when they are the same socket).
    public func close() {
        _ = Glibc.close(writeFD)
        if readFD != writeFD { _ = Glibc.close(readFD) }
    }
}
