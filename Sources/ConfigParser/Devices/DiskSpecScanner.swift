/// The state machine behind DiskSpecParser: walks the spec token by token (longest match, earlier
/// rule on ties) and applies each token the way libxlu_disk_l.l's actions do.
struct DiskSpecScanner {
    let spec: String
    /// The spec's own UTF-8, borrowed for the scan (see `scan`): copying it into an array cost an
    /// allocation per disk.
    let bytes: UnsafeBufferPointer<UInt8>
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
    /// Whether every byte is ASCII, where bytes and Characters coincide (but for "\r\n").
    let asciiOnly: Bool

    /// Runs `body` with a scanner over `spec`, which must not outlive it (it holds a pointer to
    /// the spec's bytes).
    static func scan<R>(_ spec: String, _ body: (inout DiskSpecScanner) -> R) -> R {
        func run(_ bytes: UnsafeBufferPointer<UInt8>) -> R {
            var scanner = DiskSpecScanner(spec: spec, bytes: bytes)
            scanner.run()
            return body(&scanner)
        }
        if let result = spec.utf8.withContiguousStorageIfAvailable(run) { return result }
        return Array(spec.utf8).withUnsafeBufferPointer(run)  // a bridged string; never on Linux
    }

    private init(spec: String, bytes: UnsafeBufferPointer<UInt8>) {
        self.spec = spec
        self.bytes = bytes
        asciiOnly = Byte.allASCII(bytes)
        // Specs almost never hold a newline: then every line ends at the end and the table is
        // left empty (see DiskSpecRule.match).
        guard bytes.contains(Byte.newline) else {
            lineEnds = []
            return
        }
        var ends = [Int](repeating: bytes.count, count: bytes.count)
        var end = bytes.count
        for j in stride(from: bytes.count - 1, through: 0, by: -1) {
            if bytes[j] == Byte.newline { end = j }
            ends[j] = end
        }
        self.lineEnds = ends
    }

    private mutating func run() {
        var i = 0
        while i < bytes.count {
            guard let (rule, consumed) = bestRule(at: i) else {
                // flex's `.` rule: the rest is unparseable.
                fail("bad disk syntax", near: text(i..<bytes.count))
                return
            }
            let token = i..<(i + consumed)
            i += consumed
            if !apply(rule, token) { return }
        }
    }

