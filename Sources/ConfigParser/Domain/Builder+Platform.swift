extension DomainConfigBuilder {
    /// Platform flags. Keys xl reads only for HVM guests are not applied to PV/PVH ones (the key
    /// pass has already warned about them).
    mutating func buildPlatform() {
        config.acpi = bool("acpi")
        config.hap = bool("hap")
        config.localtime = bool("localtime")
        config.rtcTimeoffset = int("rtc_timeoffset")
        config.nomigrate = bool("nomigrate")
        config.oos = bool("oos")
        if config.type == .pv { config.e820Host = bool("e820_host") }
        buildTSCMode()
        guard isHVM else { return }
        config.apic = bool("apic")
        config.pae = bool("pae")
        config.hpet = bool("hpet")
        config.nestedHvm = bool("nestedhvm")
        config.vptAlign = bool("vpt_align")
        config.xenPlatformPci = bool("xen_platform_pci")
        config.nographic = bool("nographic")
        config.usb = bool("usb")
        config.soundhw = string("soundhw")
        buildViridian()
        buildTimerMode()
        buildVGA()
        config.serial = stringList("serial", allowSingle: true)?.map(\.text) ?? []
        config.serialListForm = value("serial")?.elements != nil
        config.usbdevices = stringList("usbdevice", allowSingle: true)?.map(\.text) ?? []
        config.usbdevicesListForm = value("usbdevice")?.elements != nil
        buildBIOS()
    }

    /// xl's `bios` names the HVM firmware; `firmware` does too (`uefi` meaning ovmf, `bios` the
    /// default), or else is a path to a custom image.
    private mutating func buildBIOS() {
        let kinds = ["rombios", "seabios", "ovmf"]
        if let v = value("bios"), let s = ValueReader(key: "bios").string(v, &diagnostics) {
            if kinds.contains(s) {
                config.bios = s
            } else {
                error("unknown bios '\(s)' (valid: \(kinds.joined(separator: ", ")))", at: v.range)
            }
        }
        guard let v = value("firmware"), let s = ValueReader(key: "firmware").string(v, &diagnostics) else { return }
        switch s {
        case _ where kinds.contains(s): config.bios = s
        case "uefi": config.bios = "ovmf"
        case "bios": break
        default: config.firmwarePath = s
        }
    }

    private mutating func buildVGA() {
        config.stdvga = bool("stdvga")
        guard let v = value("vga"), let s = ValueReader(key: "vga").string(v, &diagnostics) else { return }
        let valid = ["stdvga", "cirrus", "none", "qxl"]
        if valid.contains(s) {
            config.vga = s
            if value("stdvga") != nil {
                warn("'stdvga' is ignored: 'vga' is set (as xl does)", at: nameRange("stdvga"))
            }
        } else {
            error("unknown vga '\(s)' (valid: \(valid.joined(separator: ", ")))", at: v.range)
        }
    }

    /// 0/1 (xm; 1 is xl's "defaults" group) or xl's list of enlightenment groups, `!group` to
    /// disable one, `all`, `defaults`.
    private mutating func buildViridian() {
        guard let v = value("viridian") else { return }
        guard v.elements != nil else {
            if case .string(let s) = v.kind, ValueReader.integer(in: s) == nil {
                warn("'viridian' as a single name: xl needs a list, viridian = ['\(s)']", at: v.range)
                config.viridian = viridianGroups([(s, v.range)])
                return
            }
            if let on = ValueReader(key: "viridian").bool(v, &diagnostics) { config.viridian = on ? ["defaults"] : [] }
            return
        }
        config.viridian = viridianGroups(stringList("viridian") ?? [])
    }

    private static let viridianNames = [
        "base", "freq", "time_ref_count", "reference_tsc", "hcall_remote_tlb_flush",
        "apic_assist", "crash_ctl", "synic", "stimer", "hcall_ipi",
        "ex_processor_masks", "no_vp_limit", "cpu_hotplug",
    ]

    private mutating func viridianGroups(_ items: [(text: String, range: SourceRange)]) -> [String] {
        var groups: [String] = []
        for (text, range) in items {
            let name = text.hasPrefix("!") ? String(text.dropFirst()) : text
            if text == "all" || text == "defaults" || Self.viridianNames.contains(name) {
                groups.append(text)
            } else {
                error(
                    "unknown viridian enlightenment '\(text)' (valid: all, defaults, \(Self.viridianNames.joined(separator: ", ")), each optionally with '!')",
                    at: range, hint: Suggestion.hint(for: name, among: Self.viridianNames))
            }
        }
        return groups
    }

    private mutating func buildTimerMode() {
        guard let v = value("timer_mode") else { return }
        let modes = TimerMode.allCases  // in libxl's numbering, 0...3
        if case .string(let s) = v.kind, ValueReader.integer(in: s) == nil {
            if let mode = TimerMode(rawValue: s) {
                config.timerMode = mode
            } else {
                error(
                    "unknown timer_mode '\(s)' (valid: \(modes.map(\.rawValue).joined(separator: ", ")))", at: v.range)
            }
            return
        }
        guard let n = ValueReader(key: "timer_mode").int(v, &diagnostics) else { return }
        guard modes.indices.contains(n) else {
            error("timer_mode \(n) is out of range (0-3, or a name)", at: v.range)
            return
        }
        config.timerMode = modes[n]
        warn("timer_mode as a number is deprecated in xl; write timer_mode = '\(modes[n].rawValue)'", at: v.range)
    }

    private mutating func buildTSCMode() {
        guard let v = value("tsc_mode") else { return }
        let names = ["default", "always_emulate", "native", "native_paravirt"]
        if case .string(let s) = v.kind, ValueReader.integer(in: s) == nil {
            if names.contains(s) {
                config.tscMode = s
            } else {
                error("unknown tsc_mode '\(s)' (valid: \(names.joined(separator: ", ")))", at: v.range)
            }
            return
        }
        guard let n = ValueReader(key: "tsc_mode").int(v, &diagnostics) else { return }
        guard names.indices.contains(n) else {
            error("tsc_mode \(n) is out of range (0-3, or a name)", at: v.range)
            return
        }
        config.tscMode = names[n]
        warn("tsc_mode as a number is deprecated in xl; write tsc_mode = '\(names[n])'", at: v.range)
    }
}
