/// The state machine behind DiskSpecParser: walks the spec token by token (longest match, earlier
/// rule on ties) and applies each token the way libxlu_disk_l.l's actions do.
struct DiskSpecScanner {
    let spec: String
    let bytes: [UInt8]
    var disk = DiskSpec()
    /// nil = not given (xlu's NULL), "" = given empty.
    var target: String?
    var vdev: String?
    var hadDeprecatedPrefix = false
    var accessSet = false
    var xmExtraFields = 0
    var prefixes = ""
    var error: DiskSpecError?
    var warnings: [String] = []

    let lineEnds: [Int]

    init(spec: String) {
        self.spec = spec
        let bytes = Array(spec.utf8)
        self.bytes = bytes
        var ends = [Int](repeating: bytes.count, count: bytes.count)
        var end = bytes.count
        for j in stride(from: bytes.count - 1, through: 0, by: -1) {
            if bytes[j] == Byte.newline { end = j }
            ends[j] = end
        }
        self.lineEnds = ends
    }

    mutating func run() {
        var i = 0
        while i < bytes.count {
            guard let (rule, consumed) = bestRule(at: i) else {
                // flex's `.` rule: the rest is unparseable.
                fail("bad disk syntax", near: text(i, bytes.count))
                return
            }
            let token = text(i, i + consumed)
            i += consumed
            if !apply(rule, token) { return }
        }
    }

    private func bestRule(at i: Int) -> (DiskSpecRule, Int)? {
        var best: (rule: DiskSpecRule, matched: Int, consumed: Int)?
        for rule in DiskSpecRule.allCases {
            guard let m = rule.match(bytes, lineEnds: lineEnds, at: i) else { continue }
            if best == nil || m.matched > best!.matched { best = (rule, m.matched, m.consumed) }
        }
        return best.map { ($0.rule, $0.consumed) }
    }

    private func text(_ from: Int, _ to: Int) -> String {
        String(decoding: bytes[from..<to], as: UTF8.self)
    }

    /// Returns false when lexing stops (as the flex actions that `return 0`).
    private mutating func apply(_ rule: DiskSpecRule, _ token: String) -> Bool {
        let value = Self.valueAfterEquals(Self.stripping(",", from: token))
        switch rule {
        case .whitespace: break
        case .format: setFormat(value)
        case .cdrom, .devtypeCdrom: disk.isCdrom = true
        case .devtypeDisk: disk.isCdrom = false
        case .devtypeOther: fail("unknown value for devtype (valid: cdrom, disk)", near: token)
        case .access: setAccess(value)
        case .backend: save(\.disk.backendDomain, value, "backend")
        case .backendType: setBackendType(value)
        case .specification: setSpecification(value)
        case .vdev: save(\.vdev, value, "vdev")
        case .script: save(\.disk.script, value, "script")
        case .directIOSafe: disk.directIOSafe = true
        case .discard: disk.discard = true
        case .noDiscard: disk.discard = false
        case .colo: disk.colo = true
        case .noColo: disk.colo = false
        case .coloHost: save(\.disk.coloHost, value, "colo-host")
        case .coloPort:
            if let port = Int(value), port != 0 { disk.coloPort = port } else { fail("unknown value for colo-port", near: value) }
        case .coloExport: save(\.disk.coloExport, value, "colo-export")
        case .activeDisk: save(\.disk.activeDisk, value, "active-disk")
        case .hiddenDisk: save(\.disk.hiddenDisk, value, "hidden-disk")
        case .trusted: disk.trusted = true
        case .untrusted: disk.trusted = false
        case .target: save(\.target, value, "target")
        case .unknownParameter:
            fail("unknown parameter", near: token)
        case .formatPrefix:
            notePrefix(token)
            setFormat(String(token.dropLast()))
        case .scriptPrefix:
            notePrefix(token)
            save(\.disk.script, "block-" + token.dropLast(), "script")
        case .tapdiskPrefix, .tapPrefix, .aioPrefix, .ioemuPrefix, .filePrefix, .phyPrefix:
            notePrefix(token)
        case .unknownPrefix:
            fail("unknown deprecated disk prefix", near: token)
            return false
        case .positional:
            return positional(Self.stripping(",", from: token))
        }
        return true
    }