    private func bestRule(at i: Int) -> (DiskSpecRule, Int)? {
        var best: (rule: DiskSpecRule, matched: Int, consumed: Int)?
        var candidates = DiskSpecRule.candidates(startingWith: bytes[i])
        while candidates != 0 {
            let rule = DiskSpecRule(rawValue: UInt8(candidates.trailingZeroBitCount))!
            candidates &= candidates - 1
            guard let m = rule.match(bytes, lineEnds: lineEnds, at: i) else { continue }
            if best == nil || m.matched > best!.matched { best = (rule, m.matched, m.consumed) }
        }
        return best.map { ($0.rule, $0.consumed) }
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The token without a trailing ',' (flex's `,?`).
    private func strippingComma(_ token: Range<Int>) -> String {
        // In ASCII a byte is a Character; otherwise the ',' may belong to a longer Character.
        guard asciiOnly else { return Self.stripping(",", from: text(token)) }
        return text(bytes[token.upperBound - 1] == Byte.comma ? token.dropLast() : token)
    }

    /// What follows the first '=' of a `key=value,?` token, without the trailing ','.
    private func value(_ token: Range<Int>) -> String {
        guard asciiOnly else { return Self.valueAfterEquals(Self.stripping(",", from: text(token))) }
        var end = token.upperBound
        if bytes[end - 1] == Byte.comma { end -= 1 }
        guard let eq = bytes[token.lowerBound..<end].firstIndex(of: Byte.equals) else {
            return text(token.lowerBound..<end)
        }
        return text((eq + 1)..<end)
    }

    /// Returns false when lexing stops (as the flex actions that `return 0`).
    private mutating func apply(_ rule: DiskSpecRule, _ token: Range<Int>) -> Bool {
        switch rule {
        case .whitespace: break
        case .format: setFormat(value(token))
        case .cdrom, .devtypeCdrom: disk.isCdrom = true
        case .devtypeDisk: disk.isCdrom = false
        case .devtypeOther: fail("unknown value for devtype (valid: cdrom, disk)", near: text(token))
        case .access: setAccess(value(token))
        case .backend: save(.backendDomain, value(token), "backend")
        case .backendType: setBackendType(value(token))
        case .specification: setSpecification(value(token))
        case .vdev: save(.vdev, value(token), "vdev")
        case .script: save(.script, value(token), "script")
        case .directIOSafe: disk.directIOSafe = true
        case .discard: disk.discard = true
        case .noDiscard: disk.discard = false
        case .colo: disk.colo = true
        case .noColo: disk.colo = false
        case .coloHost: save(.coloHost, value(token), "colo-host")
        case .coloPort:
            let value = value(token)
            if let port = Int(value), port != 0 {
                disk.coloPort = port
            } else {
                fail("unknown value for colo-port", near: value)
            }
        case .coloExport: save(.coloExport, value(token), "colo-export")
        case .activeDisk: save(.activeDisk, value(token), "active-disk")
        case .hiddenDisk: save(.hiddenDisk, value(token), "hidden-disk")
        case .trusted: disk.trusted = true
        case .untrusted: disk.trusted = false
        case .target: save(.target, value(token), "target")
        case .unknownParameter:
            fail("unknown parameter", near: text(token))
        case .formatPrefix:
            let token = text(token)
            notePrefix(token)
            setFormat(String(token.dropLast()))
        case .scriptPrefix:
            let token = text(token)
            notePrefix(token)
            save(.script, "block-" + token.dropLast(), "script")
        case .tapdiskPrefix, .tapPrefix, .aioPrefix, .ioemuPrefix, .filePrefix, .phyPrefix:
            notePrefix(text(token))
        case .unknownPrefix:
            fail("unknown deprecated disk prefix", near: text(token))
            return false
        case .positional:
            return positional(strippingComma(token))
        }
        return true
    }

    private mutating func positional(_ text: String) -> Bool {
        if error != nil { return true }  // later tokens after an error are not interpreted, as in xlu
        if target == nil {
            save(.target, text, "target")
        } else if !hadDeprecatedPrefix && disk.format == nil {
            if target == "" && vdevAndDevtype(text) {
                disk.format = .empty
            } else {
                setFormat(text)
            }
        } else if vdev == nil {
            if !vdevAndDevtype(text) { save(.vdev, text, "vdev") }
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
                save(.backendDomain, text, "backend")
                warnings.append(
                    "xm's fourth disk field '\(text)' is the backend domain; xl rejects it, write backend=\(text)")
            }
        } else if !text.isEmpty {
            disk.xmProtocol = text
            warnings.append("xm's fifth disk field (blkif protocol '\(text)') has no libxl equivalent and is ignored")
        }
    }

    /// A positional vdev written as `vdev:cdrom` or `vdev:disk` (deprecated in xl, common in xm).
    private mutating func vdevAndDevtype(_ text: String) -> Bool {
        // In ASCII a ':' byte is a ':' Character (searched on the contiguous bytes: String's byte
        // view costs ~10 instructions a byte).
        var bytes = text
        let colon =
            asciiOnly
            ? bytes.withUTF8 { $0.lastIndex(of: Byte.colon) }.map {
                text.utf8.index(text.utf8.startIndex, offsetBy: $0)
            }
            : text.lastIndex(of: ":")
        guard let colon else { return false }
        save(.vdev, String(text[..<colon]), "vdev")
        let type = text[text.utf8.index(after: colon)...]
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
            let hint =
                VirtualDeviceName.problem(with: value) == nil
                ? " ('\(value)' looks like a vdev: without an xm prefix such as phy: or file:, the second field is the format)"
                : " (valid: raw, qcow, qcow2, vhd, qed, empty)"
            fail("unknown value for format" + hint, near: value)
            return
        }
        if let old = disk.format, old != format {
            fail("format respecified", near: value)
            return
        }
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
            warnings.append(
                "access 'w!' (writable even if shared) has no libxl equivalent: the disk is attached read-write and libxl does not check sharing"
            )
        default:
            fail("unknown value for access (valid: r, ro, w, rw, w!)", near: value)
        }
    }

    private mutating func setBackendType(_ value: String) {
        guard let backend = DiskSpec.Backend(rawValue: value) else {
            fail("unknown value for backendtype (valid: phy, qdisk, tap, standalone)", near: value)
            return
        }
        if let old = disk.backendType, old != backend {
            fail("backendType respecified", near: value)
            return
        }
        disk.backendType = backend
    }

    private mutating func setSpecification(_ value: String) {
        guard let s = DiskSpec.Specification(rawValue: value) else {
            fail("unknown value for specification (valid: xen, virtio)", near: value)
            return
        }
        if let old = disk.specification, old != s {
            fail("specification respecified", near: value)
            return
        }
        disk.specification = s
    }

    /// xlu's savestring: a second non-empty value is an error; an empty one may be replaced.
    private mutating func save(_ slot: Slot, _ value: String, _ what: String) {
        if let old = self[slot], !old.isEmpty {
            fail("\(what) respecified", near: value)
            return
        }
        self[slot] = value
    }

    /// The string fields `save` fills (named, rather than key paths: those are slow to apply).
    enum Slot { case target, vdev, backendDomain, script, coloHost, coloExport, activeDisk, hiddenDisk }

    private subscript(slot: Slot) -> String? {
        get {
            switch slot {
            case .target: target
            case .vdev: vdev
            case .backendDomain: disk.backendDomain
            case .script: disk.script
            case .coloHost: disk.coloHost
            case .coloExport: disk.coloExport
            case .activeDisk: disk.activeDisk
            case .hiddenDisk: disk.hiddenDisk
            }
        }
        set {
            switch slot {
            case .target: target = newValue
            case .vdev: vdev = newValue
            case .backendDomain: disk.backendDomain = newValue
            case .script: disk.script = newValue
            case .coloHost: disk.coloHost = newValue
            case .coloExport: disk.coloExport = newValue
            case .activeDisk: disk.activeDisk = newValue
            case .hiddenDisk: disk.hiddenDisk = newValue
            }
        }
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
