import ConfigParser
import Testing
import XenCore

@Suite("DomainConfig → libxl: boot")
struct LibxlBootTests {
    @Test func kernelRamdiskAndCmdlineLiveInBuildInfoIn417() throws {
        var c = Sample.pv()
        c.ramdisk = "/boot/initrd.img"
        c.cmdline = "root=/dev/xvda1 ro console=hvc0"
        let j = try LibxlJSONProbe(c)
        #expect(j.string("b_info.kernel") == "/boot/vmlinuz")
        #expect(j.string("b_info.ramdisk") == "/boot/initrd.img")
        #expect(j.string("b_info.cmdline") == "root=/dev/xvda1 ro console=hvc0")
        #expect(j["b_info.type.pv.kernel"] == nil, "the deprecated u.pv copy stays empty")
    }

    @Test(
        arguments: [
            ("/dev/xvda1", "ro quiet", "root=/dev/xvda1 ro quiet"),
            ("/dev/sda1", nil, "root=/dev/sda1"),
            (nil, "console=hvc0", "console=hvc0"),
        ] as [(String?, String?, String)])
    func rootAndExtraComposeLikeXl(root: String?, extra: String?, expected: String) throws {
        var c = Sample.pv()
        c.root = root
        c.extra = extra
        #expect(try LibxlJSONProbe(c).string("b_info.cmdline") == expected)
    }

    @Test func explicitCmdlineWinsOverRootAndExtra() throws {
        var c = Sample.pv()
        c.cmdline = "console=hvc0"
        c.root = "/dev/xvda1"
        c.extra = "quiet"
        #expect(try LibxlJSONProbe(c).string("b_info.cmdline") == "console=hvc0")
    }

    @Test func bootloaderAndItsArguments() throws {
        var c = DomainConfig()
        c.name = "ovm"
        c.bootloader = "/usr/bin/pygrub"
        c.bootloaderArgs = ["--entry=xvda1:/boot/vmlinuz", "-q"]
        let j = try LibxlJSONProbe(c)
        #expect(j.string("b_info.bootloader") == "/usr/bin/pygrub")
        #expect(j.strings("b_info.bootloader_args") == ["--entry=xvda1:/boot/vmlinuz", "-q"])
        #expect(j["b_info.kernel"] == nil)
    }

    @Test(arguments: [DomainConfig.GuestType.pv, .pvh])
    func paravirtualGuestWithNothingToBootIsRefused(type: DomainConfig.GuestType) {
        var c = DomainConfig()
        c.name = "x"
        c.type = type
        #expect(throws: LibxlError.nothingToBoot(type: type == .pv ? "PV" : "PVH")) { try LibxlJSON.render(c) }
    }

    @Test func hvmNeedsNoKernelAndDropsXmsHvmloader() throws {
        var c = Sample.hvm()
        #expect(try LibxlJSONProbe(c)["b_info.kernel"] == nil)
        c.kernel = "/usr/lib/xen/boot/hvmloader"
        #expect(try LibxlJSONProbe(c)["b_info.kernel"] == nil)
        c.kernel = "/boot/vmlinuz-direct"
        #expect(try LibxlJSONProbe(c).string("b_info.kernel") == "/boot/vmlinuz-direct")
    }

    @Test func basenameMatchesLibxlBasename() {
        #expect(DomainConfigMapper.basename("/usr/lib/xen/boot/hvmloader") == "hvmloader")
        #expect(DomainConfigMapper.basename("hvmloader") == "hvmloader")
        #expect(DomainConfigMapper.basename("/a/b/") == "b")
        #expect(DomainConfigMapper.basename("/") == "/")
    }

    @Test func pvhGuestHasItsOwnUnion() throws {
        var c = Sample.pv()
        c.type = .pvh
        let j = try LibxlJSONProbe(c)
        #expect(j.string("c_info.type") == "pvh")
        #expect(j["b_info.type.pvh"] != nil)
    }
}