    private mutating func positional(_ text: String) -> Bool {
        if error != nil { return true }  // later tokens after an error are not interpreted, as in xlu
        if target == nil {
            save(\.target, text, "target")
        } else if !hadDeprecatedPrefix && disk.format == nil {
            if target == "" && vdevAndDevtype(text) {
                disk.format = .empty
            } else {
                setFormat(text)
            }
        } else if vdev == nil {
            if !vdevAndDevtype(text) { save(\.vdev, text, "vdev") }
        } else if !accessSet {
            accessSet = true
            setAccess(text)
        } else if hadDeprecatedPrefix && xmExtraFields < 2 {
            xmField(text)
        } else {
            fail("too many positional parameters", near: text)
            return false
        }
        return true
    }

    /// xm's `uname,dev,mode,backend,protocol`: the last two have no positional place in xl.
    private mutating func xmField(_ text: String) {
        xmExtraFields += 1
        if xmExtraFields == 1 {
            if !text.isEmpty {
                save(\.disk.backendDomain, text, "backend")
                warnings.append("xm's fourth disk field '\(text)' is the backend domain; xl rejects it, write backend=\(text)")
            }
        } else if !text.isEmpty {
            disk.xmProtocol = text
            warnings.append("xm's fifth disk field (blkif protocol '\(text)') has no libxl equivalent and is ignored")
        }
    }

    /// A positional vdev written as `vdev:cdrom` or `vdev:disk` (deprecated in xl, common in xm).
    private mutating func vdevAndDevtype(_ text: String) -> Bool {
        guard let colon = text.lastIndex(of: ":") else { return false }
        save(\.vdev, String(text[..<colon]), "vdev")
        let type = text[text.index(after: colon)...]
        switch type {
        case "cdrom": disk.isCdrom = true
        case "disk": disk.isCdrom = false
        default: fail("unknown deprecated type (valid: cdrom, disk)", near: String(type))
        }
        return true
    }

    private mutating func notePrefix(_ token: String) {
        hadDeprecatedPrefix = true
        prefixes += token
    }

    private mutating func setFormat(_ value: String) {
        let format: DiskSpec.Format
        switch value {
        case "", "raw": format = .raw
        case "qcow": format = .qcow
        case "qcow2": format = .qcow2
        case "vhd": format = .vhd
        case "qed": format = .qed
        case "empty": format = .empty
        default:
            let hint = VirtualDeviceName.problem(with: value) == nil
                ? " ('\(value)' looks like a vdev: without an xm prefix such as phy: or file:, the second field is the format)"
                : " (valid: raw, qcow, qcow2, vhd, qed, empty)"
            fail("unknown value for format" + hint, near: value)
            return
        }
        if let old = disk.format, old != format { fail("format respecified", near: value); return }
        disk.format = format
    }

    private mutating func setAccess(_ value: String) {
        switch value {
        case "r", "ro":
            disk.readOnly = true
            disk.forceShared = false
        case "w", "rw", "":
            disk.readOnly = false
            disk.forceShared = false
        case "w!":
            disk.readOnly = false
            disk.forceShared = true
            warnings.append("access 'w!' (writable even if shared) has no libxl equivalent: the disk is attached read-write and libxl does not check sharing")
        default:
            fail("unknown value for access (valid: r, ro, w, rw, w!)", near: value)
        }
    }

    private mutating func setBackendType(_ value: String) {
        guard let backend = DiskSpec.Backend(rawValue: value) else {
            fail("unknown value for backendtype (valid: phy, qdisk, tap, standalone)", near: value)
            return
        }
        if let old = disk.backendType, old != backend { fail("backendType respecified", near: value); return }
        disk.backendType = backend
    }

    private mutating func setSpecification(_ value: String) {
        guard let s = DiskSpec.Specification(rawValue: value) else {
            fail("unknown value for specification (valid: xen, virtio)", near: value)
            return
        }
        if let old = disk.specification, old != s { fail("specification respecified", near: value); return }
        disk.specification = s
    }

    /// xlu's savestring: a second non-empty value is an error; an empty one may be replaced.
    private mutating func save(_ slot: WritableKeyPath<DiskSpecScanner, String?>, _ value: String, _ what: String) {
        if let old = self[keyPath: slot], !old.isEmpty {
            fail("\(what) respecified", near: value)
            return
        }
        self[keyPath: slot] = value
    }

    private mutating func fail(_ message: String, near: String?) {
        if error == nil { error = DiskSpecError(message, near: near, spec: spec) }
    }

    static func stripping(_ delimiter: Character, from token: String) -> String {
        token.last == delimiter ? String(token.dropLast()) : token
    }

    static func valueAfterEquals(_ token: String) -> String {
        guard let eq = token.firstIndex(of: "=") else { return token }
        return String(token[token.index(after: eq)...])
    }
}
