import ConfigParser
import Testing
import XenCore

@Suite("DomainConfig → libxl: PCI, framebuffers, vTPM, channels")
struct LibxlOtherDeviceTests {
    @Test func pciDevicesOfAPVGuestLikeXl() throws {
        var c = Sample.pv()
        var p = PciSpec()
        p.domain = 0
        p.bus = 3
        p.device = 0x1f
        p.function = 2
        p.vslot = 5
        p.original = "03:1f.2@5"
        var q = PciSpec()
        q.bus = 4
        q.permissive = false
        q.rdmPolicy = "relaxed"
        c.pcis = [p, q]
        c.pciPermissive = true
        c.pciMsitranslate = true
        let j = try LibxlJSONProbe(c)
        #expect(j.int("pcidevs.0.bus") == 3)
        #expect(j.int("pcidevs.0.dev") == 0x1f)
        #expect(j.int("pcidevs.0.func") == 2)
        #expect(j.int("pcidevs.0.vdevfn") == 5 << 3)
        #expect(j.int("pcidevs.0.vfunc_mask") == 1)
        #expect(j["pcidevs.0.permissive"] as? Bool == true, "pci_permissive is every device's default")
        #expect(j["pcidevs.0.msitranslate"] as? Bool == true)
        #expect(j["pcidevs.1.permissive"] == nil, "a device's own option wins")
        // xl copies u.hvm.rdm.policy even for PV, where the memory reads as 0: "strict".
        #expect(j.string("pcidevs.0.rdm_policy") == "strict")
        #expect(j.string("pcidevs.1.rdm_policy") == "relaxed")
        #expect(j.string("b_info.type.pv.e820_host") == "True")
    }

    @Test func pciOfAnHVMGuestKeepsTheInvalidDefaultPolicy() throws {
        var c = Sample.hvm()
        var p = PciSpec()
        p.bus = 1
        c.pcis = [p]
        let j = try LibxlJSONProbe(c)
        #expect(j["pcidevs.0.rdm_policy"] == nil)
    }

    @Test func pciAllFunctionsByNameAndSeize() throws {
        var c = Sample.hvm()
        var all = PciSpec()
        all.bus = 2
        all.device = 3
        all.allFunctions = true
        var named = PciSpec()
        named.name = "gpu0"
        c.pcis = [all, named]
        c.pciSeize = true
        let j = try LibxlJSONProbe(c)
        #expect(j.int("pcidevs.0.vfunc_mask") == Int(UInt32.max))
        #expect(j["pcidevs.0.func"] == nil)
        #expect(j.string("pcidevs.1.name") == "gpu0")
        #expect(j["pcidevs.1.bus"] == nil)
        #expect(j["pcidevs.0.seize"] as? Bool == true)
    }

    @Test func legacyIOPortsAndIRQs() throws {
        var c = Sample.pv()
        c.ioports = [IOPortRange(first: 0x3f8, count: 8)]
        c.irqs = [4, 7]
        let j = try LibxlJSONProbe(c)
        #expect(j.int("b_info.ioports.0.first") == 0x3f8)
        #expect(j.int("b_info.ioports.0.number") == 8)
        #expect(j.ints("b_info.irqs") == [4, 7])
    }

    @Test func pciAddressOutOfRangeIsRefused() {
        var c = Sample.hvm()
        var p = PciSpec()
        p.device = 0x20
        c.pcis = [p]
        #expect(throws: LibxlError.self) { try LibxlJSON.render(c) }
    }

    @Test func e820HostIsPVOnly() throws {
        var c = Sample.pv()
        c.e820Host = true
        #expect(try LibxlJSONProbe(c).string("b_info.type.pv.e820_host") == "True")
        var h = Sample.hvm()
        h.e820Host = true
        #expect(try LibxlJSONProbe(h)["b_info.type.hvm.e820_host"] == nil)
    }

