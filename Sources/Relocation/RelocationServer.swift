import Glibc
import XenCore

/// xm's relocation server: listens for migrations, lets in the peers `hostsAllow` names, and runs
/// a receiver (`xm migrate-receive`, this same binary) on each accepted connection as a process of
/// its own. A process per migration keeps them apart: each has its own libxl context and
/// libxl-save-helper children, several run at once, and one that dies takes nothing else with it.
/// The receivers die with the server (PR_SET_PDEATHSIG); the marks they leave are swept here.
public final class RelocationServer {
    private let settings: RelocationSettings
    private let hostsAllow: HostsAllow
    private let context: LibxlContext
    private let markers: IncomingMarkers
    private let log: (String) -> Void
    private var listeners: [Listener] = []
    private var receivers: [pid_t: Receiver] = [:]
    private var connections = 0

    struct Listener {
        let fd: Int32
        let description: String
        /// TLS: each receiver on it makes the handshake first.
        var tls: TLSIdentity? = nil
    }

    /// One running receiver: its connection's number and peer, and the pipe of its stderr.
    final class Receiver {
        let number: Int
        let peer: String
        var stderrFD: Int32
        var pending: [UInt8] = []
        let started = WallClock.monotonic()
        init(number: Int, peer: String, stderrFD: Int32) {
            self.number = number
            self.peer = peer
            self.stderrFD = stderrFD
        }
    }

    public init(
        settings: RelocationSettings, context: LibxlContext, markers: IncomingMarkers = IncomingMarkers(),
        log: @escaping (String) -> Void
    ) throws {
        self.settings = settings
        self.context = context
        self.markers = markers
        self.log = log
        do {
            hostsAllow = try HostsAllow(setting: settings.hostsAllow ?? "")
        } catch {
            throw RelocationError.badHostsAllow(error)
        }
    }

    /// Serves until SIGTERM or SIGINT; then lets the running migrations finish.
    public func run() throws {
        for line in markers.sweep(using: context) { log(line) }
        if settings.ssl {
            guard let identity = settings.tlsIdentity else { throw RelocationError.tlsIdentityMissing }
            do {
                try TLSTunnel.check(identity)
            } catch {
                throw RelocationError.tls(error as? TLSError ?? .setup("\(error)"))
            }
            var listener = try Listener.open(address: settings.address, port: settings.sslPort, label: "TLS")
            listener.tls = identity
            listeners.append(listener)
        }
        if settings.plain {
            listeners.append(try Listener.open(address: settings.address, port: settings.port, label: "plain"))
        }
        guard !listeners.isEmpty else { throw RelocationError.nothingToServe }
        if settings.hostsAllow == nil { log("no xend-relocation-hosts-allow configured: loopback peers only") }
        log("hosts allowed: \(hostsAllow.patterns.joined(separator: " "))")
        for listener in listeners { log("listening on \(listener.description)") }
        StopSignal.install()
        while !StopSignal.requested {
            pollOnce(timeoutMilliseconds: 500)
            reap()
        }
        log("stopping: no new connections; waiting for \(receivers.count) migration(s) in progress")
        for listener in listeners { close(listener.fd) }
        while !receivers.isEmpty {
            pollOnce(timeoutMilliseconds: 500)
            reap()
        }
        log("stopped")
    }

    private func pollOnce(timeoutMilliseconds: Int32) {
        let listening = StopSignal.requested ? [] : listeners
        let pipes = receivers.filter { $0.value.stderrFD >= 0 }
        var fds = listening.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        fds += pipes.map { pollfd(fd: $0.value.stderrFD, events: Int16(POLLIN), revents: 0) }
        guard poll(&fds, nfds_t(fds.count), timeoutMilliseconds) > 0 else { return }
        for (i, listener) in listening.enumerated() where fds[i].revents != 0 { accept(on: listener) }
        for (offset, (pid, receiver)) in pipes.enumerated() where fds[listening.count + offset].revents != 0 {
            drain(receiver, pid: pid)
        }
    }

