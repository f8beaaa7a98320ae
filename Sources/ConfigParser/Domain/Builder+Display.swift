extension DomainConfigBuilder {
    static let vncKeys = ["vnc", "vnclisten", "vncdisplay", "vncunused", "vncpasswd"]
    static let sdlKeys = ["sdl", "opengl", "display", "xauthority"]

    /// Top-level vnc*/sdl*/keymap. For HVM they configure the emulated display. For PV, as in xl,
    /// `vnc = 1` without a `vfb` list makes a framebuffer from them; with a vfb list they are ignored.
    mutating func buildDisplay() {
        let vnc = readVNC()
        let sdl = readSDL()
        let keymap = string("keymap")
        if isHVM {
            config.vnc = vnc
            config.sdl = sdl
            config.keymap = keymap
            if let listen = vnc?.listen, listen.contains(":"), vnc?.display != nil {
                error(
                    "the VNC display is given both in vnclisten ('\(listen)') and vncdisplay",
                    at: value("vncdisplay")!.range)
            }
            return
        }
        // Most PV guests set none of these: say so without building the list below.
        if vnc == nil, sdl == nil, value("keymap") == nil { return }
        var present: [String] = []  // (a loop: a closure over `self` copies the whole builder per key)
        for key in Self.vncKeys + Self.sdlKeys + ["keymap"] where value(key) != nil { present.append(key) }
        guard let first = present.first else { return }
        if !config.vfbs.isEmpty {
            // xm gave the top-level keymap to every vfb that had none; xl does not.
            if let keymap {
                for i in config.vfbs.indices where config.vfbs[i].keymap == nil { config.vfbs[i].keymap = keymap }
                warn(
                    "xl ignores a top-level 'keymap' when 'vfb' is set; given to the vfb as xm did",
                    at: nameRange("keymap"))
            }
            let ignored = present.filter { $0 != "keymap" }
            if let firstIgnored = ignored.first {
                warn(
                    "top-level display keys (\(ignored.joined(separator: ", "))) are ignored for a \(config.type.rawValue) guest with a 'vfb' list (as xl does)",
                    at: nameRange(firstIgnored))
            }
            return
        }
        guard let vnc, vnc.enabled, value("vnc") != nil else {
            if value("vnc") == nil {
                warn(
                    "top-level display keys for a \(config.type.rawValue) guest take effect only with vnc = 1 (as in xl)",
                    at: nameRange(first))
            }
            return
        }
        var vfb = VfbSpec()
        vfb.vnc = true
        vfb.vnclisten = vnc.listen
        vfb.vncdisplay = vnc.display
        vfb.vncunused = vnc.findUnused
        vfb.vncpasswd = vnc.password
        vfb.sdl = sdl?.enabled ?? false
        vfb.display = sdl?.display
        vfb.xauthority = sdl?.xauthority
        vfb.opengl = sdl?.opengl
        vfb.keymap = keymap
        vfb.original = "(top-level vnc settings)"
        config.vfbs.append(vfb)
    }

    private mutating func readVNC() -> VncSettings? {
        guard anySet(Self.vncKeys) else { return nil }
        var vnc = VncSettings()
        // libxl enables VNC for an HVM guest unless told otherwise.
        vnc.enabled = bool("vnc") ?? true
        vnc.listen = string("vnclisten")
        if let d = int("vncdisplay", atLeast: 0) { vnc.display = d }
        vnc.findUnused = bool("vncunused")
        vnc.password = string("vncpasswd")
        return vnc
    }

    private mutating func readSDL() -> SdlSettings? {
        guard anySet(Self.sdlKeys) else { return nil }
        var sdl = SdlSettings()
        sdl.enabled = bool("sdl") ?? false
        sdl.opengl = bool("opengl")
        sdl.display = string("display")
        sdl.xauthority = string("xauthority")
        return sdl
    }

    mutating func buildDeviceModel() {
        if let v = value("device_model"), let path = ValueReader(key: "device_model").string(v, &diagnostics) {
            let traditional = DomainConfigBuilder.basename(path) == "qemu-dm"
            warn(
                "xl ignores 'device_model'"
                    + (traditional ? " ('\(path)' is xm's qemu-dm, which Xen 4.17 does not ship)" : "")
                    + "; libxl starts qemu-xen itself (device_model_override selects another binary)", at: v.range)
        }
        config.deviceModelOverride = string("device_model_override")
        if let v = value("device_model_version"),
            let s = ValueReader(key: "device_model_version").string(v, &diagnostics)
        {
            switch s {
            case "qemu-xen":
                config.deviceModelVersion = s
            case "qemu-xen-traditional":
                config.deviceModelVersion = s
                warn("qemu-xen-traditional is not built in Debian's Xen 4.17; use qemu-xen", at: v.range)
            default:
                error("unknown device_model_version '\(s)' (valid: qemu-xen, qemu-xen-traditional)", at: v.range)
            }
        } else if config.deviceModelOverride != nil {
            warn(
                "device_model_override given without device_model_version (xl warns the same)",
                at: nameRange("device_model_override"))
        }
        config.deviceModelArgs = stringList("device_model_args")?.map(\.text) ?? []
    }

    private static let xendValues = [
        ("on_xend_start", ["ignore", "start"]), ("on_xend_stop", ["ignore", "shutdown", "suspend"]),
    ]

    /// Whether `file.settings[i]` is Oracle VM metadata with a value.
    private func isOracleSetting(_ i: Int) -> Bool {
        guard !file.settings[i].value.isNone else { return false }
        let keyIndex = settingKeys[i]
        return keyIndex >= 0 ? ConfigKeyTable.all[keyIndex].origin == .oracle : file.settings[i].name.hasPrefix("OVM_")
    }

    /// OVM_* and the xend bookkeeping keys, kept as text for `--sxp` and `xm list -l`.
    mutating func buildOracle() {
        for i in file.settings.indices where isOracleSetting(i) {
            let value = file.settings[i].value
            // Kept as text: a list of millions of entries (found by the fuzzer) is refused, not printed.
            if let problem = ValueReader.overlong(file.settings[i].name, count: value.elements?.count ?? 0) {
                error(problem, at: value.range)
                continue
            }
            config.oracleVM[file.settings[i].name] = value.str
        }
        for (key, values) in Self.xendValues {
            if let v = value(key), let s = v.stringValue, !values.contains(s) {
                warn("'\(key)' = '\(s)' was not a valid xend value (\(values.joined(separator: ", ")))", at: v.range)
            }
        }
    }
}
