import ConfigParser
import Testing
import XLUOracle
import XenCore

/// One disk spec through both parsers, and the verdict.
struct DiskSpecComparison {
    let spec: String
    let ours: Result<DiskSpec, DiskSpecError>
    let theirs: Result<XLUDisk, XLUError>

    init(_ spec: String) {
        self.spec = spec
        ours = DiskSpecParser.parse(spec)
        theirs = XLUDisk.parse(spec)
    }

    func check() {
        if let intent = DiskSpecIntent.of(self) {
            intent.assert(self)
            return
        }
        switch (ours, theirs) {
        case (.success(let o), .success(let t)):
            expectSameFields(o, t)
        case (.failure, .failure):
            break
        case (.success(let o), .failure(let e)):
            Issue.record("'\(spec)': we accept (\(o.vdev) ← '\(o.target)'), xl refuses: \(e)")
        case (.failure(let e), .success(let t)):
            Issue.record("'\(spec)': we refuse (\(e)), xl accepts (\(t.vdev ?? "-") ← '\(t.target ?? "-")')")
        }
    }

    /// pdev_path of the libxl disk our mapper makes from a spec (nil when the field is absent).
    static func mappedPath(_ disk: DiskSpec) -> String? {
        var config = Sample.hvm()
        config.disks = [disk]
        guard let json = try? LibxlJSONProbe(config) else { return "<not mapped>" }
        return json.string("disks.0.pdev_path")
    }

    func expectSameFields(_ o: DiskSpec, _ t: XLUDisk, vdev: String? = nil) {
        let s = "'\(spec)'"
        #expect(o.target == (t.target ?? ""), "\(s): target")
        // The mapped disk's pdev_path, not only the parsed target: an empty cd-rom has none.
        #expect(Self.mappedPath(o) == t.target, "\(s): pdev_path as libxl gets it")
        #expect(o.vdev == (vdev ?? t.vdev ?? ""), "\(s): vdev")
        #expect((o.format?.rawValue ?? "raw") == t.format, "\(s): format")
        #expect(o.readOnly == !t.readwrite, "\(s): access")
        #expect((o.backendType?.rawValue ?? "unknown") == t.backend, "\(s): backend type")
        #expect(o.backendDomain == t.backendDomain, "\(s): backend domain")
        #expect(o.script == t.script, "\(s): script")
        #expect(o.isCdrom == t.isCdrom, "\(s): cd-rom")
        #expect((o.directIOSafe ?? false) == t.directIOSafe, "\(s): direct-io-safe")
        #expect(o.discard == t.discard, "\(s): discard")
    }
}

/// The places where our disk parser means to differ from xlu_disk_parse, each with its reason.
/// Any other difference fails the test.
enum DiskSpecIntent {
    /// xm's `w!` ("writable even if another domain has it"): Oracle RAC shared disks use it.
    /// libxl has no such mode, so we accept it as read-write (flagged forceShared, with a
    /// warning); xlu refuses it as an unknown access mode.
    case sharedWritable
    /// xm's `uname,dev,mode,backend[,protocol]`: a fourth field (backend domain) and fifth
    /// (blkif protocol) after a deprecated prefix. xlu refuses "too many positional parameters".
    case xmBackendFields
    /// xm allowed `/dev/xvda` as the guest device; libxl cannot number that, so we take the bare
    /// name where xlu keeps the prefix.
    case devPrefixedVdev
    /// `trusted`/`untrusted` are documented in xl-disk-configuration(5) for 4.17, but the lexer
    /// 4.17 ships (libxlu_disk_l.c, generated before the rules were added to the .l) does not know
    /// them: xl reads the word as a positional parameter and then fails. We follow the manual.
    case trustFlags

    static func of(_ c: DiskSpecComparison) -> DiskSpecIntent? {
        let fields = c.spec.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if fields.count >= 3, fields[2] == "w!" { return .sharedWritable }
        if fields.contains("trusted") || fields.contains("untrusted") { return .trustFlags }
        if fields.count >= 4, fields[0].contains(":"), !fields[3].contains("=") { return .xmBackendFields }
        if fields.contains(where: { $0.hasPrefix("/dev/") }), fields.count >= 2, fields[1].hasPrefix("/dev/") {
            return .devPrefixedVdev
        }
        return nil
    }

    func assert(_ c: DiskSpecComparison) {
        switch self {
        case .sharedWritable:
            guard case .failure(.rejected(_, let report)) = c.theirs else {
                Issue.record("'\(c.spec)': xlu was expected to refuse w!")
                return
            }
            #expect(report.contains("unknown value for access"))
            guard case .success(let o) = c.ours else {
                Issue.record("'\(c.spec)': we refuse w!")
                return
            }
            #expect(o.forceShared && !o.readOnly)
        case .xmBackendFields:
            guard case .failure(.rejected(_, let report)) = c.theirs else {
                Issue.record("'\(c.spec)': xlu was expected to refuse the xm backend field")
                return
            }
            #expect(report.contains("too many positional parameters"))
            guard case .success = c.ours else {
                Issue.record("'\(c.spec)': we refuse xm's backend field")
                return
            }
        case .trustFlags:
            guard case .failure = c.theirs else {
                Issue.record("'\(c.spec)': xlu 4.17 was expected to misread the trust flag")
                return
            }
            guard case .success(let o) = c.ours else {
                Issue.record("'\(c.spec)': we refuse a documented flag")
                return
            }
            #expect(
                o.trusted
                    == c.spec.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == "trusted" })
        case .devPrefixedVdev:
            guard case .success(let o) = c.ours, case .success(let t) = c.theirs else {
                Issue.record("'\(c.spec)': both parsers should accept a /dev/ vdev")
                return
            }
            #expect(t.vdev?.hasPrefix("/dev/") == true)
            #expect(!o.vdev.hasPrefix("/dev/"))
            c.expectSameFields(o, t, vdev: String((t.vdev ?? "").dropFirst("/dev/".count)))
        }
    }
}
