import Foundation
import Testing
import XenCore
import xm

// Expected lines below were produced by Python's own %-formatting with xm's format strings
// (xm/main.py at RELEASE-4.1.6.1), so they pin our columns to xm's character for character.

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

@Suite("xm list table")
struct DomainListFormatTests {
    @Test func headerIsXmsHeader() {
        #expect(
            DomainListFormat.header == "Name                                        ID   Mem VCPUs      State   Time(s)"
        )
    }

    @Test func rowsRoundLikePython() {
        // 2318.25 and 123456.75 are exact in binary: %8.1f rounds half to even, as Python did.
        #expect(
            DomainListFormat.row(dom0())
                == "Domain-0                                     0  1024     2     r-----   2318.2")
        #expect(
            DomainListFormat.row(guest())
                == "xmtest-pv                                    3   128     1     -b---- 123456.8")
    }

    @Test func longNamesWidenTheColumnAndCrashedIsAlsoShutdown() {
        let d = DomainInfo(
            id: 12, name: String(repeating: "a", count: 45), shutdown: true, shutdownReason: .crash,
            currentMemoryKiB: 131_072, maxMemoryKiB: 131_072, cpuTimeNanoseconds: 49_990_000,
            vcpusOnline: 1)
        #expect(DomainListFormat.row(d) == String(repeating: "a", count: 45) + "    12   128     1     ---sc-      0.0")
    }

    @Test func memoryCountsOutstandingClaimsAsXlDoes() {
        var d = guest()
        d.outstandingMemoryKiB = 2048
        #expect(DomainListFormat.memoryMiB(d) == 130)
    }

}

@Suite("xm list -l and --json")
struct DomainLongAndJSONTests {
    let stored = StoredDomainConfig(
        type: .pv, kernel: "/guest/vmlinuz", ramdisk: "/guest/initrd.gz", cmdline: "console=hvc0 rdinit=/init",
        onPoweroff: "destroy", onReboot: "restart", onCrash: "preserve", targetMemoryKiB: 131_072,
        maxMemoryKiB: 132_096, maxVCPUs: 2,
        disks: [
            .init(target: "/dev/vg/root", vdev: "xvda", writable: true, format: "raw"),
            .init(target: "/OVS/disk.qcow2", vdev: "xvdb", writable: false, format: "qcow2"),
        ],
        nics: [.init(mac: "00:16:3e:01:02:03", bridge: "xenbr0", script: nil)])

    @Test func guestSXPHasXendsKeysImageAndDevices() {
        let details = DomainDetails(
            info: guest(), stored: stored, startTime: 1_700_000_000,
            credit: CreditParams(weight: 256, cap: 0))
        let text = DomainLongFormat.sxp(details).rendered()
        #expect(text.hasPrefix("(domain\n    (domid 3)\n    (cpu_weight 256)\n    (cpu_cap 0)\n"))
        for line in [
            "(uuid 8d4c8f0a-1b2c-4d5e-8f90-0123456789ab)", "(vcpus 2)", "(name xmtest-pv)",
            "(on_crash preserve)", "(maxmem 129)", "(memory 128)", "(start_time 1700000000.0)",
            "(cpu_time 123456.75)", "(online_vcpus 1)", "(state -b----)",
            "(image\n        (linux\n            (kernel /guest/vmlinuz)",
            "(args 'console=hvc0 rdinit=/init')",
            "(vbd\n            (uname phy:/dev/vg/root)\n            (dev xvda)\n            (mode w)\n        )",
            "(uname tap:qcow2:/OVS/disk.qcow2)\n            (dev xvdb)\n            (mode r)",
            "(vif\n            (mac 00:16:3e:01:02:03)\n            (bridge xenbr0)\n        )",
        ] {
            #expect(text.contains(line), "missing \(line) in\n\(text)")
        }
        #expect(text.hasSuffix("\n)"))
    }

    /// ocf:heartbeat:Xen greps the one line with "status" and takes 1 or 2 as running.
    @Test func statusIsXendsDomainStateJustBeforeTheStateLetters() {
        func status(_ change: (inout DomainInfo) -> Void) -> String {
            var info = guest()
            change(&info)
            let lines = DomainLongFormat.sxp(DomainDetails(info: info, stored: stored)).rendered()
                .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let found = lines.filter { $0.contains("status") }
            #expect(found.count == 1, "\(found)")
            let at = lines.firstIndex { $0.hasPrefix("(status ") }
            #expect(at.map { lines[$0 + 1].hasPrefix("(state ") } == true)
            return found.first ?? ""
        }
        func shutDown(_ reason: DomainInfo.ShutdownReason) -> (inout DomainInfo) -> Void {
            { info in
                info.shutdown = true
                info.shutdownReason = reason
            }
        }
        #expect(status { _ in } == "(status 2)")
        #expect(status { $0.paused = true } == "(status 1)")
        #expect(status(shutDown(.poweroff)) == "(status 4)")
        #expect(status(shutDown(.suspend)) == "(status 3)")
        #expect(status(shutDown(.crash)) == "(status 0)")
        #expect(status { $0.dying = true } == "(status 4)")
    }