    private func accept(on listener: Listener) {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let fd = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.accept(listener.fd, $0, &length)
            }
        }
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        connections += 1
        let number = connections
        let (address, name) = PeerAddress.describe(&storage, length: length)
        let peer = name.map { "\(address) (\($0))" } ?? address
        guard hostsAllow.allows(address: address, name: name) else {
            log("#\(number) refused \(peer) on \(listener.description): not in xend-relocation-hosts-allow")
            return
        }
        log("#\(number) accepted \(peer) on \(listener.description)")
        MigrationTransport.setStallLimit(fd, seconds: settings.timeout)
        do {
            let (pid, stderrFD) = try spawnReceiver(connection: fd, tls: listener.tls)
            receivers[pid] = Receiver(number: number, peer: peer, stderrFD: stderrFD)
        } catch {
            log("#\(number) cannot start a receiver: \(error)")
        }
    }

    private func spawnReceiver(connection fd: Int32, tls: TLSIdentity?) throws -> (pid_t, Int32) {
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&errorPipe) == 0 else { throw RelocationError.system("pipe", errno) }
        _ = fcntl(errorPipe[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(errorPipe[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fd, 0)
        posix_spawn_file_actions_adddup2(&actions, fd, 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        var arguments = [
            "/proc/self/exe", "migrate-receive", "--timeout", String(Int(settings.timeout)), "--die-with-parent",
        ]
        if let tls {
            arguments += ["--ssl-cert", tls.certificateFile, "--ssl-key", tls.keyFile, "--ssl-ca", tls.caFile]
        }
        let argv = arguments.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/proc/self/exe", &actions, nil, argv, environ)
        close(errorPipe[1])
        guard rc == 0 else {
            close(errorPipe[0])
            throw RelocationError.system("posix_spawn", rc)
        }
        return (pid, errorPipe[0])
    }

    /// Logs the receiver's complete lines.
    private func drain(_ receiver: Receiver, pid: pid_t) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { read(receiver.stderrFD, $0.baseAddress, $0.count) }
        if n <= 0 {
            close(receiver.stderrFD)
            receiver.stderrFD = -1
            flushLines(receiver, all: true)
            return
        }
        receiver.pending += buffer[0..<n]
        flushLines(receiver, all: false)
    }

    private func flushLines(_ receiver: Receiver, all: Bool) {
        while let newline = receiver.pending.firstIndex(of: 0x0A) {
            log("#\(receiver.number) \(String(decoding: receiver.pending[..<newline], as: UTF8.self))")
            receiver.pending.removeSubrange(...newline)
        }
        if all && !receiver.pending.isEmpty {
            log("#\(receiver.number) \(String(decoding: receiver.pending, as: UTF8.self))")
            receiver.pending.removeAll()
        }
    }

    private func reap() {
        while true {
            var status: Int32 = 0
            let pid = waitpid(-1, &status, WNOHANG)
            guard pid > 0, let receiver = receivers.removeValue(forKey: pid) else { return }
            while receiver.stderrFD >= 0 { drain(receiver, pid: pid) }
            let seconds = PeerAddress.seconds(WallClock.monotonic() - receiver.started)
            let exited = status & 0x7f == 0
            let code = (status >> 8) & 0xff
            if exited && code == 0 {
                log("#\(receiver.number) migration from \(receiver.peer) done in \(seconds) s")
                continue
            }
            let how = exited ? "failed (exit \(code))" : "receiver killed by signal \(status & 0x7f)"
            log("#\(receiver.number) migration from \(receiver.peer) \(how) after \(seconds) s")
            for line in markers.sweep(using: context) { log("#\(receiver.number) \(line)") }
        }
    }
}

public enum RelocationError: Error, Sendable, CustomStringConvertible {
    case badHostsAllow(HostsAllow.Invalid)
    case nothingToServe
    case tlsIdentityMissing
    case tls(TLSError)
    case cannotListen(String, errno: Int32)
    case system(String, Int32)

    public var description: String {
        switch self {
        case .badHostsAllow(let invalid): "xend-relocation-hosts-allow: \(invalid)"
        case .nothingToServe:
            "nothing to serve: xend-relocation-server and xend-relocation-ssl-server are both off"
        case .tlsIdentityMissing:
            "the TLS server needs xend-relocation-server-ssl-cert-file, -key-file and -ca-file (or --ssl-cert, --ssl-key, --ssl-ca)"
        case .tls(let error): "\(error)"
        case .cannotListen(let what, let errno): "cannot listen on \(what): \(String(cString: strerror(errno)))"
        case .system(let call, let errno): "\(call) failed: \(String(cString: strerror(errno)))"
        }
    }
}

/// SIGTERM and SIGINT ask the server to stop; the flag is read between polls.
enum StopSignal {
    nonisolated(unsafe) static var flag: sig_atomic_t = 0
    static var requested: Bool { flag != 0 }
    static func install() {
        signal(SIGTERM) { _ in StopSignal.flag = 1 }
        signal(SIGINT) { _ in StopSignal.flag = 1 }
        signal(SIGPIPE, SIG_IGN)
    }
}
