import XenCore

/// `xm list`: the table xm printed (xm/main.py `xm_brief_list`). Mem is the current allocation
/// in MiB (plus memory still claimed while a domain is built, as xl counts it), VCPUs the online
/// ones, Time(s) the CPU time consumed in seconds.
package enum DomainListFormat {
    /// `'%-40s %5s %5s %5s %10s %9s' % ('Name','ID','Mem','VCPUs','State','Time(s)')`
    package static let header = [
        PyFormat.s("Name", 40, left: true), PyFormat.s("ID", 5), PyFormat.s("Mem", 5),
        PyFormat.s("VCPUs", 5), PyFormat.s("State", 10), PyFormat.s("Time(s)", 9),
    ].joined(separator: " ")

    /// `'%-40s %5s %5d %5d %10s %8.1f'`
    package static func row(_ d: DomainInfo) -> String {
        [
            PyFormat.s(d.name, 40, left: true), PyFormat.s(String(d.id), 5), PyFormat.d(memoryMiB(d), 5),
            PyFormat.d(d.vcpusOnline, 5), PyFormat.s(d.stateLetters, 10), PyFormat.f(cpuSeconds(d), 8, 1),
        ].joined(separator: " ")
    }

    package static func table(_ domains: [DomainInfo]) -> String {
        ([header] + domains.map(row)).joined(separator: "\n")
    }

    package static func memoryMiB(_ d: DomainInfo) -> UInt64 { (d.currentMemoryKiB + d.outstandingMemoryKiB) / 1024 }
    package static func cpuSeconds(_ d: DomainInfo) -> Double { Double(d.cpuTimeNanoseconds) / 1e9 }
}
