import XenCore

/// `xm info`: xend's node information in its order (XendNode.info), printed `"%-23s:" % key, value`.
package enum HostInfoFormat {
    package static func items(_ h: HostInfo) -> [(key: String, value: String)] {
        var virtCaps: [String] = []
        if h.capHVM { virtCaps.append("hvm") }
        if h.capHVMDirectIO { virtCaps.append("hvm_directio") }
        return [
            ("system", h.system), ("host", h.host), ("release", h.release), ("version", h.version),
            ("machine", h.machine),
            ("nr_cpus", "\(h.nrCPUs)"), ("nr_nodes", "\(h.nrNodes)"),
            ("cores_per_socket", "\(h.coresPerSocket)"), ("threads_per_core", "\(h.threadsPerCore)"),
            ("cpu_mhz", "\(h.cpuKHz / 1000)"),
            ("hw_caps", h.hwCaps.map { hex8($0) }.joined(separator: ":")),
            ("virt_caps", virtCaps.joined(separator: " ")),
            ("total_memory", "\(h.totalMemoryKiB / 1024)"), ("free_memory", "\(h.freeMemoryKiB / 1024)"),
            ("free_cpus", "\(h.freeCPUs)"),
            ("xen_major", "\(h.xenMajor)"), ("xen_minor", "\(h.xenMinor)"), ("xen_extra", h.xenExtra),
            ("xen_caps", h.xenCaps), ("xen_scheduler", h.xenScheduler), ("xen_pagesize", "\(h.xenPagesize)"),
            ("platform_params", "virt_start=0x" + String(h.virtStart, radix: 16)),
            ("xen_changeset", h.xenChangeset), ("xen_commandline", h.xenCommandline),
            ("cc_compiler", h.ccCompiler), ("cc_compile_by", h.ccCompileBy),
            ("cc_compile_domain", h.ccCompileDomain), ("cc_compile_date", h.ccCompileDate),
            ("xend_config_format", "4"),
        ]
    }

    /// Python's `print "%-23s:" % k, v`: the print statement puts one space between the two.
    package static func lines(_ h: HostInfo) -> [String] {
        items(h).map { PyFormat.s($0.key, 23, left: true) + ": " + $0.value }
    }

    static func hex8(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 8 - s.count)) + s
    }
}