    @Test func domain0WithoutStoredConfigHasNoImage() {
        let text = DomainLongFormat.sxp(DomainDetails(info: dom0())).rendered()
        #expect(text.contains("(memory 1024)"))
        #expect(text.contains("(cpu_time 2318.25)"))
        #expect(!text.contains("image"))
        #expect(!text.contains("start_time"))
    }

    @Test func jsonHasStableKeysWithNulls() throws {
        let text = DomainJSONFormat.render([
            DomainDetails(info: dom0()),
            DomainDetails(info: guest(), stored: stored, startTime: 5),
        ])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        #expect(Set(array[0].keys) == Set(array[1].keys))
        #expect(array[0]["config"] is NSNull)
        #expect(array[0]["start_time"] is NSNull)
        #expect(array[1]["name"] as? String == "xmtest-pv")
        #expect(array[1]["memory_mib"] as? Int == 128)
        #expect(array[1]["state"] as? String == "-b----")
        let config = try #require(array[1]["config"] as? [String: Any])
        #expect((config["disks"] as? [[String: Any]])?.first?["vdev"] as? String == "xvda")
        #expect(config["on_crash"] as? String == "preserve")
        // Sorted keys: the same text for the same domains.
        #expect(
            DomainJSONFormat.render([DomainDetails(info: dom0())])
                == DomainJSONFormat.render([DomainDetails(info: dom0())]))
    }
}

