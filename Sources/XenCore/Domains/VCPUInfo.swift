import CXen

/// One virtual CPU of a domain (libxl_vcpuinfo) in plain values.
public struct VCPUInfo: Sendable, Hashable {
    public var number: Int
    /// The physical CPU it runs on (meaningful when online).
    public var cpu: Int
    public var online: Bool
    public var blocked: Bool
    public var running: Bool
    public var cpuTimeNanoseconds: UInt64
    /// Hard affinity: the physical CPUs it may run on.
    public var affinity: [Int]

    public init(
        number: Int, cpu: Int, online: Bool, blocked: Bool, running: Bool,
        cpuTimeNanoseconds: UInt64, affinity: [Int]
    ) {
        self.number = number
        self.cpu = cpu
        self.online = online
        self.blocked = blocked
        self.running = running
        self.cpuTimeNanoseconds = cpuTimeNanoseconds
        self.affinity = affinity
    }
}

extension LibxlContext {
    /// The domain's virtual CPUs, in order.
    public func vcpus(of domid: UInt32) throws -> [VCPUInfo] {
        var count: Int32 = 0
        var hostCPUs: Int32 = 0
        guard let list = libxl_list_vcpu(ctx, domid, &count, &hostCPUs) else {
            throw failure("listing the virtual CPUs of domain \(domid)", ERROR_FAIL.rawValue)
        }
        defer { libxl_vcpuinfo_list_free(list, count) }
        return (0..<Int(count)).map { i in
            var v = list[i]
            return VCPUInfo(
                number: Int(v.vcpuid), cpu: Int(v.cpu), online: v.online, blocked: v.blocked,
                running: v.running, cpuTimeNanoseconds: v.vcpu_time, affinity: CPUBitmap.members(&v.cpumap))
        }
    }
}
