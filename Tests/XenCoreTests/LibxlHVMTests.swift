import ConfigParser
import Testing
import XenCore

@Suite("DomainConfig → libxl: HVM platform and emulated devices")
struct LibxlHVMTests {
    @Test func acpiAndApicAreInBuildInfoPaeAndHpetInTheHVMUnion() throws {
        var c = Sample.hvm()
        c.acpi = true
        c.apic = false
        c.pae = true
        c.hpet = false
        let j = try LibxlJSONProbe(c)
        #expect(j.string("b_info.acpi") == "True")
        #expect(j.string("b_info.apic") == "False")
        #expect(j["b_info.type.hvm.acpi"] == nil, "4.17 deprecates u.hvm.acpi")
        #expect(j["b_info.type.hvm.apic"] == nil)
        #expect(j.string("b_info.type.hvm.pae") == "True")
        #expect(j.string("b_info.type.hvm.hpet") == "False")
    }

    @Test func apicPaeAndHpetAreHVMOnlyButAcpiIsForEveryType() throws {
        var c = Sample.pv()
        c.acpi = false
        c.apic = true
        c.pae = true
        let j = try LibxlJSONProbe(c)
        #expect(j.string("b_info.acpi") == "False")
        #expect(j["b_info.apic"] == nil)
        #expect(j["b_info.type.pv.pae"] == nil)
    }

    @Test func timerModeIsTopLevelAndIgnoredForPV() throws {
        var c = Sample.hvm()
        c.timerMode = .noMissedTicksPending
        #expect(try LibxlJSONProbe(c).string("b_info.timer_mode") == "no_missed_ticks_pending")
        var pv = Sample.pv()
        pv.timerMode = .delayForMissedTicks
        #expect(try LibxlJSONProbe(pv)["b_info.timer_mode"] == nil)
    }

    @Test func clockNestingAndTsc() throws {
        var c = Sample.hvm()
        c.localtime = true
        c.rtcTimeoffset = 3600
        c.nestedHvm = true
        c.tscMode = "native"
        let j = try LibxlJSONProbe(c)
        #expect(j.string("b_info.localtime") == "True")
        #expect(j.int("b_info.rtc_timeoffset") == 3600)
        #expect(j.string("b_info.nested_hvm") == "True")
        #expect(j.string("b_info.tsc_mode") == "native")
    }

    @Test func tscModeByNumberAsXmWroteIt() throws {
        var c = Sample.hvm()
        c.tscMode = "1"
        #expect(try LibxlJSONProbe(c).string("b_info.tsc_mode") == "always_emulate")
        c.tscMode = "7"
        #expect(throws: LibxlError.self) { try LibxlJSON.render(c) }
        c.tscMode = "sometimes"
        #expect(throws: LibxlError.self) { try LibxlJSON.render(c) }
    }

    @Test func viridianListEnablesAndDisables() throws {
        var c = Sample.hvm()
        c.viridian = ["defaults", "time_ref_count", "!hcall_remote_tlb_flush"]
        let j = try LibxlJSONProbe(c)
        #expect(j.string("b_info.type.hvm.viridian") == "True")
        // enlightenment numbers from libxl_types.idl: time_ref_count 2, hcall_remote_tlb_flush 4.
        #expect(j.ints("b_info.type.hvm.viridian_enable") == [2])
        #expect(j.ints("b_info.type.hvm.viridian_disable") == [4])
    }

    @Test func viridianEmptyListIsOffAndAllSetsEveryBit() throws {
        var c = Sample.hvm()
        c.viridian = []
        #expect(try LibxlJSONProbe(c).string("b_info.type.hvm.viridian") == "False")
        c.viridian = ["all"]
        #expect(try LibxlJSONProbe(c).ints("b_info.type.hvm.viridian_enable")?.count == 64)
        c.viridian = ["warp_drive"]
        #expect(throws: LibxlError.self) { try LibxlJSON.render(c) }
    }

    @Test func emulatedDevices() throws {
        var c = Sample.hvm()
        c.boot = "dc"
        c.serial = ["pty"]
        c.usb = true
        c.usbdevices = ["tablet"]
        c.soundhw = "ac97"
        c.nographic = false
        c.xenPlatformPci = true
        c.keymap = "de"
        c.stdvga = true
        let j = try LibxlJSONProbe(c)
        #expect(j.string("b_info.type.hvm.boot") == "dc")
        #expect(j.string("b_info.type.hvm.serial") == "pty")
        #expect(j["b_info.type.hvm.serial_list"] == nil)
        #expect(j.string("b_info.type.hvm.usb") == "True")
        #expect(j.string("b_info.type.hvm.usbdevice") == "tablet")
        #expect(j.string("b_info.type.hvm.soundhw") == "ac97")
        #expect(j.string("b_info.type.hvm.nographic") == "False")
        #expect(j.string("b_info.type.hvm.xen_platform_pci") == "True")
        #expect(j.string("b_info.type.hvm.keymap") == "de")
        #expect(j.string("b_info.type.hvm.vga.kind") == "std")
    }

