import CXen
import ConfigParser

extension DomainConfigMapper {
    /// `memory`/`maxmem` (MiB in vm.cfg, KiB in libxl) and `vcpus`/`maxvcpus`, with xl's rule
    /// that an unset maximum equals the initial value.
    mutating func fillMemoryAndVcpus() throws(LibxlError) {
        let b = bInfo
        if let memory = config.memory { b.pointee.target_memkb = try kib(memory, key: "memory") }
        if let maxmem = config.maxmem { b.pointee.max_memkb = try kib(maxmem, key: "maxmem") }

        var vcpus = 0
        if let n = config.vcpus {
            guard n >= 1, n <= 4096 else {
                throw .invalidValue(key: "vcpus", value: String(n), reason: "must be between 1 and 4096")
            }
            vcpus = n
        }
        if let max = config.maxvcpus {
            guard max >= 1, max <= 4096 else {
                throw .invalidValue(key: "maxvcpus", value: String(max), reason: "must be between 1 and 4096")
            }
            b.pointee.max_vcpus = Int32(max)
        }

        if b.pointee.max_memkb == UInt64.max { b.pointee.max_memkb = b.pointee.target_memkb }
        if b.pointee.max_vcpus == 0 { b.pointee.max_vcpus = Int32(vcpus) }
        if Int(b.pointee.max_vcpus) < vcpus {
            throw .maxvcpusBelowVcpus(maxvcpus: Int(b.pointee.max_vcpus), vcpus: vcpus)
        }
        try fillAvailableVcpus(count: vcpus)

        if let shadow = config.shadowMemory { b.pointee.shadow_memkb = try kib(shadow, key: "shadow_memory") }
        if let video = config.videoram { b.pointee.video_memkb = try kib(video, key: "videoram") }
    }

    /// avail_vcpus, one bit per vCPU online at boot: the first `vcpus` (sized exactly to vcpus, as xl
    /// does), or those of xend's `vcpu_avail` mask (sized to max_vcpus, every vCPU existing).
    private mutating func fillAvailableVcpus(count vcpus: Int) throws(LibxlError) {
        let b = bInfo
        if let mask = config.vcpuAvail {
            let max = Int(b.pointee.max_vcpus)
            try CPUBitmap.allocate(&b.pointee.avail_vcpus, bits: max)
            for i in 0..<min(max, Int.bitWidth - 1) where mask >> i & 1 == 1 {
                CPUBitmap.set(&b.pointee.avail_vcpus, i)
            }
        } else if vcpus > 0 {
            try CPUBitmap.allocate(&b.pointee.avail_vcpus, bits: vcpus)
            for i in 0..<vcpus { CPUBitmap.set(&b.pointee.avail_vcpus, i) }
        }
    }

    /// vCPU hard affinity from `cpus`. A single set (xm's string form) applies to every vCPU; a
    /// list of sets (xl's list form) gives vCPU i the i-th set and turns automatic NUMA placement
    /// off, as xl does. Sets beyond max_vcpus are ignored, as in xl.
    mutating func fillAffinity() throws(LibxlError) {
        let b = bInfo
        let maxVcpus = Int(b.pointee.max_vcpus)
        let sets: [CPUSet]
        if let perVcpu = config.cpusPerVcpu {
            sets = Array(perVcpu.prefix(maxVcpus))
            libxl_defbool_set(&b.pointee.numa_placement, false)
        } else if let cpus = config.cpus {
            // Without the host's CPU count "all" cannot be spelt as a bitmap; no affinity means the same.
            if cpus.all && options.hostCPUCount == nil { return }
            sets = Array(repeating: cpus, count: maxVcpus)
        } else {
            return
        }
        let width = bitmapWidth(for: sets)
        let maps = try CMemory.array(of: libxl_bitmap.self, count: sets.count) { libxl_bitmap_init($0) }
        b.pointee.vcpu_hard_affinity = maps
        b.pointee.num_vcpu_hard_affinity = Int32(sets.count)
        for (i, set) in sets.enumerated() {
            try CPUBitmap.allocate(&maps[i], bits: width)
            if set.all {
                CPUBitmap.setAll(&maps[i])
            } else {
                for cpu in set.cpus where cpu >= 0 && cpu < width { CPUBitmap.set(&maps[i], cpu) }
            }
        }
    }

    /// The host's CPU count when known (as xl); otherwise wide enough for every CPU named.
    private func bitmapWidth(for sets: [CPUSet]) -> Int {
        if let host = options.hostCPUCount { return max(host, 1) }
        let highest = sets.flatMap(\.cpus).max() ?? 0
        return highest + 1
    }

    func kib(_ mib: Int, key: String) throws(LibxlError) -> UInt64 {
        guard mib >= 0 else { throw .invalidValue(key: key, value: String(mib), reason: "must not be negative") }
        let (kib, overflow) = UInt64(mib).multipliedReportingOverflow(by: 1024)
        guard !overflow else { throw .invalidValue(key: key, value: String(mib), reason: "too large") }
        return kib
    }
}
