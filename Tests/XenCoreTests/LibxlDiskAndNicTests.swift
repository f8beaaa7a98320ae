import ConfigParser
import Testing
import XenCore

@Suite("DomainConfig → libxl: disks and network interfaces")
struct LibxlDiskAndNicTests {
    @Test func writableAndReadOnlyDisks() throws {
        var c = Sample.pv()
        c.disks = [Sample.disk("/dev/vg/root", "xvda"), Sample.disk("/OVS/iso/tools.img", "xvdb", readOnly: true)]
        let j = try LibxlJSONProbe(c)
        #expect(j.count("disks") == 2)
        #expect(j.string("disks.0.pdev_path") == "/dev/vg/root")
        #expect(j.string("disks.0.vdev") == "xvda")
        #expect(j.string("disks.0.format") == "raw", "xlu_disk_parse makes an unnamed format raw")
        #expect(j.int("disks.0.readwrite") == 1)
        #expect(j["disks.0.backend"] == nil, "left for libxl to choose")
        #expect(j["disks.0.devid"] == nil, "xl does not number disks")
        #expect(j["disks.1.readwrite"] == nil, "0 is libxl's default and not printed")
    }

    @Test func emptyCdromIsRemovableReadOnlyAndOfFormatEmpty() throws {
        var c = Sample.hvm()
        c.disks = [Sample.disk("", "hdc", cdrom: true)]
        let j = try LibxlJSONProbe(c)
        #expect(j.string("disks.0.pdev_path") == "", "an empty target is kept as xlu_disk_parse keeps it")
        c.disks[0].hasTarget = false
        let absent = try LibxlJSONProbe(c)
        #expect(absent["disks.0.pdev_path"] == nil, "no target at all: xlu_disk_parse leaves pdev_path NULL")
        #expect(absent.string("disks.0.format") == "empty")
        #expect(j.string("disks.0.format") == "empty")
        #expect(j.int("disks.0.is_cdrom") == 1)
        #expect(j.int("disks.0.removable") == 1)
        #expect(j["disks.0.readwrite"] == nil)
    }

    @Test func cdromWithAnImageKeepsItsFormat() throws {
        var c = Sample.hvm()
        var d = Sample.disk("/OVS/iso/install.iso", "hdc", cdrom: true)
        d.format = .raw
        c.disks = [d]
        let j = try LibxlJSONProbe(c)
        #expect(j.string("disks.0.format") == "raw")
        #expect(j.int("disks.0.is_cdrom") == 1)
    }

    @Test func formatBackendScriptAndFlags() throws {
        var c = Sample.pv()
        var d = Sample.disk("/var/lib/xen/images/vm.qcow2", "xvda")
        d.format = .qcow2
        d.backendType = .qdisk
        d.backendDomain = "storage-dom"
        d.script = "block-iscsi"
        d.directIOSafe = true
        d.discard = false
        d.forceShared = true
        d.trusted = false
        d.specification = .virtio
        d.colo = true
        d.coloHost = "10.0.0.2"
        d.coloPort = 9000
        d.coloExport = "exp"
        d.activeDisk = "/a.qcow2"
        d.hiddenDisk = "/h.qcow2"
        c.disks = [d]
        let j = try LibxlJSONProbe(c)
        #expect(j.string("disks.0.trusted") == "False")
        #expect(j.string("disks.0.specification") == "virtio")
        #expect(j.string("disks.0.colo_enable") == "True")
        #expect(j.string("disks.0.colo_host") == "10.0.0.2")
        #expect(j.int("disks.0.colo_port") == 9000)
        #expect(j.string("disks.0.colo_export") == "exp")
        #expect(j.string("disks.0.active_disk") == "/a.qcow2")
        #expect(j.string("disks.0.hidden_disk") == "/h.qcow2")
        #expect(j.string("disks.0.format") == "qcow2")
        #expect(j.string("disks.0.backend") == "qdisk")
        #expect(j.string("disks.0.backend_domname") == "storage-dom")
        #expect(j.string("disks.0.script") == "block-iscsi")
        #expect(j["disks.0.direct_io_safe"] as? Bool == true)
        #expect(j.string("disks.0.discard_enable") == "False")
        #expect(j.int("disks.0.readwrite") == 1, "w! is plain read-write to libxl")
    }

    @Test func diskWithoutVdevOrTargetIsRefused() {
        var c = Sample.pv()
        c.disks = [Sample.disk("/dev/sda", "")]
        #expect(throws: LibxlError.self) { try LibxlJSON.render(c) }
        c.disks = [Sample.disk("", "xvda")]
        #expect(throws: LibxlError.self) { try LibxlJSON.render(c) }
    }

    @Test func nicsAreNumberedInOrderWithTheirSettings() throws {
        var c = Sample.pv()
        var a = VifSpec()
        a.mac = "00:16:3e:0a:0b:0c"
        a.bridge = "xenbr0"
        a.script = "vif-bridge"
        var b = VifSpec()
        b.type = "ioemu"
        b.model = "e1000"
        b.vifname = "vif-web"
        b.ip = "10.0.0.5"
        b.backend = "netdom"
        b.gatewaydev = "eth1"
        b.mtu = 9000
        b.rate = "10MB/s"
        b.trusted = false
        b.colo = ["forwarddev": "eth2", "colo_checkpoint_port": "9001", "colo_bogus": "x"]
        var d = VifSpec()
        d.devid = 7
        c.vifs = [a, b, d]
        let j = try LibxlJSONProbe(c)
        #expect(j.int("nics.0.devid") == 0)
        #expect(j.int("nics.1.devid") == 1)
        #expect(j.string("nics.0.mac") == "00:16:3e:0a:0b:0c")
        #expect(j.string("nics.0.bridge") == "xenbr0")
        #expect(j.string("nics.0.script") == "vif-bridge")
        #expect(j.string("nics.1.nictype") == "vif_ioemu")
        #expect(j.string("nics.1.model") == "e1000")
        #expect(j.string("nics.1.ifname") == "vif-web")
        #expect(j.string("nics.1.ip") == "10.0.0.5")
        #expect(j.string("nics.1.backend_domname") == "netdom")
        #expect(j.string("nics.1.gatewaydev") == "eth1")
        #expect(j.int("nics.1.mtu") == 9000)
        // 10 MB/s over the default 50 ms window: 500000 bytes.
        #expect(j.int("nics.1.rate_bytes_per_interval") == 500_000)
        #expect(j.int("nics.1.rate_interval_usecs") == 50_000)
        #expect(j.string("nics.1.trusted") == "False")
        #expect(j.string("nics.1.coloft_forwarddev") == "eth2")
        #expect(j.string("nics.1.colo_checkpoint_port") == "9001")
        #expect(j.int("nics.2.devid") == 7, "an explicit devid wins over the position")
    }

    @Test func badNicValuesAreRefused() {
        for edit in [
            { (v: inout VifSpec) in v.mac = "00:16:3e:zz:00:01" },
            { (v: inout VifSpec) in v.type = "netfront" },
            { (v: inout VifSpec) in v.rate = "fast" },
            { (v: inout VifSpec) in v.mtu = 0 },
        ] {
            var c = Sample.pv()
            var v = VifSpec()
            edit(&v)
            c.vifs = [v]
            #expect(throws: LibxlError.self) { try LibxlJSON.render(c) }
        }
    }
}