    @Test func severalSerialsAndUsbDevicesUseTheListForms() throws {
        var c = Sample.hvm()
        c.serial = ["pty", "file:/tmp/s1"]
        c.usbdevices = ["tablet", "mouse"]
        let j = try LibxlJSONProbe(c)
        #expect(j.strings("b_info.type.hvm.serial_list") == ["pty", "file:/tmp/s1"])
        #expect(j.strings("b_info.type.hvm.usbdevice_list") == ["tablet", "mouse"])
        #expect(j["b_info.type.hvm.serial"] == nil)
    }

    @Test func vgaNameWinsOverStdvgaAndUnknownNamesAreRefused() throws {
        var c = Sample.hvm()
        c.vga = "cirrus"
        c.stdvga = true
        #expect(try LibxlJSONProbe(c).string("b_info.type.hvm.vga.kind") == "cirrus")
        c.vga = "voodoo"
        #expect(throws: LibxlError.self) { try LibxlJSON.render(c) }
    }

    @Test func vncAndSdlOfAnHVMGuestGoToTheDeviceModel() throws {
        var c = Sample.hvm()
        var vnc = VncSettings()
        vnc.listen = "0.0.0.0"
        vnc.display = 3
        vnc.findUnused = false
        vnc.password = "secret"
        c.vnc = vnc
        var sdl = SdlSettings()
        sdl.enabled = false
        c.sdl = sdl
        let j = try LibxlJSONProbe(c)
        #expect(j.string("b_info.type.hvm.vnc.enable") == "True")
        #expect(j.string("b_info.type.hvm.vnc.listen") == "0.0.0.0")
        #expect(j.int("b_info.type.hvm.vnc.display") == 3)
        #expect(j.string("b_info.type.hvm.vnc.findunused") == "False")
        #expect(j.string("b_info.type.hvm.vnc.passwd") == "secret")
        #expect(j.string("b_info.type.hvm.sdl.enable") == "False")
        #expect(j["vfbs"] == nil, "an HVM guest's display is emulated, not a PV framebuffer")
    }

    @Test func displayInBothVnclistenAndVncdisplayIsContradictory() {
        var c = Sample.hvm()
        var vnc = VncSettings()
        vnc.listen = "127.0.0.1:1"
        vnc.display = 2
        c.vnc = vnc
        #expect(throws: LibxlError.self) { try LibxlJSON.render(c) }
    }

    @Test func deviceModelSelection() throws {
        var c = Sample.hvm()
        c.deviceModelVersion = "qemu-xen"
        c.deviceModelOverride = "/usr/bin/qemu-system-i386"
        c.deviceModelArgs = ["-d", "guest_errors"]
        let j = try LibxlJSONProbe(c)
        #expect(j.string("b_info.device_model_version") == "qemu_xen")
        #expect(j.string("b_info.device_model") == "/usr/bin/qemu-system-i386")
        #expect(j.strings("b_info.extra") == ["-d", "guest_errors"])
        c.deviceModelVersion = "qemu-dm"
        #expect(throws: LibxlError.self) { try LibxlJSON.render(c) }
    }
}

@Suite("vm.cfg → libxl: forms xl keeps apart (found by comparing with xl -N in real dom0)")
struct LibxlFormTests {
    private func probe(_ text: String) throws -> LibxlJSONProbe {
        let loaded = ConfigLoader.load(text: text, path: "t.cfg")
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.items)")
        return try LibxlJSONProbe(loaded.config)
    }

    private let hvm = "name = 'h'\ntype = 'hvm'\nmemory = 256\n"

    @Test func serialAndUsbdeviceKeepTheFormTheFileUsed() throws {
        let listed = try probe(hvm + "serial = ['pty']\nusbdevice = ['tablet']\n")
        #expect(listed["b_info.type.hvm.serial_list"] as? [String] == ["pty"])
        #expect(listed["b_info.type.hvm.serial"] == nil)
        #expect(listed["b_info.type.hvm.usbdevice_list"] as? [String] == ["tablet"])
        let single = try probe(hvm + "serial = 'pty'\nusbdevice = 'tablet'\n")
        #expect(single.string("b_info.type.hvm.serial") == "pty")
        #expect(single["b_info.type.hvm.serial_list"] == nil)
        #expect(single.string("b_info.type.hvm.usbdevice") == "tablet")
    }

    @Test func firmwareAndBios() throws {
        #expect(try probe(hvm + "firmware = 'seabios'\n").string("b_info.type.hvm.bios") == "seabios")
        #expect(try probe(hvm + "firmware = 'uefi'\n").string("b_info.type.hvm.bios") == "ovmf")
        #expect(try probe(hvm + "bios = 'rombios'\n").string("b_info.type.hvm.bios") == "rombios")
        #expect(try probe(hvm + "firmware = '/opt/fw.bin'\n").string("b_info.type.hvm.firmware") == "/opt/fw.bin")
        let pv = try probe("name = 'p'\nmemory = 128\nfirmware = 'pvgrub64'\n")
        #expect(pv.string("b_info.kernel") == "/usr/lib/xen-4.17/boot/pvgrub64.bin")
        let bad = ConfigLoader.load(text: "name = 'p'\nmemory = 128\nfirmware = 'seabios'\n", path: "t.cfg")
        #expect(bad.diagnostics.errors.first?.range.start == ConfigParser.SourceLocation(line: 3, column: 12))
    }
}
