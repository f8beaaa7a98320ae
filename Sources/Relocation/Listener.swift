import Glibc

extension RelocationServer.Listener {
    /// A listening TCP socket on `address` (empty: every address, IPv6 and IPv4) and `port`.
    static func open(address: String, port: UInt16, label: String) throws -> Self {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let place = address.isEmpty ? "port \(port)" : "\(address) port \(port)"
        guard getaddrinfo(address.isEmpty ? nil : address, String(port), &hints, &list) == 0, let list else {
            throw RelocationError.cannotListen(place, errno: EADDRNOTAVAIL)
        }
        defer { freeaddrinfo(list) }
        // For "every address", the IPv6 wildcard takes IPv4 too; without IPv6, the IPv4 one.
        var candidates: [UnsafeMutablePointer<addrinfo>] = []
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let e = entry {
            candidates.append(e)
            entry = e.pointee.ai_next
        }
        candidates =
            candidates.filter { $0.pointee.ai_family == AF_INET6 }
            + candidates.filter { $0.pointee.ai_family != AF_INET6 }
        var lastError = EADDRNOTAVAIL
        for candidate in candidates {
            let fd = socket(
                candidate.pointee.ai_family, candidate.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else {
                lastError = errno
                continue
            }
            var one: Int32 = 1
            var zero: Int32 = 0
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            if candidate.pointee.ai_family == AF_INET6 {
                setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &zero, socklen_t(MemoryLayout<Int32>.size))
            }
            if bind(fd, candidate.pointee.ai_addr, candidate.pointee.ai_addrlen) == 0, listen(fd, 16) == 0 {
                return Self(fd: fd, description: "\(place) (\(label))")
            }
            lastError = errno
            close(fd)
        }
        throw RelocationError.cannotListen(place, errno: lastError)
    }
}

enum PeerAddress {
    /// The peer's numeric address (an IPv4 peer of an IPv6 socket as plain IPv4) and its name,
    /// when it has one.
    static func describe(_ storage: inout sockaddr_storage, length: socklen_t) -> (String, String?) {
        func lookup(_ flags: Int32) -> String? {
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            let rc = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    getnameinfo($0, length, &host, socklen_t(host.count), nil, 0, flags)
                }
            }
            guard rc == 0 else { return nil }
            return String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        var address = lookup(NI_NUMERICHOST) ?? "unknown"
        if address.hasPrefix("::ffff:"), address.contains(".") { address.removeFirst(7) }
        let name = lookup(NI_NAMEREQD)
        return (address, name == address ? nil : name)
    }

    static func seconds(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
