import CXen

/// The credit scheduler's per-domain weight and cap (`xm sched-credit`).
public struct CreditParams: Sendable, Hashable {
    public var weight: Int
    public var cap: Int
    public init(weight: Int, cap: Int) { self.weight = weight; self.cap = cap }
}

extension LibxlContext {
    /// The scheduler Xen runs with ("credit", "credit2", ...).
    public func schedulerName() -> String {
        let sched = libxl_get_scheduler(ctx)
        guard sched >= 0, let name = libxl_scheduler_to_string(libxl_scheduler(UInt32(sched))) else { return "unknown" }
        return String(cString: name)
    }

    public func creditParams(_ domid: UInt32) throws -> CreditParams {
        var p = libxl_domain_sched_params()
        libxl_domain_sched_params_init(&p)
        defer { libxl_domain_sched_params_dispose(&p) }
        try check("reading the scheduling parameters of domain \(domid)", libxl_domain_sched_params_get(ctx, domid, &p))
        return CreditParams(weight: Int(p.weight), cap: Int(p.cap))
    }

    /// Sets what is given; the other stays as it is (libxl's "default" value means unchanged).
    public func setCreditParams(_ domid: UInt32, weight: Int?, cap: Int?) throws {
        var p = libxl_domain_sched_params()
        libxl_domain_sched_params_init(&p)
        defer { libxl_domain_sched_params_dispose(&p) }
        p.sched = LIBXL_SCHEDULER_CREDIT
        if let weight { p.weight = Int32(weight) }
        if let cap { p.cap = Int32(cap) }
        try check("setting the scheduling parameters of domain \(domid)", libxl_domain_sched_params_set(ctx, domid, &p))
    }
}
