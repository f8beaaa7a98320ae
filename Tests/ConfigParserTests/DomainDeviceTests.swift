import ConfigParser
import Testing

@Suite struct DomainDeviceTests {
    @Test func disksOfBothDialects() {
        let (c, d, _) = buildDomain(
            minimalPV + """
                disk = ['phy:/dev/vg/root,xvda,w',
                        'file:/OVS/x.iso,xvdb:cdrom,r',
                        'format=qcow2, vdev=xvdc, target=/img/data.qcow2']

                """)
        #expect(!d.hasErrors, "\(d.items)")
        #expect(c.disks.map(\.vdev) == ["xvda", "xvdb", "xvdc"])
        #expect(c.disks[1].isCdrom)
        #expect(c.disks[2].format == .qcow2)
    }

    @Test func badDiskSpecIsAnErrorAtTheElement() {
        let (_, d, _) = buildDomain(minimalPV + "disk = ['phy:/dev/sda,xvda,w',\n        'phy:/dev/sdb,xvdb,rx']\n")
        let e = d.errors(containing: "access")
        #expect(e.count == 1)
        #expect(e.first?.at == "4:9")
    }

    @Test func malformedVdevIsAnError() {
        let (_, d, _) = buildDomain(minimalPV + "disk = ['file:/x.img,xdvb,w']\n")
        let e = d.errors(containing: "invalid vdev 'xdvb'")
        #expect(e.first?.at == "3:9")
    }

    @Test func twoDisksOnOneVdevIsAnErrorAtTheSecond() {
        let (c, d, _) = buildDomain(
            minimalPV + "disk = ['file:/a.img,xvda,w', 'file:/b.img,xvdb,w',\n  'phy:/dev/c,/dev/xvda,w']\n")
        let e = d.errors(containing: "already used")
        #expect(e.count == 1)
        #expect(e.first?.at == "4:3")
        #expect(e.first?.hint == "first used at line 3")
        #expect(c.disks.count == 2)
    }

    /// A clash in a long disk list is reported at the second use, with the first one's line.
    @Test func clashesInALongDiskListAreFoundAsInAShortOne() {
        let letters = "bcdefghijklm"
        let many = letters.map { "'phy:/dev/vg/\($0),xvd\($0),w'" }.joined(separator: ",\n  ")
        let (c, d, _) = buildDomain(
            minimalPV + "disk = [\(many),\n  'phy:/dev/vg/again,xvdc,w', 'phy:/dev/vg/z,xvdz,w']\n")
        let e = d.errors(containing: "vdev 'xvdc' is already used")
        #expect(e.count == 1)
        #expect(e.first?.at == "\(3 + letters.count):3")
        #expect(e.first?.hint == "first used at line 4")
        #expect(c.disks.count == letters.count + 1)
    }

    @Test func sharedWriteDiskWarnsAtTheElement() {
        let (c, d, _) = buildDomain(minimalPV + "disk = ['file:/OVS/shared.img,xvdc,w!']\n")
        #expect(c.disks.first?.forceShared == true)
        #expect(d.warnings(containing: "w!").first?.at == "3:9")
        #expect(!d.hasErrors)
    }

    @Test func diskMustBeAList() {
        let (_, d, _) = buildDomain(minimalPV + "disk = 'phy:/dev/sda,xvda,w'\n")
        let e = d.errors(containing: "expected a list of strings, found string")
        #expect(e.count == 1)
        #expect(e.first?.hint?.contains("disk = [") == true)
    }

    @Test func nonStringDiskElementIsAnError() {
        let (_, d, _) = buildDomain(minimalPV + "disk = ['phy:/dev/sda,xvda,w', ['x']]\n")
        #expect(d.errors(containing: "expected a string in the list, found list").first?.at == "3:32")
    }

