import Testing
import XLUOracle
import XenCore

/// The libxlutil wrappers themselves: the differential tests trust them, so they are checked
/// against facts about xl's parser (tools/libs/util/libxlu_cfg_*.{l,y,c}).
@Suite("libxlutil oracle wrappers")
struct XLUOracleTests {
    @Test func readsAtomsNumbersAndLists() throws {
        let cfg = try XLUConfig(
            text: """
                name = "vm1"
                memory = 512
                maxmem = '0x400'
                vcpus = 010
                disk = [ 'phy:/dev/vg/a,xvda,w', "file:/x.img,xvdb,r", ]
                nested = [ 'a', [ 'b', 3 ] ]

                """)
        #expect(cfg.string("name") == "vm1")
        #expect(cfg.long("memory") == 512)
        #expect(cfg.string("memory") == "512", "numbers are atoms too")
        #expect(cfg.long("maxmem") == 1024, "strtol base 0, quoted or not")
        #expect(cfg.long("vcpus") == 8, "a leading zero is octal, as in Python 2")
        #expect(cfg.list("disk") == ["phy:/dev/vg/a,xvda,w", "file:/x.img,xvdb,r"])
        #expect(cfg.list("nested") == ["a", nil])
        #expect(cfg.value("nested") == .list([.atom("a"), .list([.atom("b"), .atom("3")])]))
        #expect(cfg.string("disk") == nil)
        #expect(cfg.long("name") == nil)
        #expect(cfg.value("absent") == nil)
    }

    @Test func lastAssignmentWins() throws {
        let cfg = try XLUConfig(text: "memory = 256\nmemory = 1024\n")
        #expect(cfg.long("memory") == 1024)
    }

    @Test(arguments: [
        "OVM_simple_name = 'x'\n",  // upper-case keys are not identifiers to xl
        "acpi = True\n",
        "name = 'a' + 'b'\n",
        "memory = -1\n",
        "x = (1, 2)\n",
        "import os\n",
    ])
    func rejectsWhatOnlyPythonAccepts(text: String) {
        #expect(throws: XLUError.self) { try XLUConfig(text: text) }
    }

    @Test func rejectionCarriesLibxlutilsReport() {
        do {
            _ = try XLUConfig(text: "memory = 512 +\n", sourceName: "t.cfg")
            Issue.record("accepted")
        } catch {
            guard case .rejected(_, let report) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(report.contains("t.cfg:1"))
        }
    }

    @Test func diskParseReadsXmAndXlForms() throws {
        let xm = try XLUDisk.parse("phy:/dev/vg/root,xvda,w").get()
        #expect(xm.target == "/dev/vg/root")
        #expect(xm.vdev == "xvda")
        #expect(xm.readwrite)
        #expect(xm.format == "raw")
        #expect(xm.backend == "unknown", "xlu ignores the phy: prefix")

        let cd = try XLUDisk.parse(",hdc:cdrom,r").get()
        #expect(cd.target == "")
        #expect(cd.isCdrom && cd.removable && !cd.readwrite)
        #expect(cd.format == "empty")

        let kv = try XLUDisk.parse("format=qcow2, vdev=xvdb, access=ro, backendtype=qdisk, target=/a,b.img").get()
        #expect(kv.target == "/a,b.img")
        #expect(kv.format == "qcow2")
        #expect(kv.backend == "qdisk")
        #expect(!kv.readwrite)
    }

    @Test func diskParseRefusesWithAMessage() {
        guard case .failure(.rejected(_, let report)) = XLUDisk.parse("phy:/dev/sda,xvda,w!") else {
            Issue.record("w! accepted by xlu")
            return
        }
        #expect(report.contains("unknown value for access"))
    }
}
