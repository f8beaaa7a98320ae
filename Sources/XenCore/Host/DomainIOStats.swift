/// A domain's network and block traffic as the backends in dom0 count it (what libxenstat reads
/// for xentop): the vifD.N interfaces and the vbd-D-N backend devices in sysfs.
public struct DomainIOStats: Sendable, Hashable {
    public var nets = 0, netTxBytes: UInt64 = 0, netRxBytes: UInt64 = 0
    public var vbds = 0
    public var vbdOO: UInt64 = 0, vbdRead: UInt64 = 0, vbdWrite: UInt64 = 0
    public var vbdReadSectors: UInt64 = 0, vbdWriteSectors: UInt64 = 0
    public init() {}

    /// Reads the counters under `sysfs` (a parameter so tests can give a directory of their own).
    public static func read(domid: UInt32, sysfs: String = "/sys") -> DomainIOStats {
        var s = DomainIOStats()
        func number(_ path: String) -> UInt64 {
            guard let text = Files.readText(path) else { return 0 }
            return text.split(whereSeparator: \.isWhitespace).first.flatMap { UInt64($0) } ?? 0
        }
        let netDir = sysfs + "/class/net"
        for name in Files.entries(of: netDir).sorted() where name.hasPrefix("vif\(domid).") {
            s.nets += 1
            // The backend's receive is the guest's transmit.
            s.netTxBytes += number("\(netDir)/\(name)/statistics/rx_bytes")
            s.netRxBytes += number("\(netDir)/\(name)/statistics/tx_bytes")
        }
        let vbdDir = sysfs + "/bus/xen-backend/devices"
        for name in Files.entries(of: vbdDir).sorted() where name.hasPrefix("vbd-\(domid)-") {
            s.vbds += 1
            let stats = "\(vbdDir)/\(name)/statistics/"
            s.vbdOO += number(stats + "oo_req")
            s.vbdRead += number(stats + "rd_req")
            s.vbdWrite += number(stats + "wr_req")
            s.vbdReadSectors += number(stats + "rd_sect")
            s.vbdWriteSectors += number(stats + "wr_sect")
        }
        return s
    }
}
