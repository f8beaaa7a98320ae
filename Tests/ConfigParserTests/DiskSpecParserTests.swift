import ConfigParser
import Testing

/// Expected results were taken from libxlutil's xlu_disk_parse (Debian's Xen 4.17.7 build) for
/// the same strings, except where a test says the difference is intentional.
@Suite struct DiskSpecParserTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let spec: String
        let target: String
        let format: DiskSpec.Format
        let vdev: String
        let readOnly: Bool
        var cdrom = false
        var testDescription: String { spec }
    }

    static let accepted: [Case] = [
        Case(spec: "phy:/dev/sda1,xvda,w", target: "/dev/sda1", format: .raw, vdev: "xvda", readOnly: false),
        Case(spec: ",hdc:cdrom,r", target: "", format: .empty, vdev: "hdc", readOnly: true, cdrom: true),
        Case(spec: " ,hdc:cdrom,r", target: "", format: .empty, vdev: "hdc", readOnly: true, cdrom: true),
        Case(spec: "tap:aio:/x.img,xvda,w", target: "/x.img", format: .raw, vdev: "xvda", readOnly: false),
        Case(
            spec: "tap:qcow2:/var/img.qcow2,xvda,w", target: "/var/img.qcow2", format: .qcow2, vdev: "xvda",
            readOnly: false),
        Case(
            spec: "tap:qcow:/var/img.qcow,xvda,w", target: "/var/img.qcow", format: .qcow, vdev: "xvda", readOnly: false
        ),
        Case(spec: "tap:vhd:/var/img.vhd,xvda,w", target: "/var/img.vhd", format: .vhd, vdev: "xvda", readOnly: false),
        Case(spec: "tap2:tapdisk:aio:/var/img,xvda,w", target: "/var/img", format: .raw, vdev: "xvda", readOnly: false),
        Case(
            spec: "tap:tapdisk:qcow2:/var/img,xvda,w", target: "/var/img", format: .qcow2, vdev: "xvda", readOnly: false
        ),
        Case(
            spec: "file:/OVS/running_pool/vm1/System.img,xvda,w", target: "/OVS/running_pool/vm1/System.img",
            format: .raw, vdev: "xvda", readOnly: false),
        Case(
            spec: "file:/OVS/Repositories/0004fb/ISOs/x.iso,xvdb:cdrom,r",
            target: "/OVS/Repositories/0004fb/ISOs/x.iso", format: .raw, vdev: "xvdb", readOnly: true, cdrom: true),
        Case(spec: "phy:sdb,xvdb,r", target: "sdb", format: .raw, vdev: "xvdb", readOnly: true),
        Case(spec: "file:/a b/c.img,xvda,w", target: "/a b/c.img", format: .raw, vdev: "xvda", readOnly: false),
        Case(spec: "ioemu:/x,hda,w", target: "/x", format: .raw, vdev: "hda", readOnly: false),
        Case(spec: "file:/x,ioemu:hda,w", target: "/x", format: .raw, vdev: "hda", readOnly: false),
        Case(spec: "aio:/x,xvda,w", target: "/x", format: .raw, vdev: "xvda", readOnly: false),
        Case(spec: "qcow2:/x,xvda,w", target: "/x", format: .qcow2, vdev: "xvda", readOnly: false),
        Case(spec: "vhd:/x,xvda", target: "/x", format: .vhd, vdev: "xvda", readOnly: false),
        Case(spec: "file:/x,xvda:disk,w", target: "/x", format: .raw, vdev: "xvda", readOnly: false),
        Case(
            spec: "/dev/vg/guest-volume,,hda", target: "/dev/vg/guest-volume", format: .raw, vdev: "hda",
            readOnly: false),
        Case(
            spec: "/dev/vg/guest-volume,raw,hda,rw", target: "/dev/vg/guest-volume", format: .raw, vdev: "hda",
            readOnly: false),
        Case(
            spec: "format=raw, vdev=hda, access=rw, target=/dev/vg/guest-volume", target: "/dev/vg/guest-volume",
            format: .raw, vdev: "hda", readOnly: false),
        Case(
            spec: "raw:/dev/vg/guest-volume,hda,w", target: "/dev/vg/guest-volume", format: .raw, vdev: "hda",
            readOnly: false),
        Case(
            spec: "/root/image.iso,,hdc,cdrom", target: "/root/image.iso", format: .raw, vdev: "hdc", readOnly: true,
            cdrom: true),
        Case(
            spec: "/root/image.iso,,hdc,,cdrom", target: "/root/image.iso", format: .raw, vdev: "hdc", readOnly: true,
            cdrom: true),
        Case(
            spec: "/root/image.iso,raw,hdc,devtype=cdrom", target: "/root/image.iso", format: .raw, vdev: "hdc",
            readOnly: true, cdrom: true),
        Case(
            spec: "format=raw, vdev=hdc, access=ro, devtype=cdrom, target=/root/image.iso", target: "/root/image.iso",
            format: .raw, vdev: "hdc", readOnly: true, cdrom: true),
        Case(
            spec: "raw:/root/image.iso,hdc:cdrom,ro", target: "/root/image.iso", format: .raw, vdev: "hdc",
            readOnly: true, cdrom: true),
        Case(spec: "/dev/sdb,qcow2,xvdb,r", target: "/dev/sdb", format: .qcow2, vdev: "xvdb", readOnly: true),
        Case(spec: "/dev/sdb,qed,xvdb", target: "/dev/sdb", format: .qed, vdev: "xvdb", readOnly: false),
        Case(spec: "vdev=xvda,target=/x", target: "/x", format: .raw, vdev: "xvda", readOnly: false),
        Case(spec: "vdev=xvda,target=", target: "", format: .raw, vdev: "xvda", readOnly: false),
        Case(spec: "vdev=xvda,devtype=cdrom", target: "", format: .empty, vdev: "xvda", readOnly: true, cdrom: true),
        Case(
            spec: " format=raw, vdev=hda, access=rw, target=/a,b", target: "/a,b", format: .raw, vdev: "hda",
            readOnly: false),
        Case(spec: "/x,raw,xvda,", target: "/x", format: .raw, vdev: "xvda", readOnly: false),
        Case(spec: ",,xvda", target: "", format: .raw, vdev: "xvda", readOnly: false),
        Case(spec: "format=qcow2,/x,xvda", target: "/x", format: .qcow2, vdev: "xvda", readOnly: false),
        Case(spec: "/x,format=qcow2,xvda", target: "/x", format: .qcow2, vdev: "xvda", readOnly: false),
        Case(spec: "/x,raw,xvda,format=raw", target: "/x", format: .raw, vdev: "xvda", readOnly: false),
        Case(spec: "vdev=xvda,xvdb", target: "xvdb", format: .raw, vdev: "xvda", readOnly: false),
        Case(spec: "/x,raw,xvda, r", target: "/x", format: .raw, vdev: "xvda", readOnly: true),
        Case(spec: "x,,xvda,,cdrom", target: "x", format: .raw, vdev: "xvda", readOnly: true, cdrom: true),
        // Trailing blanks after a positional parameter belong to it, as in flex's [^=,]+.
        Case(spec: "/a ,, xvda  ", target: "/a ", format: .raw, vdev: "xvda  ", readOnly: false),
    ]

    @Test(arguments: accepted)
    func parsesLikeLibxlutil(_ c: Case) throws {
        let disk = try DiskSpecParser.parse(c.spec).get()
        #expect(disk.target == c.target)
        #expect(disk.format == c.format)
        #expect(disk.vdev == c.vdev)
        #expect(disk.readOnly == c.readOnly)
        #expect(disk.isCdrom == c.cdrom)
        #expect(disk.original == c.spec)
    }

    static let rejected: [(spec: String, message: String)] = [
        ("/dev/sda1,xvda,w", "unknown value for format"),
        ("foo:/bar,xvda", "unknown deprecated disk prefix"),
        ("/dev/sdb,vhd,xvdb,w,extra", "too many positional parameters"),
        ("target=/x,vdev=xvda", "no vdev specified"),
        ("vdev=xvda,devtype=floppy", "unknown value for devtype"),
        ("vdev=xvda,backendtype=foo,target=/x", "unknown value for backendtype"),
        ("/x,raw,xvda,rw,specification=foo", "unknown value for specification"),
        ("/x,raw,xvda,rx", "unknown value for access"),
        ("/x", "no vdev specified"),
        ("cdrom", "no vdev specified"),
        ("cdrom,hdc", "no vdev specified"),
        ("hdc:cdrom", "no vdev specified"),
        ("/x,raw,xvda,format=qcow2", "format respecified"),
        ("vdev=xvda,vdev=xvdb,target=/x", "vdev respecified"),
        ("file:/x,xvda:floppy,w", "unknown deprecated type"),
        ("a=b", "unknown parameter"),
        ("/x,raw,xvda,r,foo=bar", "unknown parameter"),
        ("/x,raw,xvda,r,foo=", "too many positional parameters"),
        ("Format=raw", "bad disk syntax"),
        ("devtype=cdromx,vdev=hdc", "unknown value for devtype"),
        ("discardx,xvda", "unknown value for format"),
        ("colo-port=0,vdev=xvda,target=/x", "unknown value for colo-port"),
        ("", "no vdev specified"),
    ]

    @Test(arguments: rejected)
    func rejectsLikeLibxlutil(_ c: (spec: String, message: String)) {
        guard case .failure(let e) = DiskSpecParser.parse(c.spec) else {
            Issue.record("'\(c.spec)' was accepted")
            return
        }
        #expect(e.message.contains(c.message), "\(e)")
        #expect(e.spec == c.spec)
    }

    @Test func errorNamesTheOffendingPart() throws {
        guard case .failure(let e) = DiskSpecParser.parse("/x,raw,xvda,rx") else {
            Issue.record("accepted")
            return
        }
        #expect(e.near == "rx")
        guard case .failure(let f) = DiskSpecParser.parse("Format=raw") else {
            Issue.record("accepted")
            return
        }
        #expect(f.near == "=raw")
    }

    @Test func prefixlessXmSpecGetsAHintAboutTheFormatField() {
        guard case .failure(let e) = DiskSpecParser.parse("/dev/sda1,xvda,w") else {
            Issue.record("accepted")
            return
        }
        #expect(e.message.contains("looks like a vdev"))
        guard case .failure(let f) = DiskSpecParser.parse("/x,zzz,xvda") else {
            Issue.record("accepted")
            return
        }
        #expect(!f.message.contains("looks like a vdev"))
        #expect(f.message.contains("qcow2"))
    }

    @Test func keyValueOptionsAndFlags() throws {
        let d = try DiskSpecParser.parse(
            "vdev=xvda,backendtype=qdisk,backend=dd,script=block-iscsi,specification=virtio,direct-io-safe,no-discard,colo,colo-host=h,colo-port=9000,colo-export=e,active-disk=a,hidden-disk=hd,target=iqn.x:1"
        ).get()
        #expect(d.backendType == .qdisk)
        #expect(d.backendDomain == "dd")
        #expect(d.script == "block-iscsi")
        #expect(d.specification == .virtio)
        #expect(d.directIOSafe == true)
        #expect(d.discard == false)
        #expect(d.colo)
        #expect(d.coloHost == "h")
        #expect(d.coloPort == 9000)
        #expect(d.coloExport == "e")
        #expect(d.activeDisk == "a")
        #expect(d.hiddenDisk == "hd")
        #expect(d.target == "iqn.x:1")
        #expect(try DiskSpecParser.parse("/x,raw,xvda,rw,discard").get().discard == true)
        #expect(try DiskSpecParser.parse("/x,raw,xvda,rw,colo,no-colo").get().colo == false)
        #expect(try DiskSpecParser.parse("vdev=xvda,backendtype=tap,target=/x").get().backendType == .tap)
    }

    @Test func deprecatedScriptPrefixesBecomeBlockScripts() throws {
        #expect(try DiskSpecParser.parse("nbd:host:1234,xvda").get().script == "block-nbd")
        #expect(try DiskSpecParser.parse("nbd:host:1234,xvda").get().target == "host:1234")
        #expect(try DiskSpecParser.parse("iscsi:iqn.2001-05.com.example:disk,xvda,w").get().script == "block-iscsi")
        #expect(try DiskSpecParser.parse("drbd:res0,xvda,w").get().script == "block-drbd")
        #expect(try DiskSpecParser.parse("enbd:x,xvda,w").get().script == "block-enbd")
    }

    @Test func xmPrefixesAreRememberedForSXP() throws {
        #expect(try DiskSpecParser.parse("tap:aio:/x.img,xvda,w").get().xmUname == "tap:aio:")
        #expect(try DiskSpecParser.parse("phy:/dev/sda1,xvda,w").get().xmUname == "phy:")
        #expect(try DiskSpecParser.parse("/x,raw,xvda").get().xmUname == nil)
    }

    // Trusted/untrusted are in the 4.17 lexer source, but the generated scanner shipped in 4.17.7
    // predates them, so the installed xlu_disk_parse rejects them. We follow the documented syntax.
    @Test func trustedFlagsFollowTheDocumentedSyntax() throws {
        #expect(try DiskSpecParser.parse("/x,raw,xvda,rw,trusted").get().trusted == true)
        #expect(try DiskSpecParser.parse("/x,raw,xvda,rw,untrusted").get().trusted == false)
        #expect(try DiskSpecParser.parse("/x,raw,xvda,rw").get().trusted == nil)
    }

    // Intentional difference: xlu rejects w!, xm accepted it.
    @Test func sharedWriteIsAcceptedWithAWarning() throws {
        var warnings: [String] = []
        let d = try DiskSpecParser.parse("phy:/dev/x,xvda,w!", warnings: &warnings).get()
        #expect(!d.readOnly)
        #expect(d.forceShared)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("no libxl equivalent") == true)
        var none: [String] = []
        #expect(try !DiskSpecParser.parse("phy:/dev/x,xvda,w", warnings: &none).get().forceShared)
        #expect(none.isEmpty)
    }

    // Intentional difference: xm's 4th and 5th fields; xlu says "too many positional parameters".
    @Test func xmBackendAndProtocolFields() throws {
        var warnings: [String] = []
        let d = try DiskSpecParser.parse("phy:/dev/x,xvda,w,dom1,x86_32-abi", warnings: &warnings).get()
        #expect(d.backendDomain == "dom1")
        #expect(d.xmProtocol == "x86_32-abi")
        #expect(warnings.count == 2)
        // Without an xm prefix the spec is xl's, where a fifth positional field is an error.
        #expect((try? DiskSpecParser.parse("/x,raw,xvda,w,dom1").get()) == nil)
        // A sixth field is too many even for xm.
        #expect((try? DiskSpecParser.parse("phy:/x,xvda,w,d,p,q").get()) == nil)
    }

    // Intentional difference: xlu keeps "/dev/xvda", which libxl then cannot number.
    @Test func devPrefixedVdevIsReducedToItsName() throws {
        var warnings: [String] = []
        let d = try DiskSpecParser.parse("phy:/dev/x,/dev/xvda,w", warnings: &warnings).get()
        #expect(d.vdev == "xvda")
        #expect(warnings.contains { $0.contains("/dev/") })
    }

    @Test func cdromForcesReadOnlyEvenWithWriteAccess() throws {
        let d = try DiskSpecParser.parse("/x.iso,raw,hdc,w,devtype=cdrom").get()
        #expect(d.readOnly)
        #expect(d.isCdrom)
    }
}

