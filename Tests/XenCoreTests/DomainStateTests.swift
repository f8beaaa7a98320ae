import Foundation
import Testing
import XenCore

private func dom0(cpuNs: UInt64 = 2_318_250_000_000) -> DomainInfo {
    DomainInfo(
        id: 0, name: "Domain-0", running: true, currentMemoryKiB: 1024 * 1024,
        maxMemoryKiB: UInt64(UInt32.max) * 4, cpuTimeNanoseconds: cpuNs, vcpusOnline: 2)
}

private func guest() -> DomainInfo {
    DomainInfo(
        id: 3, name: "xmtest-pv", uuid: "8d4c8f0a-1b2c-4d5e-8f90-0123456789ab", blocked: true,
        currentMemoryKiB: 131_072, maxMemoryKiB: 132_096, cpuTimeNanoseconds: 123_456_750_000_000,
        vcpusOnline: 1, vcpuMaxID: 1)
}

/// What XenCore derives from the hypervisor's values: the state `xm list --state` selects and
/// `xm domstate` prints, and the backends' traffic counters `xm top` shows.
@Suite("domain states and I/O counters")
struct DomainStateTests {
    @Test func statesFilterAndWords() {
        #expect(DomainStateFilter.running.matches(dom0()))
        #expect(!DomainStateFilter.blocked.matches(dom0()))
        #expect(DomainStateFilter.blocked.matches(guest()))
        #expect(DomainStateWord.word(dom0()) == "running")
        #expect(DomainStateWord.word(guest()) == "idle")
        var paused = guest()
        paused.blocked = false
        paused.paused = true
        #expect(DomainStateWord.word(paused) == "paused")
        // Paused while its VCPU was idle: Xen reports b and p; the administrator's pause wins
        // (xm 4.1 said "idle" here).
        var pausedIdle = guest()
        pausedIdle.paused = true
        #expect(DomainStateWord.word(pausedIdle) == "paused")
        var crashed = guest()
        crashed.blocked = false
        crashed.shutdown = true
        crashed.shutdownReason = .crash
        #expect(DomainStateFilter.crashed.matches(crashed))
        #expect(DomainStateWord.word(crashed) == "crashed")
        var poweredOff = guest()
        poweredOff.blocked = false
        poweredOff.shutdown = true
        poweredOff.shutdownReason = .poweroff
        #expect(DomainStateWord.word(poweredOff) == "shutoff")
        var dying = poweredOff
        dying.dying = true
        #expect(DomainStateWord.word(dying) == "shutdown")
        // Runnable, waiting for a physical CPU: no state letter at all (xl shows ------).
        var runnable = guest()
        runnable.blocked = false
        #expect(DomainStateWord.word(runnable) == "running")
    }

    @Test func ioStatsFromASysfsTree() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("xm-sysfs-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        func put(_ path: String, _ value: String) throws {
            let full = root + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try value.write(toFile: full, atomically: true, encoding: .utf8)
        }
        try put("class/net/vif3.0/statistics/rx_bytes", "2048\n")
        try put("class/net/vif3.0/statistics/tx_bytes", "1024\n")
        try put("class/net/vif31.0/statistics/rx_bytes", "999999\n")
        try put("bus/xen-backend/devices/vbd-3-51712/statistics/rd_sect", "80\n")
        let s = DomainIOStats.read(domid: 3, sysfs: root)
        #expect(s.nets == 1)
        #expect(s.netTxBytes == 2048)
        #expect(s.netRxBytes == 1024)
        #expect(s.vbds == 1)
        #expect(s.vbdReadSectors == 80)
    }

}