@Suite("uptime, info, vcpu-list, sched-credit, top, memory sizes")
struct HostFormatTests {
    @Test func uptimeLikeXm() {
        #expect(UptimeFormat.header == "Name                                ID Uptime ")
        #expect(UptimeFormat.duration(59) == " 0:00:59")
        #expect(UptimeFormat.duration(3 * 3600 + 4 * 60 + 5) == " 3:04:05")
        #expect(UptimeFormat.duration(86400 + 12 * 3600 + 60) == "1 day, 12:01:00")
        #expect(UptimeFormat.duration(2 * 86400 + 7) == "2 days,  0:00:07")
        #expect(
            UptimeFormat.line(name: "xmtest-pv", domid: 3, seconds: 65)
                == "xmtest-pv                            3  0:01:05")
        #expect(
            UptimeFormat.shortLine(name: "xmtest-pv", domid: 3, seconds: 90000, clock: "12:00:00")
                == " 12:00:00 up 1 day,  1:00, xmtest-pv (3)")
    }

    @Test func infoLinesInXendsOrder() {
        var h = HostInfo()
        h.host = "dom0"
        h.nrCPUs = 2
        h.cpuKHz = 2_999_999
        h.hwCaps = [0x178b_fbff, 0x8000_0001, 0, 0, 0, 0, 0, 0]
        h.capHVM = true
        h.totalMemoryKiB = 2_096_000
        h.freeMemoryKiB = 1024 * 100 + 1023
        h.xenMajor = 4
        h.xenMinor = 17
        h.xenExtra = ".5"
        h.xenScheduler = "credit"
        h.virtStart = 0xffff_8000_0000_0000
        let lines = HostInfoFormat.lines(h)
        #expect(lines.first == "system                 : ")
        #expect(lines.contains("host                   : dom0"))
        #expect(lines.contains("nr_cpus                : 2"))
        #expect(lines.contains("cpu_mhz                : 2999"))
        #expect(
            lines.contains(
                "hw_caps                : 178bfbff:80000001:00000000:00000000:00000000:00000000:00000000:00000000"))
        #expect(lines.contains("virt_caps              : hvm"))
        #expect(lines.contains("total_memory           : 2046"))
        #expect(lines.contains("free_memory            : 100"))
        #expect(lines.contains("platform_params        : virt_start=0xffff800000000000"))
        #expect(lines.last == "xend_config_format     : 4")
        let keys = HostInfoFormat.items(h).map(\.key)
        #expect(keys.firstIndex(of: "nr_cpus")! < keys.firstIndex(of: "xen_major")!)
        #expect(keys.firstIndex(of: "free_memory")! < keys.firstIndex(of: "free_cpus")!)
    }

    @Test func vcpuListLikeXm() {
        #expect(
            VCPUListFormat.header == "Name                                ID  VCPU   CPU State   Time(s) CPU Affinity")
        let online = VCPUInfo(
            number: 1, cpu: 1, online: true, blocked: false, running: true,
            cpuTimeNanoseconds: 12_345_000_000, affinity: [0, 1])
        #expect(
            VCPUListFormat.row(domain: "Domain-0", domid: 0, vcpu: online, hostCPUs: 2)
                == "Domain-0                             0     1     1   r--      12.3 any cpu")
        let offline = VCPUInfo(
            number: 0, cpu: 0, online: false, blocked: false, running: false,
            cpuTimeNanoseconds: 0, affinity: [1])
        #expect(
            VCPUListFormat.row(domain: "g", domid: 7, vcpu: offline, hostCPUs: 4)
                == "g                                    7     0     -   --p       0.0 1")
        #expect(VCPUListFormat.affinity([0, 1, 2, 3, 5, 7, 8, 64], hostCPUs: 16) == "0-3,5,7-8")
        #expect(VCPUListFormat.affinity([], hostCPUs: 2) == "no cpus")
        #expect(VCPUListFormat.affinity(Array(0..<128), hostCPUs: 2) == "any cpu")
    }

    @Test func schedCreditLikeXm() {
        #expect(SchedCreditFormat.header(.credit) == "Name                                ID Weight  Cap")
        #expect(
            SchedCreditFormat.row(.credit, name: "xmtest-pv", domid: 5, params: CreditParams(weight: 512, cap: 0))
                == "xmtest-pv                            5    512    0")
        #expect(SchedCreditFormat.header(.credit2) == "Name                                ID Weight")
        #expect(
            SchedCreditFormat.row(.credit2, name: "Domain-0", domid: 0, params: CreditParams(weight: 256, cap: 0))
                == "Domain-0                             0    256")
    }

    @Test func topBatchColumnsLikeXentop() {
        #expect(
            TopFormat.header
                == "      NAME  STATE   CPU(sec) CPU(%)     MEM(k) MEM(%)  MAXMEM(k) MAXMEM(%) VCPUS NETS NETTX(k) NETRX(k) VBDS   VBD_OO   VBD_RD   VBD_WR  VBD_RSECT  VBD_WSECT SSID"
        )
        var io = DomainIOStats()
        io.nets = 1
        io.netTxBytes = 4096
        io.vbds = 1
        io.vbdRead = 7
        let row = TopFormat.row(guest(), io: io, cpuPercent: 12.34, hostMemoryKiB: 2_097_152)
        // xentop's letters run d s b c p r, so blocked is the third.
        #expect(
            row
                == " xmtest-pv --b---     123456   12.3     131072    6.2     132096       6.3     1    1        4        0    1        0        7        0          0          0    0"
        )
        #expect(
            TopFormat.row(dom0(), io: DomainIOStats(), cpuPercent: 0, hostMemoryKiB: 2_097_152)
                .contains("  no limit       n/a"))
        #expect(TopFormat.state(dom0()) == "-----r")
        #expect(TopFormat.cpuPercent(previousNs: 1_000_000_000, currentNs: 1_500_000_000, elapsedSeconds: 2) == 25)
        #expect(TopFormat.cpuPercent(previousNs: 2, currentNs: 1, elapsedSeconds: 1) == 0)
    }

    @Test func memorySizesAsXmTookThem() throws {
        #expect(try MemorySize.kibibytes("256") == 256 * 1024)
        #expect(try MemorySize.kibibytes("256m") == 256 * 1024)
        #expect(try MemorySize.kibibytes("1G") == 1024 * 1024)
        #expect(try MemorySize.kibibytes("1500k") == 1024)  // xm divided down to whole MiB
        #expect(try MemorySize.kibibytes("98304K") == 96 * 1024)
        #expect(try MemorySize.kibibytes("2g") == 2048 * 1024)
        for bad in ["", "m", "-5", "12x", "1.5g", "ten", "99999999999999999999"] {
            #expect(throws: XMError.invalidMemorySize(bad), "\(bad)") { try MemorySize.kibibytes(bad) }
        }
    }

    @Test func pyFormatBasics() {
        #expect(PyFormat.s("ab", 4) == "  ab")
        #expect(PyFormat.s("ab", 4, left: true) == "ab  ")
        #expect(PyFormat.s("abcdef", 4) == "abcdef")
        #expect(PyFormat.f(0.05, 8, 1) == "     0.1")
        #expect(PyFormat.pyStr(3) == "3.0")
        #expect(PyFormat.pyStr(0.1) == "0.1")
    }
}

@Suite("xm cpupool-list")
struct CPUPoolListFormatTests {
    @Test func listLinesAreXms() {
        // Expected lines from Python: "%-16s   %3s  %8s       %s          %s" % ("Pool-0", 1, "credit2", "y", 2)
        let p0 = CPUPool(id: 0, name: "Pool-0", scheduler: "credit2", cpus: [0], domainCount: 2)
        #expect(CPUPoolListFormat.line(p0) == "Pool-0               1   credit2       y          2")
        #expect(CPUPoolListFormat.header == "Name               CPUs   Sched     Active   Domain count")
        let p1 = CPUPool(id: 1, name: "xmtest-credit", scheduler: "credit", cpus: [3, 1], domainCount: 0)
        #expect(CPUPoolListFormat.cpusLine(p1) == "xmtest-credit    1,3")
        #expect(
            CPUPoolListFormat.cpusLine(CPUPool(id: 2, name: "empty", scheduler: "credit", cpus: [], domainCount: 0))
                == "empty            -")
    }
}