@Suite struct VirtualDeviceNameTests {
    @Test(arguments: [
        "xvda", "xvdz", "xvdaa", "xvda1", "xvdb15", "hda", "hdd", "hdc1", "sda", "sdp", "sdb3", "51712", "0xca00",
        "d0p1",
    ])
    func acceptsWhatLibxlNumbers(_ vdev: String) {
        #expect(VirtualDeviceName.problem(with: vdev) == nil)
    }

    @Test(arguments: [
        "", "xvd", "hde", "sdq", "vda", "xvdA", "xvda01", "hda64", "disk1", "xvd1", "/dev/xvda",
        "xvd\u{301}a", "sd\u{301}b",
    ])  // a combining mark joins the prefix's last letter
    func rejectsOthers(_ vdev: String) {
        #expect(VirtualDeviceName.problem(with: vdev) != nil)
    }

    /// libxl__device_disk_dev_number's numbers (Xen 4.17 libxl_device.c): the xenstore key under
    /// which block-detach and block-list find a disk, whatever name the administrator used.
    @Test(arguments: [
        ("xvda", 51712), ("xvdb", 51728), ("/dev/xvdb", 51728), ("xvda1", 51713), ("xvdp", 51952),
        ("xvdq", (1 << 28) | (16 << 8)), ("hda", 768), ("hdb", 832), ("hdc", 5632), ("hdd", 5696),
        ("sda", 2048), ("sdb3", 2067), ("d0p1", 51713), ("51712", 51712), ("0xca10", 51728),
    ])
    func numbersAsLibxlDoes(_ vdev: String, _ number: Int) {
        #expect(VirtualDeviceName.number(vdev) == number)
    }

    @Test(arguments: ["", "xvd", "hde", "vda", "disk1"])
    func noNumberForWhatLibxlRejects(_ vdev: String) {
        #expect(VirtualDeviceName.number(vdev) == nil)
    }

    /// The byte-level integer reader the vdev check uses must read exactly what Int(String) reads.
    @Test(arguments: [
        "0", "7", "15", "255", "+5", "-5", "-05", "+", "-", "", "1a", "a1", "1-", "٣",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
    ])
    func byteIntegerReadsAsIntDoes(_ text: String) {
        #expect(Byte.integer(Array(text.utf8)) == Int(text))
    }

    @Test func normalisationStripsOnlyDev() {
        #expect(VirtualDeviceName.normalized("/dev/hda") == "hda")
        #expect(VirtualDeviceName.normalized("xvda") == "xvda")
        #expect(VirtualDeviceName.normalized("/dev/\u{301}hda") == "/dev/\u{301}hda")  // "/\u{301}" is not "/"
    }
}
