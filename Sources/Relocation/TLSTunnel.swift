import CSSL
import Glibc
import XenCore

/// Where a TLS end finds its certificate, its key, and the CA that signs the pool's hosts.
public struct TLSIdentity: Sendable, Hashable {
    public var certificateFile: String
    public var keyFile: String
    public var caFile: String

    public init(certificateFile: String, keyFile: String, caFile: String) {
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.caFile = caFile
    }
}

/// TLS under a migration (OpenSSL). libxl reads and writes a domain's stream on a plain fd, so
/// the migration runs over one end of a socket pair and a thread carries the bytes between the
/// other end and the TLS connection. Both ends present a certificate signed by the pool's CA and
/// check the other's: only the pool's hosts can send, and a sender knows whom it sends to.
public final class TLSTunnel: @unchecked Sendable {
    private let context: OpaquePointer
    private let ssl: OpaquePointer
    private let network: Int32
    private let local: Int32
    private var relayThread = pthread_t()
    /// The relay closes the write end when it ends: a deadline for joining it that poll can keep.
    private var relayEnded: [Int32] = [-1, -1]
    private var joined = false
    /// The end the migration uses.
    public let channel: ByteChannel

    public enum Role: Sendable {
        case client(host: String)
        case server
    }

    /// Loads and checks the identity: what a server does once at its start, so that a missing
    /// or mismatched file is an error then rather than at the first migration.
    public static func check(_ identity: TLSIdentity) throws {
        let context = try makeContext(identity, server: true)
        SSL_CTX_free(context)
    }

