import Glibc
import Relocation
import Testing
import XenCore

/// TLS under a migration, end to end on loopback with the suites' own test pool (make-certs.sh).
@Suite(.serialized) struct TLSTunnelTests {
    static let certificates: String = {
        let directory = "/tmp/xm-tls-tests-\(getpid())"
        let script = #filePath.split(separator: "/").dropLast(2).joined(separator: "/")
        _ = system("/\(script)/Integration/host/make-certs.sh \(directory)")
        return directory
    }()

    func identity(_ name: String) -> TLSIdentity {
        let d = Self.certificates
        return TLSIdentity(certificateFile: "\(d)/\(name).crt", keyFile: "\(d)/\(name).key", caFile: "\(d)/ca.crt")
    }

    /// A listening socket on 127.0.0.1 and its port.
    func listener() throws -> (Int32, UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(bound == 0 && listen(fd, 1) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    final class ServerEnd: @unchecked Sendable {
        var tunnel: TLSTunnel?
        var error: Error?
    }

    /// Accepts one connection on a thread and makes the server's handshake there.
    func serve(_ listening: Int32, _ identity: TLSIdentity) -> (ServerEnd, pthread_t) {
        final class Job {
            let listening: Int32, identity: TLSIdentity, end: ServerEnd
            init(_ l: Int32, _ i: TLSIdentity, _ e: ServerEnd) {
                listening = l
                identity = i
                end = e
            }
        }
        let end = ServerEnd()
        let job = Unmanaged.passRetained(Job(listening, identity, end)).toOpaque()
        var thread = pthread_t()
        pthread_create(
            &thread, nil,
            { raw in
                let job = Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue()
                let fd = accept(job.listening, nil, nil)
                do {
                    job.end.tunnel = try TLSTunnel(network: fd, role: .server, identity: job.identity, timeout: 5)
                } catch {
                    job.end.error = error
                    close(fd)
                }
                return nil
            }, job)
        return (end, thread)
    }

    @Test func bytesCrossBothWaysBetweenTheHostsOfThePool() throws {
        let (listening, port) = try listener()
        defer { close(listening) }
        let (server, thread) = serve(listening, identity("host"))
        let tcp = try MigrationTransport.connect(host: "127.0.0.1", port: port, timeout: 5)
        let client = try TLSTunnel(
            network: tcp.readFD, role: .client(host: "127.0.0.1"), identity: identity("host"), timeout: 5)
        pthread_join(thread, nil)
        let receiver = try #require(server.tunnel).channel
        try receiver.write(MigrationMessages.banner)
        #expect(try client.channel.expect(MigrationMessages.banner))
        let stream = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try client.channel.write(stream)
        #expect(try receiver.read(exactly: stream.count) == stream)
        client.channel.close()
        #expect(try receiver.read(upTo: 1) == [])  // the sender's close reaches the receiver
        receiver.close()
        client.finish()
        server.tunnel?.finish()
    }

    /// A sender must not exit while its relay is inside OpenSSL; a receiver that keeps the
    /// connection open must not hold it forever either: finish cuts the connection off. The
    /// client speaks first here, with only the server's session tickets to read: a relay that
    /// read on after them would never have sent its bytes.
    @Test(.timeLimit(.minutes(1))) func finishEndsTheRelayEvenWhenThePeerHoldsTheConnection() throws {
        let (listening, port) = try listener()
        defer { close(listening) }
        let (server, thread) = serve(listening, identity("host"))
        let tcp = try MigrationTransport.connect(host: "127.0.0.1", port: port, timeout: 5)
        let client = try TLSTunnel(
            network: tcp.readFD, role: .client(host: "127.0.0.1"), identity: identity("host"), timeout: 5)
        pthread_join(thread, nil)
        let receiver = try #require(server.tunnel).channel
        let last = Array("go".utf8)
        try client.channel.write(last)
        client.channel.close()
        client.finish(within: 1)  // the receiver never closes its end: the tunnel is cut
        #expect(try receiver.read(upTo: 16) == last)  // what was in flight was delivered first
        #expect(try receiver.read(upTo: 1) == [])
        receiver.close()
        server.tunnel?.finish()
    }

    @Test func aClientTheCADidNotSignIsRefused() throws {
        let (listening, port) = try listener()
        defer { close(listening) }
        let (server, thread) = serve(listening, identity("host"))
        let tcp = try MigrationTransport.connect(host: "127.0.0.1", port: port, timeout: 5)
        let stranger = TLSIdentity(
            certificateFile: "\(Self.certificates)/stranger.crt", keyFile: "\(Self.certificates)/stranger.key",
            caFile: "\(Self.certificates)/ca.crt")
        _ = try? TLSTunnel(network: tcp.readFD, role: .client(host: "127.0.0.1"), identity: stranger, timeout: 5)
        pthread_join(thread, nil)
        #expect(server.tunnel == nil)
        let error = try #require(server.error as? TLSError)
        guard case .handshake = error else {
            Issue.record("not a handshake failure: \(error)")
            return
        }
    }

    @Test func aServerOfTheWrongAddressIsRefusedByTheClient() throws {
        let (listening, port) = try listener()
        defer { close(listening) }
        let (_, thread) = serve(listening, identity("host"))
        let tcp = try MigrationTransport.connect(host: "127.0.0.1", port: port, timeout: 5)
        #expect(throws: TLSError.self) {
            // The certificate names 127.0.0.1 and the suites' hosts, not 10.9.9.9.
            _ = try TLSTunnel(
                network: tcp.readFD, role: .client(host: "10.9.9.9"), identity: identity("host"), timeout: 5)
        }
        pthread_join(thread, nil)
    }

    @Test func missingFilesAreNamed() {
        let missing = TLSIdentity(certificateFile: "/nonexistent.crt", keyFile: "/nonexistent.key", caFile: "/x")
        #expect(
            throws: TLSError.unreadable(
                what: "certificate", path: "/nonexistent.crt", reason: "No such file or directory")
        ) {
            try TLSTunnel.check(missing)
        }
    }
}
