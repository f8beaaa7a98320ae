import CXen

/// Changing a running domain's memory and virtual CPUs (xm mem-set, mem-max, vcpu-set, vcpu-pin).
extension LibxlContext {
    /// The balloon target: the guest gives memory back (or takes it) through its balloon driver.
    /// Like xm (and `xl mem-set`), the target is absolute and the maximum is not enforced here.
    public func setMemoryTarget(_ domid: UInt32, kib: UInt64) throws {
        try check(
            "setting the memory target of domain \(domid)",
            libxl_set_memory_target(ctx, domid, Int64(kib), 0, 1))
    }

    /// The most memory the domain may have.
    public func setMaxMemory(_ domid: UInt32, kib: UInt64) throws {
        try check("setting the maximum memory of domain \(domid)", libxl_domain_setmaxmem(ctx, domid, kib))
    }

    /// Brings VCPUs 0..<count online and the rest offline (the guest sees CPU hotplug).
    public func setOnlineVCPUs(_ domid: UInt32, count: Int) throws {
        guard let info = try domainInfo(domid) else { throw XenError.domainNotFound(String(domid)) }
        let maximum = info.vcpuMaxID + 1
        guard count >= 1, count <= maximum else {
            throw XenError.vcpuCountOutOfRange(domain: info.name, requested: count, maximum: maximum)
        }
        var map = libxl_bitmap()
        libxl_bitmap_init(&map)
        defer { libxl_bitmap_dispose(&map) }
        try check("allocating a VCPU map", libxl_bitmap_alloc(ctx, &map, Int32(maximum)))
        for v in 0..<count { libxl_bitmap_set(&map, Int32(v)) }
        try check("setting the VCPUs of domain \(domid)", libxl_set_vcpuonline(ctx, domid, &map, nil))
    }

    /// Hard affinity of one VCPU (or of every VCPU when `vcpu` is nil) to `cpus` (nil: any CPU).
    public func pinVCPU(_ domid: UInt32, vcpu: Int?, cpus: [Int]?) throws {
        try withCPUMap(cpus) { map in
            if let vcpu {
                try check(
                    "pinning VCPU \(vcpu) of domain \(domid)",
                    libxl_set_vcpuaffinity(ctx, domid, UInt32(vcpu), &map, nil))
            } else {
                guard let info = try domainInfo(domid) else { throw XenError.domainNotFound(String(domid)) }
                try check(
                    "pinning the VCPUs of domain \(domid)",
                    libxl_set_vcpuaffinity_all(ctx, domid, UInt32(info.vcpuMaxID + 1), &map, nil))
            }
        }
    }

    /// When the domain was started (seconds since the epoch), as libxl recorded it in xenstore;
    /// nil when it did not (Domain-0).
    public func startTime(of domid: UInt32) -> UInt32? {
        let t = libxl_vm_get_start_time(ctx, domid)
        _ = log.takeRecentErrors()
        return t == UInt32.max || t == 0 ? nil : t
    }
}