    @Test func vfbListBringsAKeyboardPerFramebuffer() throws {
        var c = Sample.pv()
        var v = VfbSpec()
        v.vnc = true
        v.vnclisten = "0.0.0.0"
        v.vncdisplay = 1
        v.vncunused = false
        v.keymap = "en-us"
        var s = VfbSpec()
        s.sdl = true
        s.display = ":0"
        c.vfbs = [v, s]
        let j = try LibxlJSONProbe(c)
        #expect(j.count("vfbs") == 2)
        #expect(j.count("vkbs") == 2)
        #expect(j.int("vfbs.1.devid") == 1)
        #expect(j.int("vkbs.1.devid") == 1)
        #expect(j.string("vfbs.0.vnc.enable") == "True")
        #expect(j.string("vfbs.0.vnc.listen") == "0.0.0.0")
        #expect(j.int("vfbs.0.vnc.display") == 1)
        #expect(j.string("vfbs.0.vnc.findunused") == "False")
        #expect(j.string("vfbs.0.keymap") == "en-us")
        #expect(j.string("vfbs.1.sdl.enable") == "True")
        #expect(j.string("vfbs.1.vnc.enable") == "False", "SDL-only: VNC, libxl's default, is switched off")
        #expect(j.string("vfbs.1.sdl.display") == ":0")
    }

    @Test func topLevelVncOfAPVGuestMakesOneFramebuffer() throws {
        var c = Sample.pv()
        var vnc = VncSettings()
        vnc.listen = "127.0.0.1"
        c.vnc = vnc
        c.keymap = "fr"
        let j = try LibxlJSONProbe(c)
        #expect(j.count("vfbs") == 1)
        #expect(j.count("vkbs") == 1)
        #expect(j.string("vfbs.0.vnc.enable") == "True")
        #expect(j.string("vfbs.0.vnc.listen") == "127.0.0.1")
        #expect(j.string("vfbs.0.keymap") == "fr")

        var off = Sample.pv()
        var disabled = VncSettings()
        disabled.enabled = false
        off.vnc = disabled
        #expect(try LibxlJSONProbe(off)["vfbs"] == nil)
    }

    @Test func topLevelVncIsIgnoredWhenAVfbListExists() throws {
        var c = Sample.pv()
        var v = VfbSpec()
        v.vnc = true
        c.vfbs = [v]
        var vnc = VncSettings()
        vnc.listen = "10.1.1.1"
        c.vnc = vnc
        let j = try LibxlJSONProbe(c)
        #expect(j.count("vfbs") == 1)
        #expect(j["vfbs.0.vnc.listen"] == nil)
    }

    @Test func vtpmNeedsABackend() throws {
        var c = Sample.pv()
        var v = VtpmSpec()
        v.backend = "vtpmmgr"
        v.uuid = "5f3a1d52-9d2e-4a8b-8c1f-0123456789ab"
        v.instance = "1"
        c.vtpms = [v]
        let j = try LibxlJSONProbe(c)
        #expect(j.string("vtpms.0.backend_domname") == "vtpmmgr")
        #expect(j.string("vtpms.0.uuid") == "5f3a1d52-9d2e-4a8b-8c1f-0123456789ab")
        #expect(j.int("vtpms.0.devid") == 0)
        v.backend = nil
        c.vtpms = [v]
        #expect(throws: LibxlError.self) { try LibxlJSON.render(c) }
        v.backend = "a"
        v.uuid = "nope"
        c.vtpms = [v]
        #expect(throws: LibxlError.self) { try LibxlJSON.render(c) }
    }

    @Test func channelsByConnection() throws {
        var c = Sample.pv()
        c.channels = [
            ["name": "org.qemu.guest_agent.0", "connection": "socket", "path": "/run/qga.sock"],
            ["name": "console2", "connection": "pty", "colour": "ignored"],
        ]
        let j = try LibxlJSONProbe(c)
        #expect(j.string("channels.0.name") == "org.qemu.guest_agent.0")
        // libxl keys a keyed union by member: "connection.socket": {"path": ...}.
        let socket = (j["channels.0"] as? [String: Any])?["connection.socket"] as? [String: Any]
        #expect(socket?["path"] as? String == "/run/qga.sock")
        #expect((j["channels.1"] as? [String: Any])?["connection.pty"] != nil)
        #expect(j.int("channels.1.devid") == 1)
        c.channels = [["name": "x", "connection": "socket"]]
        #expect(throws: LibxlError.self) { try LibxlJSON.render(c) }
        c.channels = [["name": "x"]]
        #expect(throws: LibxlError.self) { try LibxlJSON.render(c) }
    }
}
