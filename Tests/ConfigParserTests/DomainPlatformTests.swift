import ConfigParser
import Testing

let minimalHVM = "name = 'win'\nbuilder = 'hvm'\n"

@Suite struct DomainPlatformTests {
    @Test func booleansAcceptXmSpellings() {
        let (c, d, _) = buildDomain(
            minimalHVM + "acpi = 1\napic = True\npae = '1'\nhap = 0\nhpet = False\nlocaltime = 'yes'\n")
        #expect(c.acpi == true)
        #expect(c.apic == true)
        #expect(c.pae == true)
        #expect(c.hap == false)
        #expect(c.hpet == false)
        #expect(c.localtime == true)
        #expect(!d.hasErrors)
        // 'yes' is xm's command-line spelling; xl reads only numbers.
        #expect(d.warnings(containing: "xl reads only numbers").first?.at == "8:13")
    }

    @Test func nonBooleanIsAnError() {
        let (_, d, _) = buildDomain(minimalHVM + "acpi = 'maybe'\n")
        #expect(d.errors(containing: "expected a boolean").first?.at == "3:8")
        #expect(
            buildDomain(minimalHVM + "acpi = [1]\n").1.errors(containing: "expected a boolean (0 or 1), found list")
                .count == 1)
    }

    @Test func hvmOnlyKeysWarnForPV() {
        let (c, d, _) = buildDomain(minimalPV + "pae = 1\nboot = 'c'\nserial = 'pty'\n")
        #expect(c.pae == nil)
        #expect(c.boot == nil)
        #expect(c.serial.isEmpty)
        #expect(d.warnings(containing: "HVM guests only").map(\.at) == ["3:1", "4:1", "5:1"])
    }

    @Test func timerModeNumberOrName() {
        let (c, d, _) = buildDomain(minimalHVM + "timer_mode = 2\n")
        #expect(c.timerMode == .noMissedTicksPending)
        #expect(d.warnings(containing: "deprecated").count == 1)
        #expect(
            buildDomain(minimalHVM + "timer_mode = 'one_missed_tick_pending'\n").0.timerMode == .oneMissedTickPending)
        #expect(buildDomain(minimalHVM + "timer_mode = 7\n").1.errors(containing: "out of range").count == 1)
        #expect(buildDomain(minimalHVM + "timer_mode = 'fast'\n").1.errors(containing: "unknown timer_mode").count == 1)
    }

    @Test func tscMode() {
        #expect(buildDomain(minimalPV + "tsc_mode = 'native'\n").0.tscMode == "native")
        #expect(buildDomain(minimalPV + "tsc_mode = 1\n").0.tscMode == "always_emulate")
        #expect(buildDomain(minimalPV + "tsc_mode = 'fast'\n").1.hasErrors)
    }

    @Test func viridianForms() {
        #expect(buildDomain(minimalHVM + "viridian = 1\n").0.viridian == ["defaults"])
        #expect(buildDomain(minimalHVM + "viridian = 0\n").0.viridian == [])
        let (c, d, _) = buildDomain(minimalHVM + "viridian = ['base', '!freq', 'stimer']\n")
        #expect(c.viridian == ["base", "!freq", "stimer"])
        #expect(!d.hasErrors)
        let (_, bad, _) = buildDomain(minimalHVM + "viridian = ['base', 'stimr']\n")
        #expect(bad.errors(containing: "unknown viridian").first?.hint == "did you mean 'stimer'?")
    }

    @Test func serialAndUsbdevice() {
        #expect(buildDomain(minimalHVM + "serial = 'pty'\n").0.serial == ["pty"])
        #expect(buildDomain(minimalHVM + "serial = ['pty', 'file:/tmp/s']\n").0.serial == ["pty", "file:/tmp/s"])
        #expect(buildDomain(minimalHVM + "usbdevice = 'tablet'\nusb = 1\n").0.usbdevices == ["tablet"])
    }

    @Test func hvmVNCSettings() {
        let (c, d, _) = buildDomain(
            minimalHVM + "vnc = 1\nvnclisten = '0.0.0.0'\nvncunused = '1'\nvncpasswd = ''\nsdl = 0\n")
        #expect(c.vnc?.enabled == true)
        #expect(c.vnc?.listen == "0.0.0.0")
        #expect(c.vnc?.findUnused == true)
        #expect(c.vnc?.password == "")
        #expect(c.sdl?.enabled == false)
        #expect(!d.hasErrors)
        let (_, both, _) = buildDomain(minimalHVM + "vnclisten = '0.0.0.0:1'\nvncdisplay = 2\n")
        #expect(both.errors(containing: "both in vnclisten").first?.at == "4:14")
    }

    @Test func deviceModelKeys() {
        let (c, d, _) = buildDomain(minimalHVM + "device_model = '/usr/lib/xen/bin/qemu-dm'\n")
        #expect(c.deviceModelOverride == nil)
        #expect(d.warnings(containing: "qemu-dm").first?.at == "3:16")
        let (c2, d2, _) = buildDomain(
            minimalHVM
                + "device_model_version = 'qemu-xen'\ndevice_model_override = '/usr/bin/qemu-system-i386'\ndevice_model_args = ['-d', 'guest_errors']\n"
        )
        #expect(c2.deviceModelVersion == "qemu-xen")
        #expect(c2.deviceModelOverride == "/usr/bin/qemu-system-i386")
        #expect(c2.deviceModelArgs == ["-d", "guest_errors"])
        #expect(!d2.hasErrors)
        #expect(
            buildDomain(minimalHVM + "device_model_version = 'qemu'\n").1.errors(containing: "device_model_version")
                .count == 1)
    }

    @Test func vgaNames() {
        #expect(buildDomain(minimalHVM + "vga = 'stdvga'\n").0.vga == "stdvga")
        #expect(buildDomain(minimalHVM + "vga = 'vesa'\n").1.errors(containing: "unknown vga").count == 1)
    }

    @Test func rtcOffsetMayBeNegative() {
        #expect(buildDomain(minimalHVM + "rtc_timeoffset = -3600\n").0.rtcTimeoffset == -3600)
    }
}
