import CXen

/// A running domain as the hypervisor reports it (libxl_dominfo), in plain Swift values.
public struct DomainInfo: Sendable, Hashable {
    public enum GuestType: String, Sendable { case pv, pvh, hvm, unknown }
    public enum ShutdownReason: String, Sendable {
        case poweroff, reboot, suspend, crash, watchdog
        case softReset = "soft_reset"
        case unknown
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
    /// Memory claimed for a domain still being built; xl adds it to the current memory in its list.
    public var outstandingMemoryKiB: UInt64 = 0
    public var maxMemoryKiB: UInt64
    public var cpuTimeNanoseconds: UInt64
    public var vcpusOnline: Int
    public var vcpuMaxID: Int
    public var cpupool: UInt32
    public var ssidref: UInt32
    public var type: GuestType

    /// Shut down because it crashed (libxc's `crashed`: the shutdown flag stays set as well).
    public var crashed: Bool { shutdown && shutdownReason == .crash }

    /// xm's six state letters, `-` where a flag is clear: r(unning) b(locked) p(aused)
    /// s(hutdown) c(rashed) d(ying). A crashed domain is also shut down (`---sc-`), as xend
    /// showed it from libxc's flags and as xl shows it.
    public var stateLetters: String {
        [(running, "r"), (blocked, "b"), (paused, "p"), (shutdown, "s"), (crashed, "c"), (dying, "d")]
            .map { $0.0 ? $0.1 : "-" }.joined()
    }

    /// A domain as plain values, for callers and tests that have no libxl_dominfo.
    public init(
        id: UInt32, name: String, uuid: String = "00000000-0000-0000-0000-000000000000",
        running: Bool = false, blocked: Bool = false, paused: Bool = false,
        shutdown: Bool = false, dying: Bool = false, shutdownReason: ShutdownReason? = nil,
        currentMemoryKiB: UInt64, maxMemoryKiB: UInt64, cpuTimeNanoseconds: UInt64 = 0,
        vcpusOnline: Int, vcpuMaxID: Int? = nil, cpupool: UInt32 = 0, ssidref: UInt32 = 0,
        type: GuestType = .pv
    ) {
        self.id = id
        self.name = name
        self.uuid = uuid
        self.running = running
        self.blocked = blocked
        self.paused = paused
        self.shutdown = shutdown
        self.dying = dying
        self.shutdownReason = shutdownReason
        self.currentMemoryKiB = currentMemoryKiB
        self.maxMemoryKiB = maxMemoryKiB
        self.cpuTimeNanoseconds = cpuTimeNanoseconds
        self.vcpusOnline = vcpusOnline
        self.vcpuMaxID = vcpuMaxID ?? max(0, vcpusOnline - 1)
        self.cpupool = cpupool
        self.ssidref = ssidref
        self.type = type
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
        outstandingMemoryKiB = info.outstanding_memkb
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
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(
            separator: "-")
    }
}
