import XenCore

/// `xm cpupool-list` as xm 4.1 printed it (main.py's brief_cpupool_list and, with -c,
/// brief_cpupool_list_cpus). Every pool libxl reports is active: xend's defined-but-not-started
/// pools do not exist without xend.
package enum CPUPoolListFormat {
    package static let header = "Name               CPUs   Sched     Active   Domain count"

    package static func line(_ p: CPUPool) -> String {
        // xm: "%-16s   %3s  %8s       %s          %s"
        PyFormat.s(p.name, 16, left: true) + "   " + PyFormat.s(String(p.cpus.count), 3) + "  "
            + PyFormat.s(p.scheduler, 8) + "       y          " + String(p.domainCount)
    }

    package static let cpusHeader = PyFormat.s("Name", 16, left: true) + " CPU list"

    /// xm: "%-16s %s", the CPUs comma-separated, "-" for none.
    package static func cpusLine(_ p: CPUPool) -> String {
        PyFormat.s(p.name, 16, left: true) + " "
            + (p.cpus.isEmpty ? "-" : p.cpus.sorted().map(String.init).joined(separator: ","))
    }
}
