extension DomainConfigBuilder {
    mutating func buildBoot() {
        config.kernel = string("kernel")
        config.ramdisk = string("ramdisk")
        if isHVM, let kernel = config.kernel, DomainConfigBuilder.basename(kernel) == "hvmloader" {
            warn(
                "xl ignores kernel='\(kernel)' for an HVM guest: libxl loads its own firmware",
                at: value("kernel")!.range)
            config.kernel = nil
        }
        buildCommandLine()
        buildBootloader()
        if let v = value("boot"), isHVM, let order = ValueReader(key: "boot").string(v, &diagnostics) {
            if order.isEmpty || !order.allSatisfy({ "abcdnop".contains($0) }) {
                error("invalid boot order '\(order)' (letters: a floppy, c disk, d cd-rom, n network)", at: v.range)
            } else {
                config.boot = order
            }
        }
        if !isHVM { buildPVFirmware() }
        if !isHVM, config.kernel == nil, config.bootloader == nil, !parseFailed {
            let at = value("type")?.range ?? value("builder")?.range ?? fileStart
            error("a \(config.type.rawValue) guest needs 'kernel' or 'bootloader'", at: at)
        }
    }

    /// xl's `firmware = "pvgrub32|pvgrub64"` for PV and PVH guests: a shorthand for the PV-GRUB
    /// image in Xen's firmware directory, used as the kernel.
    mutating func buildPVFirmware() {
        guard let v = value("firmware"), let s = ValueReader(key: "firmware").string(v, &diagnostics) else { return }
        guard s == "pvgrub32" || s == "pvgrub64" else {
            error(
                "only pvgrub32 and pvgrub64 are firmware for a \(config.type.rawValue) guest, found '\(s)'", at: v.range
            )
            return
        }
        if config.kernel != nil {
            error("both 'kernel' and 'firmware' are given; keep one", at: v.range)
            return
        }
        config.kernel = DomainConfigBuilder.xenFirmwareDirectory + "/" + s + ".bin"
    }

    /// Where Debian's Xen 4.17 keeps hvmloader and the PV-GRUB images (xl's XENFIRMWAREDIR).
    static let xenFirmwareDirectory = "/usr/lib/xen-4.17/boot"

    /// The kernel command line. xl: `cmdline` wins, else "root=R E". xm composed it from `extra`,
    /// then put `ip=...` (from ip/gateway/netmask/hostname/interface/dhcp/nfs_server) and
    /// `root=...` in front unless `extra` already had them, with `nfsroot=` from nfs_root.
    mutating func buildCommandLine() {
        let root = string("root")
        let extra = string("extra")
        config.root = root
        config.extra = extra
        if let cmdline = string("cmdline") {
            config.cmdline = cmdline
            for key in ["root", "extra"] where value(key) != nil {
                warn("'\(key)' is ignored in favour of 'cmdline' (as xl does)", at: nameRange(key))
            }
            return
        }
        var args = extra ?? ""
        if let nfsRoot = string("nfs_root") {
            if let server = string("nfs_server") {
                args = "nfsroot=\(server):\(nfsRoot) " + args
                warn(
                    "xl ignores 'nfs_root' and 'nfs_server'; nfsroot= composed into the command line as xm did",
                    at: nameRange("nfs_root"))
            } else {
                error("'nfs_root' needs 'nfs_server'", at: value("nfs_root")!.range)
            }
        }
        if let ip = xmIPParameter(), !Self.hasParameter("ip=", in: args) {
            args = "ip=\(ip) " + args
        }
        if let root, !root.isEmpty {
            var device = root
            if device.hasPrefix("root=") {
                device = String(device.dropFirst(5))
                warn(
                    "root='\(root)' read as '\(device)' as xm did; xl would write root=root=...",
                    at: value("root")!.range)
            }
            // xm searched for "root=" anywhere, so its own nfsroot= hid root=/dev/nfs; we look
            // for a root= parameter only.
            if Self.hasWord(startingWith: "root=", in: args) {
                warn("'extra' already holds root=, so xm dropped 'root'; xl would pass both", at: nameRange("root"))
            } else {
                args = "root=\(device) " + args
            }
        }
        let composed = args.trimmingBlanks()
        config.cmdline = composed.isEmpty ? nil : composed
    }

