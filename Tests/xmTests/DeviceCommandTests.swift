import Testing
import XenCore
import xm

// Expected rows were produced by Python's own %-formatting with xm's format strings
// (xm/main.py at RELEASE-4.1.6.1, xm_block_list, xm_network_list, xm_vtpm_list).

@Suite("xm block-list, network-list, vtpm-list, pci-list")
struct DeviceListFormatTests {
    @Test func blockRowIsXms() {
        let disk = BlockDeviceInfo(
            devid: 51712, vdev: "xvda", backendID: 0, state: 4, eventChannel: 11, ringRef: 8,
            backendPath: "/local/domain/0/backend/vbd/5/51712", target: "/img", isCdrom: false, readOnly: false)
        #expect(DeviceListFormat.blockHeader == "Vdev  BE handle state evt-ch ring-ref BE-path")
        #expect(
            DeviceListFormat.blockRow(disk)
                == "51712  0    0     4      11     8     /local/domain/0/backend/vbd/5/51712  ")
    }

    @Test func networkRowIsXms() {
        let nic = NetworkDeviceInfo(
            devid: 0, backendID: 0, mac: "00:16:3e:12:34:56", state: 4, eventChannel: 12, txRingRef: 768,
            rxRingRef: 769, backendPath: "/local/domain/0/backend/vif/5/0", bridge: "xenbr0")
        #expect(
            DeviceListFormat.networkHeader == "Idx BE     MAC Addr.     handle state evt-ch tx-/rx-ring-ref BE-path")
        #expect(
            DeviceListFormat.networkRow(nic)
                == "0   0  00:16:3e:12:34:56    0     4      12    768  /769     /local/domain/0/backend/vif/5/0  ")
    }

    @Test func vtpmRowIsXms() {
        let vtpm = VTPMDeviceInfo(
            devid: 0, backendID: 0, uuid: "", state: 4, eventChannel: 13, ringRef: 9,
            backendPath: "/local/domain/0/backend/vtpm/5/0")
        #expect(
            DeviceListFormat.vtpmRow(vtpm) == "0     0    0     4      13     9     /local/domain/0/backend/vtpm/5/0  ")
    }

    /// xend's PrettyPrint of the frontend directory (run under python2.7 on this shape).
    @Test func longIsXendsPrettyPrint() {
        let entries = [
            XenstoreEntry(key: "backend-id", value: "0"), XenstoreEntry(key: "virtual-device", value: "51712"),
            XenstoreEntry(key: "state", value: "4"),
        ]
        #expect(
            DeviceListFormat.long(devid: 51712, entries) == """
                (51712
                    ((backend-id 0)
                        (virtual-device 51712)
                        (state 4)
                    )
                )
                """)
    }

    @Test func pciListShowsSlotsOnlyWhenOneIsFixed() {
        let chosen = PCIDeviceInfo(domain: 0, bus: 0, device: 0x1b, function: 0)
        let fixed = PCIDeviceInfo(domain: 0, bus: 3, device: 0, function: 1, virtualSlot: 7 << 3)
        #expect(DeviceListFormat.pciLines([]) == [])
        #expect(DeviceListFormat.pciLines([chosen]) == ["Device", "0000:00:1b.0"])
        #expect(
            DeviceListFormat.pciLines([fixed, chosen]) == ["Vdev Device", "-    0000:00:1b.0", "07.0 0000:03:00.1"])
    }

    @Test func coreFileIsNamedAsXendNamedIt() {
        let d = DomainInfo(id: 5, name: "vm1", currentMemoryKiB: 0, maxMemoryKiB: 0, vcpusOnline: 1)
        let path = LibxlContext.defaultCoreFile(for: d, at: 0)
        #expect(path.hasPrefix("/var/xen/dump/vm1/19"))
        #expect(path.hasSuffix("-vm1.5.core"))
        #expect(path.split(separator: "/").last!.count == "1970-0101-0000.00-vm1.5.core".count)
    }
}

/// The device commands check their arguments before they touch the hypervisor: on a machine without
/// Xen a bad spec is still `Error: ...` with a caret under the part at fault, and a good one gets as
/// far as the hypervisor check.
@Suite struct DeviceCommandArguments {
    @Test(arguments: [
        (["block-attach", "vm1", "file:/x.img", "xvdb", "q"], "unknown value for access"),
        (["block-attach", "vm1", "file:/x.img", "xvdb"], "takes BACKDEV FRONTDEV MODE"),
        (["block-attach", "vm1", "file:/x.img,hde,w"], "hde"),
        (["block-configure", "vm1", "file:/cd.iso", "hdc:cdrom", "w"], "read-only"),
        (["block-list"], "No domain parameter given"),
        (["network-attach", "vm1", "mac=00:16:3e:zz:00:01"], "malformed MAC address"),
        (["network-attach", "vm1", "bridge"], "Invalid argument: bridge"),
        (["network-attach", "vm1", "brigde=xenbr0"], "bridge"),
        (["pci-attach", "vm1", "00:1g.0"], "pci spec"),
        (["dump-core", "-C", "-R", "vm1"], "more than one '-CR' option"),
        (["debug-keys", "a b"], "ASCII"),
    ])
    func refusedBeforeConnecting(arguments: [String], message: String) throws {
        let r = try XMRun(arguments: arguments)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("Error: "), "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func aBadSpecIsMarkedWithACaret() throws {
        let r = try XMRun("block-attach", "vm1", "file:/x.img,xvdb,q")
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= 3, "\(r.stderr)")
        #expect(lines[1] == "    file:/x.img,xvdb,q")
        #expect(lines[2] == "                     ^")
    }

    @Test(arguments: [
        ["block-attach", "vm1", "/srv/data.img", "xvdb", "w"],
        ["block-attach", "vm1", "file:/srv/data.img", "/dev/xvdb", "r", "0"],
        ["block-attach", "vm1", "file:/srv/data.img,xvdb,w"],
        ["network-attach", "vm1", "mac=00:16:3e:01:02:03", "bridge=xenbr0"],
        ["pci-attach", "-o", "msitranslate=1", "vm1", "0000:00:1b.0", "7"],
        ["dump-core", "-L", "vm1"],
    ])
    func wellFormedOnesReachTheHypervisor(arguments: [String]) throws {
        let r = try XMRun(arguments: arguments)
        #expect(r.status == 1)
        #expect(r.stderr.contains("not running Xen") || r.stderr.contains("xenfs"), "\(r.stderr)")
    }
}
