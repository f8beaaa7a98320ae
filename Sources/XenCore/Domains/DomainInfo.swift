import CXen

/// A running domain as the hypervisor reports it (libxl_dominfo), in plain Swift values.
public struct DomainInfo: Sendable, Hashable {
    public enum GuestType: String, Sendable { case pv, pvh, hvm, unknown }
    public enum ShutdownReason: String, Sendable {
        case poweroff, reboot, suspend, crash, watchdog, softReset = "soft_reset", unknown
    }

    public var id: UInt32
    public var name: String
    public var uuid: String
    public var running: Bool
    public var blocked: Bool
    public var paused: Bool
    public var shutdown: Bool
    public var dying: Bool
    public var shutdownReason: ShutdownReason?
    public var currentMemoryKiB: UInt64
    public var maxMemoryKiB: UInt64
    public var cpuTimeNanoseconds: UInt64
    public var vcpusOnline: Int
    public var vcpuMaxID: Int
    public var cpupool: UInt32
    public var ssidref: UInt32
    public var type: GuestType

    /// xm's six state letters, `-` where a flag is clear: r(unning) b(locked) p(aused)
    /// s(hutdown) c(rashed) d(ying).
    public var stateLetters: String {
        let crashed = shutdown && shutdownReason == .crash
        let isShutdown = shutdown && !crashed
        return [(running, "r"), (blocked, "b"), (paused, "p"), (isShutdown, "s"), (crashed, "c"), (dying, "d")]
            .map { $0.0 ? $0.1 : "-" }.joined()
    }

    init(_ info: libxl_dominfo, name: String) {
        id = info.domid
        self.name = name
        uuid = Self.uuidString(info.uuid)
        running = info.running
        blocked = info.blocked
        paused = info.paused
        shutdown = info.shutdown
        dying = info.dying
        shutdownReason = info.shutdown ? Self.reason(info.shutdown_reason) : nil
        currentMemoryKiB = info.current_memkb
        maxMemoryKiB = info.max_memkb
        cpuTimeNanoseconds = info.cpu_time
        vcpusOnline = Int(info.vcpu_online)
        vcpuMaxID = Int(info.vcpu_max_id)
        cpupool = info.cpupool
        ssidref = info.ssidref
        switch info.domain_type {
        case LIBXL_DOMAIN_TYPE_PV: type = .pv
        case LIBXL_DOMAIN_TYPE_PVH: type = .pvh
        case LIBXL_DOMAIN_TYPE_HVM: type = .hvm
        default: type = .unknown
        }
    }

    static func reason(_ r: libxl_shutdown_reason) -> ShutdownReason {
        switch r {
        case LIBXL_SHUTDOWN_REASON_POWEROFF: .poweroff
        case LIBXL_SHUTDOWN_REASON_REBOOT: .reboot
        case LIBXL_SHUTDOWN_REASON_SUSPEND: .suspend
        case LIBXL_SHUTDOWN_REASON_CRASH: .crash
        case LIBXL_SHUTDOWN_REASON_WATCHDOG: .watchdog
        case LIBXL_SHUTDOWN_REASON_SOFT_RESET: .softReset
        default: .unknown
        }
    }

    static func uuidString(_ uuid: libxl_uuid) -> String {
        var u = uuid
        let bytes = UnsafeBufferPointer(start: libxl_uuid_bytearray(&u), count: 16)
        let hex = bytes.map { b -> String in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-")
    }
}
