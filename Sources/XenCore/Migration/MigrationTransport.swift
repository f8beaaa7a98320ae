import Glibc

/// The byte pipes a migration travels over: a TCP connection to a relocation server (or to
/// anything that runs a receiver on its connections), or a command such as ssh whose stdin and
/// stdout reach a receiver.
public enum MigrationTransport {
    /// Connects to `host`:`port` within `timeout` seconds. The socket gives up on a silent peer
    /// after `timeout` seconds too: TCP_USER_TIMEOUT bounds unacknowledged data (the sender's
    /// side of a cut link) and keepalive probes an idle connection (the receiver's side), where
    /// TCP alone would wait many minutes.
    public static func connect(host: String, port: UInt16, timeout: Double) throws -> ByteChannel {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let list else {
            throw failure("cannot resolve \(host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(list) }
        var lastError: Int32 = ECONNREFUSED
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let address = entry {
            entry = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else {
                lastError = errno
                continue
            }
            if let failed = connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen, timeout: timeout) {
                lastError = failed
                close(fd)
                continue
            }
            setStallLimit(fd, seconds: timeout)
            return ByteChannel(readFD: fd, writeFD: fd, timeout: timeout)
        }
        let why = lastError == ETIMEDOUT ? "no answer within \(Int(timeout)) s" : String(cString: strerror(lastError))
        throw failure("cannot connect to \(host) port \(port): \(why)")
    }

    /// Connects with a deadline: a host that drops packets would hold a blocking connect for
    /// minutes. Returns nil when connected, else the errno.
    private static func connect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t, timeout: Double)
        -> Int32?
    {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(fd, F_SETFL, flags) }
        if Glibc.connect(fd, address, length) == 0 { return nil }
        guard errno == EINPROGRESS else { return errno }
        let deadline = monotonicSeconds() + timeout
        while true {
            let left = deadline - monotonicSeconds()
            guard left > 0 else { return ETIMEDOUT }
            var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let rc = poll(&poller, 1, Int32(left * 1000) + 1)
            if rc < 0 && errno == EINTR { continue }
            if rc < 0 { return errno }
            if rc == 0 { continue }
            var error: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size)
            return error == 0 ? nil : error
        }
    }

    /// Bounds how long the connection survives a peer that stopped answering (see `connect`).
    public static func setStallLimit(_ fd: Int32, seconds: Double) {
        func set(_ level: Int32, _ option: Int32, _ value: Int32) {
            var v = value
            setsockopt(fd, level, option, &v, socklen_t(MemoryLayout<Int32>.size))
        }
        let limit = max(Int32(seconds), 4)
        set(SOL_SOCKET, SO_KEEPALIVE, 1)
        set(Int32(IPPROTO_TCP), TCP_KEEPIDLE, limit / 2)
        set(Int32(IPPROTO_TCP), TCP_KEEPINTVL, max(limit / 8, 1))
        set(Int32(IPPROTO_TCP), TCP_KEEPCNT, 4)
        set(Int32(IPPROTO_TCP), TCP_USER_TIMEOUT, limit * 1000)
    }

    /// Runs `command` (argv) with its stdin and stdout as the channel: ssh to a host whose
    /// `xm migrate-receive` (or `xl migrate-receive`) speaks the protocol there. Returns the
    /// channel and the command's pid, which the caller reaps.
    public static func spawn(_ command: [String], timeout: Double) throws -> (ByteChannel, pid_t) {
        var toChild: [Int32] = [-1, -1]
        var fromChild: [Int32] = [-1, -1]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else {
            throw failure("cannot create pipes: \(String(cString: strerror(errno)))")
        }
        // Only the child's ends, dup'ed to 0 and 1, may reach it.
        for fd in toChild + fromChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        let argv = command.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
        }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, command[0], &actions, nil, argv, environ)
        close(toChild[0])
        close(fromChild[1])
        guard rc == 0 else {
            close(toChild[1])
            close(fromChild[0])
            throw failure("cannot run \(command[0]): \(String(cString: strerror(rc)))")
        }
        return (ByteChannel(readFD: fromChild[0], writeFD: toChild[1], timeout: timeout), pid)
    }

    private static func failure(_ reason: String) -> XenError {
        .migrationFailed(stage: .connect, reason: reason, source: .running)
    }
}
