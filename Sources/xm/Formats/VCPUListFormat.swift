import XenCore

/// `xm vcpu-list` (xm/main.py `xm_vcpu_list`).
package enum VCPUListFormat {
    /// `'%-32s %5s %5s %5s %5s %9s %s' % ('Name','ID','VCPU','CPU','State','Time(s)','CPU Affinity')`
    package static let header = [
        PyFormat.s("Name", 32, left: true), PyFormat.s("ID", 5), PyFormat.s("VCPU", 5), PyFormat.s("CPU", 5),
        PyFormat.s("State", 5), PyFormat.s("Time(s)", 9), "CPU Affinity",
    ].joined(separator: " ")

    /// `'%(name)-32s %(domid)5s %(number)5d %(c)5s %(s)5s  %(cpu_time)8.1f %(cpumap)s'`: an online
    /// VCPU shows its CPU and `r`/`b` flags, an offline one `-` and `--p`.
    package static func row(domain: String, domid: UInt32, vcpu: VCPUInfo, hostCPUs: Int) -> String {
        let cpu: String
        let state: String
        if vcpu.cpu < 0 {
            cpu = ""
            state = ""
        } else if vcpu.online {
            cpu = String(vcpu.cpu)
            state = (vcpu.running ? "r" : "-") + (vcpu.blocked ? "b" : "-") + "-"
        } else {
            cpu = "-"
            state = "--p"
        }
        return [
            PyFormat.s(domain, 32, left: true), PyFormat.s(String(domid), 5), PyFormat.d(vcpu.number, 5),
            PyFormat.s(cpu, 5), PyFormat.s(state, 5),
        ].joined(separator: " ") + "  " + PyFormat.f(Double(vcpu.cpuTimeNanoseconds) / 1e9, 8, 1)
            + " " + affinity(vcpu.affinity, hostCPUs: hostCPUs)
    }

    /// xm's `format_cpumap`: CPUs beyond the host's are dropped; all of them is `any cpu`,
    /// none `no cpus`, otherwise ranges `0-2,5`.
    package static func affinity(_ cpus: [Int], hostCPUs: Int) -> String {
        let usable = Array(Set(cpus.filter { $0 >= 0 && $0 < hostCPUs })).sorted()
        if usable.count == hostCPUs && hostCPUs > 0 { return "any cpu" }
        return ranges(usable)
    }

    package static func ranges(_ sorted: [Int]) -> String {
        guard var start = sorted.first else { return "no cpus" }
        var parts: [String] = []
        var end = start
        for cpu in sorted.dropFirst() {
            if cpu == end + 1 {
                end = cpu
                continue
            }
            parts.append(start == end ? "\(start)" : "\(start)-\(end)")
            start = cpu
            end = cpu
        }
        parts.append(start == end ? "\(start)" : "\(start)-\(end)")
        return parts.joined(separator: ",")
    }
}
