import CXen

/// The schedulers whose per-domain weight (and cap) `xm sched-credit` and `xm sched-credit2` set.
public enum WeightScheduler: String, Sendable {
    case credit, credit2

    var libxl: libxl_scheduler { self == .credit ? LIBXL_SCHEDULER_CREDIT : LIBXL_SCHEDULER_CREDIT2 }
}

/// A domain's weight and cap under the credit or credit2 scheduler.
public struct CreditParams: Sendable, Hashable {
    public var weight: Int
    public var cap: Int
    public init(weight: Int, cap: Int) {
        self.weight = weight
        self.cap = cap
    }
}

extension LibxlContext {
    /// The scheduler of Xen's default pool ("credit", "credit2", ...): xm's `xen_scheduler`.
    public func schedulerName() -> String {
        let sched = libxl_get_scheduler(ctx)
        guard sched >= 0 else { return "unknown" }
        return Self.name(of: libxl_scheduler(UInt32(sched)))
    }

    /// The scheduler of a cpupool: each pool may run its own.
    public func schedulerName(ofPool poolid: UInt32) -> String {
        var info = libxl_cpupoolinfo()
        libxl_cpupoolinfo_init(&info)
        defer { libxl_cpupoolinfo_dispose(&info) }
        guard libxl_cpupool_info(ctx, &info, poolid) == 0 else {
            _ = log.takeRecentErrors()
            return "unknown"
        }
        return Self.name(of: info.sched)
    }

    static func name(of sched: libxl_scheduler) -> String {
        libxl_scheduler_to_string(sched).map { String(cString: $0) } ?? "unknown"
    }

    public func creditParams(_ domid: UInt32) throws -> CreditParams {
        var p = libxl_domain_sched_params()
        libxl_domain_sched_params_init(&p)
        defer { libxl_domain_sched_params_dispose(&p) }
        try check("reading the scheduling parameters of domain \(domid)", libxl_domain_sched_params_get(ctx, domid, &p))
        return CreditParams(weight: Int(p.weight), cap: Int(p.cap))
    }

    /// Sets what is given; the other stays as it is (libxl's "default" value means unchanged).
    public func setCreditParams(_ domid: UInt32, scheduler: WeightScheduler, weight: Int?, cap: Int?) throws {
        var p = libxl_domain_sched_params()
        libxl_domain_sched_params_init(&p)
        defer { libxl_domain_sched_params_dispose(&p) }
        p.sched = scheduler.libxl
        if let weight { p.weight = Int32(weight) }
        if let cap { p.cap = Int32(cap) }
        try check("setting the scheduling parameters of domain \(domid)", libxl_domain_sched_params_set(ctx, domid, &p))
    }
}