    /// xm's `ip=` kernel parameter: ip:nfs-server:gateway:netmask:hostname:interface:autoconf.
    private mutating func xmIPParameter() -> String? {
        let ip = string("ip") ?? ""
        let dhcp = string("dhcp") ?? "off"
        guard !ip.isEmpty || dhcp != "off" else {
            return nil
        }
        // A loop rather than filter: a closure over `self` copies the whole builder per key.
        var keys: [String] = []
        for key in ["ip", "gateway", "netmask", "hostname", "interface", "dhcp"] where value(key) != nil {
            keys.append(key)
        }
        if let first = keys.first {
            warn(
                "xl ignores \(keys.map { "'\($0)'" }.joined(separator: ", ")); ip= composed into the command line as xm did",
                at: nameRange(first))
        }
        let parts = [
            ip, string("nfs_server") ?? "127.0.255.255", string("gateway") ?? "", string("netmask") ?? "",
            string("hostname") ?? "", string("interface") ?? "eth0", dhcp,
        ]
        return parts.joined(separator: ":")
    }

    /// Python's re.search(r'ip=[^ ]+', args), which xm used to decide whether extra had ip= already.
    static func hasParameter(_ name: String, in args: String) -> Bool {
        var rest = Substring(args)
        while let r = rest.firstRange(of: name) {
            let after = rest[r.upperBound...]
            if let c = after.first, c != " " { return true }
            rest = after
        }
        return false
    }

    mutating func buildBootloader() {
        if let v = value("bootloader"), let path = ValueReader(key: "bootloader").string(v, &diagnostics) {
            let name = DomainConfigBuilder.basename(path)
            // The '/' searched as a byte, not Character by Character: it is one either way.
            if name == "pygrub", path.utf8.contains(UInt8(ascii: "/")) {
                note(
                    "bootloader '\(path)' runs as libxl's own 'pygrub' (xl looks it up in libxl's directory)",
                    at: v.range)
                config.bootloader = "pygrub"
            } else {
                config.bootloader = path
            }
        }
        if let v = value("bootloader_args") {
            if v.elements != nil {
                config.bootloaderArgs =
                    ValueReader(key: "bootloader_args").stringList(v, &diagnostics)?.map(\.text) ?? []
            } else if let s = ValueReader(key: "bootloader_args").string(v, &diagnostics) {
                warn("'bootloader_args' as a string is deprecated in xl; write a list", at: v.range)
                config.bootloaderArgs = Self.words(s)
            }
        }
        if let v = value("bootargs"), let s = ValueReader(key: "bootargs").string(v, &diagnostics) {
            if value("bootloader_args") != nil {
                warn("'bootargs' is ignored: 'bootloader_args' is set", at: nameRange("bootargs"))
            } else {
                warn("xl ignores xm's 'bootargs'; read as bootloader_args", at: nameRange("bootargs"))
                config.bootloaderArgs = Self.words(s)
            }
        }
    }

    /// Whether one of `words(s)` starts with `prefix`, without splitting `s` when it is ASCII:
    /// there a word starts after a blank byte, except the "\n" of a "\r\n" (one Character, not
    /// a blank).
    static func hasWord(startingWith prefix: String, in s: String) -> Bool {
        let bytes = Array(s.utf8)
        let p = Array(prefix.utf8)
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return words(s).contains { $0.hasPrefix(prefix) } }
        guard bytes.count >= p.count else { return false }
        for i in 0...(bytes.count - p.count) where bytes[i..<(i + p.count)].elementsEqual(p) {
            if i == 0 { return true }
            switch bytes[i - 1] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"): return true
            case UInt8(ascii: "\n") where !(i >= 2 && bytes[i - 2] == UInt8(ascii: "\r")): return true
            default: continue
            }
        }
        return false
    }

    /// `s` split at blanks (Python's split()), but for "\r\n", one Character and not a blank.
    package static func words(_ s: String) -> [String] {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    }
}
