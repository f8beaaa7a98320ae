extension DomainConfigBuilder {
    /// xl's `type` (pv|pvh|hvm) and xm's `builder` (linux|hvm; xl also knows `generic`).
    mutating func buildType() {
        var type: DomainConfig.GuestType?
        if let v = value("type"), let s = ValueReader(key: "type").string(v, &diagnostics) {
            if let t = DomainConfig.GuestType(rawValue: s) {
                type = t
            } else {
                error(
                    "unknown guest type '\(s)' (valid: pv, pvh, hvm)", at: v.range,
                    hint: s == "linux" ? "xm's builder='linux' is type='pv'" : nil)
            }
        }
        if let v = value("builder"), let s = ValueReader(key: "builder").string(v, &diagnostics) {
            let fromBuilder: DomainConfig.GuestType?
            switch s {
            case "linux":
                fromBuilder = .pv
                warn("builder='linux' is xm's name for a PV guest; xl rejects it (write type='pv')", at: v.range)
            case "hvm":
                fromBuilder = .hvm
            case "generic":
                fromBuilder = .pv
            default:
                fromBuilder = nil
                error("unknown builder '\(s)' (valid: linux, hvm, generic)", at: v.range)
            }
            if let t = type, let b = fromBuilder, t != b {
                error("builder='\(s)' contradicts type='\(t.rawValue)'", at: v.range)
            } else if type == nil {
                type = fromBuilder
            }
        }
        config.type = type ?? .pv
    }

    mutating func buildIdentity() {
        buildName()
        if let v = value("uuid"), let s = ValueReader(key: "uuid").string(v, &diagnostics) {
            if let uuid = UUIDSyntax.canonical(s) {
                if !UUIDSyntax.isDashedForm(s) {
                    warn(
                        "uuid without dashes: xm accepted it, xl needs the 8-4-4-4-12 form; read as '\(uuid)'",
                        at: v.range)
                }
                config.uuid = uuid
            } else {
                error("malformed uuid '\(s)' (expected 8-4-4-4-12 hex digits)", at: v.range)
            }
        }
        config.pool = string("pool")
        config.seclabel = string("seclabel")
        config.description = string("description")
    }

    /// xend's rule for names: letters, digits and `_-.:+`. With no name xm named the domain after
    /// the config file (its whole basename, extension included: create.py's os.path.basename).
    mutating func buildName() {
        if let v = value("name"), let name = ValueReader(key: "name").string(v, &diagnostics) {
            if let problem = Self.nameProblem(name) {
                error(problem, at: v.range)
            } else if name.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {  // a valid name is ASCII
                warn("domain name '\(name)' is all digits: xm commands will take it for a domain id", at: v.range)
            }
            config.name = name
            return
        }
        let base = Self.basename(file.source.path)
        if parseFailed {
            config.name = base
            return
        }
        if base.isEmpty || Self.nameProblem(base) != nil {
            error("no 'name' given, and the file name '\(base)' cannot be a domain name", at: fileStart)
            return
        }
        config.name = base
        warn(
            "no 'name': the domain is named '\(base)' after the config file, as xm did; xl requires a name",
            at: fileStart)
    }

    static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "the domain name is empty" }
        guard let bad = firstDisallowedCharacter(in: name) else { return nil }
        return "invalid domain name '\(name)': '\(bad)' is not allowed (use letters, digits and _ - . : +)"
    }

    private static func firstDisallowedCharacter(in name: String) -> Character? {
        let allowed: (Character) -> Bool = { c in
            c.isASCII && (c.isLetter || c.isNumber || "_-.:+".contains(c))
        }
        // Byte by byte for ASCII names, where a byte is a Character but for "\r\n".
        guard name.isASCII else { return name.first(where: { !allowed($0) }) }
        for b in name.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: ":"), UInt8(ascii: "+"):
                continue
            default:
                if b == 0x0D { return name.first(where: { !allowed($0) }) }  // maybe "\r\n", one Character
                return Character(Unicode.Scalar(b))
            }
        }
        return nil
    }

    static func basename(_ path: String) -> String {
        // In ASCII a '/' byte is a '/' Character (searched on the contiguous bytes: String's
        // byte view costs ~10 instructions a byte).
        if path.isASCII {
            var bytes = path
            guard let slash = bytes.withUTF8({ $0.lastIndex(of: UInt8(ascii: "/")) }) else { return path }
            return String(path[path.utf8.index(path.utf8.startIndex, offsetBy: slash + 1)...])
        }
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
