extension DomainConfigBuilder {
    mutating func buildResources() {
        config.memory = int("memory", atLeast: 1, unit: " MiB")
        config.maxmem = int("maxmem", atLeast: 1, unit: " MiB")
        if let memory = config.memory, let maxmem = config.maxmem, maxmem < memory {
            error("maxmem (\(maxmem) MiB) is below memory (\(memory) MiB)", at: value("maxmem")!.range)
        }
        config.shadowMemory = int("shadow_memory", atLeast: 0, unit: " MiB")
        config.videoram = int("videoram", atLeast: 0, unit: " MiB")

        config.vcpus = int("vcpus", atLeast: 1)
        config.maxvcpus = int("maxvcpus", atLeast: 1)
        if let vcpus = config.vcpus, let maxvcpus = config.maxvcpus, vcpus > maxvcpus {
            error("vcpus (\(vcpus)) is above maxvcpus (\(maxvcpus))", at: value("vcpus")!.range)
        }
        buildVcpuAvail()
        buildCPUAffinity()

        if let w = int("cpu_weight") {
            if (1...65535).contains(w) {
                config.cpuWeight = w
            } else {
                error("'cpu_weight' must be between 1 and 65535, found \(w)", at: value("cpu_weight")!.range)
            }
        }
        buildCap()
    }

    /// xend's `vcpu_avail` bitmask. Bits at or above the vCPU count name no vCPU and are ignored,
    /// as xend ignored them; a mask that leaves no vCPU online is refused.
    mutating func buildVcpuAvail() {
        guard let v = value("vcpu_avail"), let mask = int("vcpu_avail", atLeast: 0) else { return }
        let count = config.maxvcpus ?? config.vcpus ?? 1
        let online = (0..<min(count, Int.bitWidth - 1)).filter { mask >> $0 & 1 == 1 }
        guard !online.isEmpty else {
            error("'vcpu_avail' (\(mask)) leaves none of the \(count) vCPU(s) online", at: v.range)
            return
        }
        if count < Int.bitWidth - 1, mask >> count != 0 {
            warn("'vcpu_avail' (\(mask)) has bits above vCPU \(count - 1); they are ignored", at: v.range)
        }
        config.vcpuAvail = mask
    }

    /// xl reads the credit cap from `cap`; xm (and Oracle VM) wrote `cpu_cap`.
    mutating func buildCap() {
        let cap = int("cap", atLeast: 0)
        let cpuCap = int("cpu_cap", atLeast: 0)
        if cpuCap != nil {
            if cap != nil {
                warn("both 'cap' and 'cpu_cap' are set; xl reads 'cap', which wins", at: nameRange("cpu_cap"))
            } else {
                warn(
                    "xl reads the scheduler cap from 'cap', not 'cpu_cap'; applied as the cap", at: nameRange("cpu_cap")
                )
            }
        }
        config.cpuCap = cap ?? cpuCap
    }

    /// `cpus` as xm's string ("0-3,^1", one set for every vCPU) or as a list with one entry per
    /// vCPU (xl); xm's deprecated `cpu` adds one CPU to the set.
    mutating func buildCPUAffinity() {
        if let v = value("cpus") {
            if let elements = v.elements {
                buildPerVcpuAffinity(v, elements)
            } else if case .int(let n) = v.kind {
                if n >= 0 {
                    config.cpus = CPUSet(cpus: [n])
                } else {
                    error("'cpus': CPU numbers cannot be negative", at: v.range)
                }
            } else if let s = ValueReader(key: "cpus").string(v, &diagnostics) {
                if s.trimmingBlanks().isEmpty {
                    warn("'cpus' is empty: no CPU restriction (xl would pin to no CPU at all)", at: v.range)
                } else {
                    switch CPUListSyntax.parse(s) {
                    case .success(let set): config.cpus = set
                    case .failure(let why): error("'cpus': \(why.message)", at: v.range)
                    }
                }
            }
        }
        if let v = value("cpu"), let cpu = ValueReader(key: "cpu").int(v, &diagnostics) {
            warn("xl ignores xm's 'cpu'; added to 'cpus' as xm did", at: nameRange("cpu"))
            if cpu < 0 {
                error("'cpu': CPU numbers cannot be negative", at: v.range)
            } else if let set = config.cpus {
                if !set.all { config.cpus = CPUSet(cpus: set.cpus + [cpu]) }
            } else if config.cpusPerVcpu == nil {
                config.cpus = CPUSet(cpus: [cpu])
            }
        }
    }

    private mutating func buildPerVcpuAffinity(_ v: ConfigValue, _ elements: [ConfigValue]) {
        if let problem = ValueReader.overlong("cpus", count: elements.count) {
            error(problem, at: v.range)
            return
        }
        var sets: [CPUSet] = []
        for e in elements {
            switch e.kind {
            case .int(let n) where n >= 0:
                sets.append(CPUSet(cpus: [n]))
            case .string(let s):
                switch CPUListSyntax.parse(s) {
                case .success(let set): sets.append(set)
                case .failure(let why): error("'cpus': \(why.message)", at: e.range)
                }
            default:
                error("'cpus': expected a CPU list string or a CPU number, found \(e.typeName) \(e)", at: e.range)
            }
        }
        if !elements.isEmpty, elements.allSatisfy({ $0.intValue != nil }) {
            warn(
                "a list for 'cpus' gives one entry per vCPU (vCPU 0 on CPU \(elements[0]), ...), as xl reads it; for one set shared by all vCPUs write cpus = '\(elements.map(\.description).joined(separator: ","))'",
                at: v.range)
        }
        if let limit = config.maxvcpus ?? config.vcpus, elements.count > limit {
            warn(
                "'cpus' has \(elements.count) entries for \(limit) vCPUs; the extra entries are ignored (xm refused a count that differs from vcpus)",
                at: elements[limit].range)
            sets = Array(sets.prefix(limit))
        }
        config.cpusPerVcpu = sets
    }
}
