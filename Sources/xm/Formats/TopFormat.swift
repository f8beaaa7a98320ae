import XenCore

/// `xm top -b`: xentop's batch output (tools/xentop/xentop.c): per iteration a header and one
/// line per domain, the fields separated by one space and right-aligned to xentop's widths.
package enum TopFormat {
    static let columns: [(String, Int)] = [
        ("NAME", 10), ("STATE", 6), ("CPU(sec)", 10), ("CPU(%)", 6), ("MEM(k)", 10), ("MEM(%)", 6),
        ("MAXMEM(k)", 10), ("MAXMEM(%)", 9), ("VCPUS", 5), ("NETS", 4), ("NETTX(k)", 8), ("NETRX(k)", 8),
        ("VBDS", 4), ("VBD_OO", 8), ("VBD_RD", 8), ("VBD_WR", 8), ("VBD_RSECT", 10), ("VBD_WSECT", 10),
        ("SSID", 4),
    ]

    package static let header = columns.map { PyFormat.s($0.0, $0.1) }.joined(separator: " ")

    /// xentop's state letters, in its own order: d s b c p r.
    package static func state(_ d: DomainInfo) -> String {
        [(d.dying, "d"), (d.shutdown, "s"), (d.blocked, "b"), (d.crashed, "c"), (d.paused, "p"), (d.running, "r")]
            .map { $0.0 ? $0.1 : "-" }.joined()
    }

    /// The maximum libxl reports for a domain without a limit (UINT_MAX pages).
    static let noLimitKiB = UInt64(UInt32.max) * 4

    /// One domain's line. `cpuPercent` is the share of one CPU used since the previous sample
    /// (0.0 without one); `hostMemoryKiB` is the host's total memory.
    package static func row(_ d: DomainInfo, io: DomainIOStats, cpuPercent: Double, hostMemoryKiB: UInt64) -> String {
        let total = Double(max(hostMemoryKiB, 1))
        let noLimit = d.maxMemoryKiB >= noLimitKiB
        let name = d.name.count > 10 ? String(d.name.prefix(10)) : d.name
        let fields = [
            PyFormat.s(name, 10), state(d), PyFormat.d(d.cpuTimeNanoseconds / 1_000_000_000, 10),
            PyFormat.f(cpuPercent, 6, 1), PyFormat.d(d.currentMemoryKiB, 10),
            PyFormat.f(Double(d.currentMemoryKiB) / total * 100, 6, 1),
            noLimit ? PyFormat.s("no limit", 10) : PyFormat.d(d.maxMemoryKiB, 10),
            noLimit ? PyFormat.s("n/a", 9) : PyFormat.f(Double(d.maxMemoryKiB) / total * 100, 9, 1),
            PyFormat.d(d.vcpusOnline, 5), PyFormat.d(io.nets, 4),
            PyFormat.d(io.netTxBytes / 1024, 8), PyFormat.d(io.netRxBytes / 1024, 8), PyFormat.d(io.vbds, 4),
            PyFormat.d(io.vbdOO, 8), PyFormat.d(io.vbdRead, 8), PyFormat.d(io.vbdWrite, 8),
            PyFormat.d(io.vbdReadSectors, 10), PyFormat.d(io.vbdWriteSectors, 10), PyFormat.d(d.ssidref, 4),
        ]
        return fields.joined(separator: " ")
    }

    /// xentop's CPU(%): CPU nanoseconds used over the elapsed wall-clock time.
    package static func cpuPercent(previousNs: UInt64, currentNs: UInt64, elapsedSeconds: Double) -> Double {
        guard elapsedSeconds > 0, currentNs >= previousNs else { return 0 }
        return Double(currentNs - previousNs) / 1e9 / elapsedSeconds * 100
    }
}
