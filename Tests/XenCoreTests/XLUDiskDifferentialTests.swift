import ConfigParser
import Testing
import XLUOracle
import XenCore

/// Differential test of our disk spec parser against xl's (`xlu_disk_parse`): the same specs are
/// accepted and refused, and an accepted spec gives the same target, vdev, format, access,
/// backend, backend domain, script, cd-rom and flags. The specs are the forms of
/// xl-disk-configuration(5), xm's `uname,dev,mode` forms, and every disk of the fixtures.
/// Where we differ on purpose, `DiskSpecIntent` says so and the test asserts the difference.
@Suite("our disk spec parser vs xlu_disk_parse")
struct XLUDiskDifferentialTests {
    /// Spec strings covering xl-disk-configuration(5) (Xen 4.17) and xm's forms.
    static let documented: [String] = [
        // the man page's equivalent spellings
        "/dev/vg/guest-volume,,hda",
        "/dev/vg/guest-volume,raw,hda,rw",
        "format=raw, vdev=hda, access=rw, target=/dev/vg/guest-volume",
        "raw:/dev/vg/guest-volume,hda,w",
        "/root/image.iso,,hdc,cdrom",
        "/root/image.iso,,hdc,,cdrom",
        "/root/image.iso,raw,hdc,devtype=cdrom",
        "format=raw, vdev=hdc, access=ro, devtype=cdrom, target=/root/image.iso",
        "raw:/root/image.iso,hdc:cdrom,ro",
        // positional forms
        "/dev/vg/root",
        "/dev/vg/root,raw",
        "/dev/vg/root,,xvda",
        "/dev/vg/root,raw,xvda,r",
        "/dev/vg/root,raw,xvda,w",
        "/dev/vg/root,raw,xvda,ro",
        "/img/a.qcow2,qcow2,xvda",
        "/img/a.qcow,qcow,xvda",
        "/img/a.vhd,vhd,xvda,rw",
        "/img/a.qed,qed,xvda",
        "/img/a.img,vmdk,xvda",
        "/dev/sda,raw,xvda,rw,extra",
        "/dev/sda,raw,xvda,rwx",
        // key=value forms, target last
        "vdev=xvdb, target=/dev/vg/data",
        "target=/dev/vg/data",
        "vdev=xvdb, access=r, target=/img/with,comma.img",
        "vdev=xvdb, format=qcow2, target=/img/b.qcow2",
        "vdev=xvdb, backendtype=phy, target=/dev/vg/b",
        "vdev=xvdb, backendtype=qdisk, target=/img/b.img",
        "vdev=xvdb, backendtype=standalone, target=/img/b.img",
        "vdev=xvdb, backendtype=tap, target=/img/b.img",
        "vdev=xvdb, backendtype=blktap9, target=/img/b.img",
        "vdev=xvdb, backend=stordom, target=/dev/vg/b",
        "vdev=xvdb, script=block-iscsi, target=iqn.2001-05.com.example:storage",
        "vdev=xvdb, direct-io-safe, target=/dev/vg/b",
        "vdev=xvdb, discard, target=/dev/vg/b",
        "vdev=xvdb, no-discard, target=/dev/vg/b",
        "vdev=xvdb, devtype=disk, target=/dev/vg/b",
        "vdev=xvdb, devtype=floppy, target=/dev/vg/b",
        "vdev=xvdb, access=rw, access=ro, target=/dev/vg/b",
        "vdev=xvdb, format=raw, format=qcow2, target=/dev/vg/b",
        "vdev=xvdb, colour=blue, target=/dev/vg/b",
        "target=/dev/vg/b, vdev=xvdb",
        // empty cd-rom drives
        ",,hdc,cdrom",
        "vdev=hdc, devtype=cdrom",
        "vdev=hdc, devtype=cdrom, target=",
        "vdev=hdc,access=r,devtype=cdrom",
        "vdev=hdc,access=r,devtype=cdrom,format=empty",
        "devtype=cdrom,,,hdc",
        ",empty,hdc:cdrom,r",
        "cdrom,vdev=hdc",
        // no vdev / no target
        "",
        "format=raw",
        "vdev=xvda",
        // vdev forms
        "/dev/vg/a,,sda",
        "/dev/vg/a,,xvdz",
        "/dev/vg/a,,xvdaa",
        "/dev/vg/a,,hda1",
        "/dev/vg/a,,d0p1",
        // xm's uname,dev,mode forms
        "phy:/dev/vg/root,xvda,w",
        "phy:/dev/vg/root,xvda,r",
        "phy:sda7,sda1,w",
        "file:/OVS/running_pool/vm1/System.img,xvda,w",
        "file:/OVS/iso/tools.iso,hdc:cdrom,r",
        ",hdc:cdrom,r",
        "file:,hdc:cdrom,r",
        "tap:aio:/srv/images/a.img,xvda,w",
        "tap:qcow2:/srv/images/a.qcow2,xvda,w",
        "tap:vhd:/srv/images/a.vhd,xvda,w",
        "tap2:tapdisk:aio:/srv/images/a.img,xvdc,w",
        "tapdisk:aio:/srv/images/a.img,xvdc,w",
        "qcow2:/srv/images/a.qcow2,xvda,w",
        "vhd:/srv/images/a.vhd,xvda,w",
        "ioemu:/dev/vg/a,hda,w",
        "nbd:192.168.0.1 20004,xvda,w",
        "iscsi:iqn.2001-05.com.example:disk1,xvdb,w",
        "drbd:resource1,xvdb,w",
        "http:/srv/images/a.img,xvda,w",
        // xm-only spellings
        "phy:/dev/vg/shared,xvdc,w!",
        "file:/OVS/sharedDisk/ocr.img,xvdc,w!",
        "phy:/dev/vg/root,xvda,w,drvdom",
        "phy:/dev/vg/root,xvda,w,0,x86_64-abi",
        "phy:/dev/vg/root,/dev/xvda,w",
        // flags xl 4.17 documents
        "vdev=xvdb, trusted, target=/dev/vg/b",
        "vdev=xvdb, untrusted, target=/dev/vg/b",
        "vdev=xvdb, specification=virtio, target=/dev/vg/b",
    ]

    static var fixtureSpecs: [String] {
        var specs: [String] = []
        for fixture in FixtureFile.everything {
            let (file, _) = VMConfigParser.parse(
                SourceFile(path: fixture.description, text: fixture.text),
                variables: fixture.variables)
            for item in file.value("disk")?.elements ?? [] {
                if let s = item.stringValue, !specs.contains(s) { specs.append(s) }
            }
        }
        return specs
    }

    @Test func enoughSpecs() {
        #expect(Self.documented.count >= 40)
        #expect(Self.fixtureSpecs.count >= 20)
    }

    @Test(arguments: documented)
    func documentedSpec(_ spec: String) { DiskSpecComparison(spec).check() }

    @Test(arguments: fixtureSpecs)
    func fixtureSpec(_ spec: String) { DiskSpecComparison(spec).check() }
}