    /// Makes the TLS handshake on the connected socket `network` (the tunnel owns it from now
    /// on) and starts carrying bytes. Throws when the handshake fails: no certificate, one the CA
    /// did not sign, the wrong host.
    public init(network: Int32, role: Role, identity: TLSIdentity, timeout: Double) throws {
        signal(SIGPIPE, SIG_IGN)
        let isServer: Bool
        if case .server = role { isServer = true } else { isServer = false }
        let context = try Self.makeContext(identity, server: isServer)
        guard let ssl = SSL_new(context) else {
            SSL_CTX_free(context)
            throw TLSError.setup(Self.openSSLError())
        }
        SSL_set_fd(ssl, network)
        if case .client(let host) = role { _ = cssl_expect_host(ssl, host) }
        // The handshake must not wait forever for a silent peer.
        var limit = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(network, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        let rc = isServer ? SSL_accept(ssl) : SSL_connect(ssl)
        var none = timeval()
        setsockopt(network, SOL_SOCKET, SO_RCVTIMEO, &none, socklen_t(MemoryLayout<timeval>.size))
        guard rc == 1 else {
            let verify = SSL_get_verify_result(ssl)
            let reason =
                verify != X509_V_OK
                ? String(cString: X509_verify_cert_error_string(verify)) : Self.openSSLError()
            SSL_free(ssl)
            SSL_CTX_free(context)
            throw TLSError.handshake(reason)
        }
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0 else {
            SSL_free(ssl)
            SSL_CTX_free(context)
            throw TLSError.setup(String(cString: strerror(errno)))
        }
        for fd in pair { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        self.context = context
        self.ssl = ssl
        self.network = network
        self.local = pair[1]
        channel = ByteChannel(readFD: pair[0], writeFD: pair[0], timeout: timeout)
        startRelay()
    }

    deinit {
        SSL_free(ssl)
        SSL_CTX_free(context)
        close(network)
        close(relayEnded[0])
    }

    /// Waits for the relay to deliver what is still in flight and end, after the owner closed
    /// `channel`. A process must not exit with the relay inside OpenSSL: exit's cleanup would free
    /// what the relay is using. A peer that keeps the connection open past `seconds` is cut off.
    public func finish(within seconds: Int = 10) {
        guard !joined else { return }
        joined = true
        var ended = pollfd(fd: relayEnded[0], events: Int16(POLLIN), revents: 0)
        var rc: Int32
        repeat { rc = poll(&ended, 1, Int32(seconds * 1000)) } while rc < 0 && errno == EINTR
        if rc == 0 { shutdown(network, Int32(SHUT_RDWR)) }
        pthread_join(relayThread, nil)
    }

    private static func makeContext(_ identity: TLSIdentity, server: Bool) throws -> OpaquePointer {
        guard let context = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method()) else {
            throw TLSError.setup(openSSLError())
        }
        func fail(_ error: TLSError) -> TLSError {
            SSL_CTX_free(context)
            return error
        }
        _ = cssl_ctx_require_tls12(context)
        cssl_ctx_no_auto_retry(context)
        for (file, what) in [
            (identity.certificateFile, "certificate"), (identity.keyFile, "key"), (identity.caFile, "CA certificate"),
        ] where access(file, R_OK) != 0 {
            throw fail(.unreadable(what: what, path: file, reason: String(cString: strerror(errno))))
        }
        guard SSL_CTX_use_certificate_chain_file(context, identity.certificateFile) == 1 else {
            throw fail(.invalid(what: "certificate", path: identity.certificateFile, reason: openSSLError()))
        }
        guard SSL_CTX_use_PrivateKey_file(context, identity.keyFile, SSL_FILETYPE_PEM) == 1,
            SSL_CTX_check_private_key(context) == 1
        else {
            throw fail(.invalid(what: "key", path: identity.keyFile, reason: openSSLError()))
        }
        guard SSL_CTX_load_verify_locations(context, identity.caFile, nil) == 1 else {
            throw fail(.invalid(what: "CA certificate", path: identity.caFile, reason: openSSLError()))
        }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
        return context
    }

    static func openSSLError() -> String {
        let code = ERR_get_error()
        guard code != 0 else { return "the connection closed during the handshake" }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        while ERR_get_error() != 0 {}
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: The relay

    private func startRelay() {
        pipe(&relayEnded)
        for fd in relayEnded { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let box = Unmanaged.passRetained(self).toOpaque()
        pthread_create(
            &relayThread, nil,
            { box in
                let tunnel = Unmanaged<TLSTunnel>.fromOpaque(box!).takeRetainedValue()
                tunnel.relay()
                return nil
            }, box)
    }

    /// Carries bytes both ways until both are done; an error on either side ends both, which
    /// the migration then sees as its stream failing.
    private func relay() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var fromNetwork = true
        var fromLocal = true
        // The network socket stays open until deinit, so that finish() can still cut it off.
        defer {
            close(local)
            shutdown(network, Int32(SHUT_RDWR))
            close(relayEnded[1])
        }
        while fromNetwork || fromLocal {
            var fds = [
                pollfd(fd: network, events: Int16(fromNetwork ? POLLIN : 0), revents: 0),
                pollfd(fd: local, events: Int16(fromLocal ? POLLIN : 0), revents: 0),
            ]
            let pending = fromNetwork && SSL_pending(ssl) > 0
            if !pending {
                let rc = poll(&fds, 2, -1)
                if rc < 0 && errno == EINTR { continue }
                if rc < 0 { return }
            }
            if fromNetwork && (pending || fds[0].revents != 0) {
                let n = buffer.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32($0.count)) }
                if n > 0 {
                    guard writeAll(local, buffer, n) else { return }
                } else {
                    let error = SSL_get_error(ssl, n)
                    if error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE { continue }
                    if error != SSL_ERROR_ZERO_RETURN { return }
                    fromNetwork = false
                    shutdown(local, Int32(SHUT_WR))
                }
            }
            if fromLocal && fds[1].revents != 0 {
                let n = buffer.withUnsafeMutableBytes { read(local, $0.baseAddress, $0.count) }
                if n > 0 {
                    var sent = 0
                    while sent < n {
                        let w = buffer.withUnsafeBytes { SSL_write(ssl, $0.baseAddress! + sent, Int32(n - sent)) }
                        guard w > 0 else { return }
                        sent += Int(w)
                    }
                } else if n == 0 {
                    fromLocal = false
                    SSL_shutdown(ssl)
                } else if errno != EINTR {
                    return
                }
            }
        }
    }

    private func writeAll(_ fd: Int32, _ buffer: [UInt8], _ count: Int32) -> Bool {
        var sent = 0
        while sent < Int(count) {
            let n = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + sent, Int(count) - sent) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }
}

public enum TLSError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(what: String, path: String, reason: String)
    case invalid(what: String, path: String, reason: String)
    case setup(String)
    case handshake(String)

    public var description: String {
        switch self {
        case .unreadable(let what, let path, let reason): "cannot read the TLS \(what) \(path): \(reason)"
        case .invalid(let what, let path, let reason): "the TLS \(what) \(path) cannot be used: \(reason)"
        case .setup(let reason): "TLS setup failed: \(reason)"
        case .handshake(let reason): "the TLS handshake failed: \(reason)"
        }
    }
}