    @Test func vifsWithXmAndXlKeys() {
        let (c, d, _) = buildDomain(
            minimalPV
                + "vif = ['mac=00:16:3E:52:4D:CA,bridge=xenbr0,type=netfront', '', 'bridge=br1,mtu=9000,gatewaydev=eth0,vifname=v1,rate=10Mb/s@20ms,model=e1000,ip=10.0.0.2,script=vif-bridge,backend=dd']\n"
        )
        #expect(!d.hasErrors, "\(d.items)")
        #expect(c.vifs.count == 3)
        #expect(c.vifs[0].mac == "00:16:3e:52:4d:ca")
        #expect(c.vifs[0].type == "vif")
        #expect(c.vifs[2].mtu == 9000)
        #expect(c.vifs[2].gatewaydev == "eth0")
        #expect(c.vifs[2].rate == "10Mb/s@20ms")
        #expect(d.warnings(containing: "netfront").first?.at == "3:8")
    }

    @Test func malformedMACIsAnErrorAtTheElement() {
        let (_, d, _) = buildDomain(minimalPV + "vif = ['bridge=xenbr0', 'mac=00:16:3e:zz:01:02']\n")
        #expect(d.errors(containing: "malformed MAC").first?.at == "3:25")
    }

    @Test func vfbTopLevelAndList() {
        let (c, d, _) = buildDomain(
            minimalPV + "vfb = ['type=vnc,vncunused=1,vnclisten=0.0.0.0,vncpasswd=oracle']\nkeymap = 'de'\n")
        #expect(c.vfbs.count == 1)
        #expect(c.vfbs[0].vnc)
        #expect(c.vfbs[0].vncunused == true)
        #expect(c.vfbs[0].keymap == "de")
        #expect(d.warnings(containing: "type=vnc").count == 1)
        #expect(d.warnings(containing: "keymap").count == 1)
    }

    @Test func pvTopLevelVNCMakesAFramebuffer() {
        let (c, d, _) = buildDomain(minimalPV + "vnc = 1\nvnclisten = '127.0.0.1'\nvncdisplay = 3\nkeymap = 'fr'\n")
        #expect(!d.hasErrors)
        #expect(c.vfbs.count == 1)
        #expect(c.vfbs.first?.vnc == true)
        #expect(c.vfbs.first?.vncdisplay == 3)
        #expect(c.vfbs.first?.keymap == "fr")
        #expect(c.vnc == nil)
    }

    @Test func pciDevicesWithGlobalDefaults() {
        let (c, d, _) = buildDomain(
            minimalPV + "pci_msitranslate = 0\npci = ['0000:03:00.0', '04:00.1@5,permissive=1', '05:00.*']\n")
        #expect(!d.hasErrors, "\(d.items)")
        #expect(c.pcis.count == 3)
        #expect(c.pcis[0].bus == 3)
        #expect(c.pcis[0].msitranslate == false)
        #expect(c.pcis[1].vslot == 5)
        #expect(c.pcis[1].permissive == true)
        #expect(c.pcis[2].allFunctions)
        #expect(c.pciMsitranslate == false)
    }

    @Test func malformedPCIIsAnError() {
        let (_, d, _) = buildDomain(minimalPV + "pci = ['0000:03:00']\n")
        #expect(d.errors(containing: "malformed PCI spec").first?.at == "3:8")
        let (_, d2, _) = buildDomain(minimalPV + "pci = ['03:00.0', '0000:03:00.0']\n")
        #expect(d2.errors(containing: "already assigned").first?.at == "3:19")
    }

    @Test func vtpmChannelIoportsIrqs() {
        let (c, d, _) = buildDomain(
            minimalPV
                + "vtpm = ['backend=vtpmmgr,uuid=a1a301dd-46e9-440a-9012-34d8fb5ee097']\nchannel = ['name=org.qemu.guest_agent.0,connection=pty']\nioports = ['2f8-2ff', '378']\nirq = [7, '9']\n"
        )
        #expect(!d.hasErrors, "\(d.items)")
        #expect(c.vtpms.first?.backend == "vtpmmgr")
        #expect(c.channels.first?["connection"] == "pty")
        #expect(c.ioports == [IOPortRange(first: 0x2f8, count: 8), IOPortRange(first: 0x378, count: 1)])
        #expect(c.irqs == [7, 9])
        #expect(d.warnings(containing: "'irqs', not 'irq'").count == 1)
        #expect(buildDomain(minimalPV + "ioports = ['2ff-2f8']\n").1.errors(containing: "ioports").count == 1)
    }
}
