import CXen
import ConfigParser

extension DomainConfigMapper {
    /// Settings xl reads for every guest type: TSC mode, RTC offset and local time, ACPI (4.17
    /// keeps it in b_info, not in u.hvm), the vCPU timer mode and nested virtualisation.
    mutating func fillPlatform() throws(LibxlError) {
        let b = bInfo
        if let tsc = config.tscMode { b.pointee.tsc_mode = try Self.tscMode(tsc) }
        if let nomigrate = config.nomigrate { libxl_defbool_set(&b.pointee.disable_migrate, nomigrate) }
        if let offset = config.rtcTimeoffset {
            // xl stores the long in a uint32: a negative offset wraps, and libxl reads it back signed.
            b.pointee.rtc_timeoffset = UInt32(truncatingIfNeeded: offset)
        }
        if let localtime = config.localtime { libxl_defbool_set(&b.pointee.localtime, localtime) }
        if let acpi = config.acpi { libxl_defbool_set(&b.pointee.acpi, acpi) }
        // xl refuses timer_mode for PV guests; xm silently ignored it there (only its HVM image
        // read it). We follow xm: a PV guest has no emulated timers to configure.
        if let mode = config.timerMode, config.type != .pv {
            guard libxl_timer_mode_from_string(mode.rawValue, &b.pointee.timer_mode) == 0 else {
                throw .invalidValue(key: "timer_mode", value: mode.rawValue, reason: "unknown timer mode")
            }
        }
        if let nested = config.nestedHvm { libxl_defbool_set(&b.pointee.nested_hvm, nested) }
    }

    /// xl accepts the mode by name or, deprecated, by number (0-3), as xm wrote it.
    static func tscMode(_ text: String) throws(LibxlError) -> libxl_tsc_mode {
        if let n = Int32(text) {
            guard (0...3).contains(n) else {
                throw .invalidValue(key: "tsc_mode", value: text, reason: "must be 0 to 3")
            }
            return libxl_tsc_mode(rawValue: UInt32(n))
        }
        var mode = LIBXL_TSC_MODE_DEFAULT
        guard libxl_tsc_mode_from_string(text, &mode) == 0 else {
            throw .invalidValue(
                key: "tsc_mode", value: text,
                reason: "expected default, always_emulate, native or native_paravirt")
        }
        return mode
    }

    /// The HVM platform switches xl reads only for HVM guests, and the firmware rule: an xm-era
    /// `kernel = ".../hvmloader"` names the firmware, which libxl chooses itself, so it is dropped.
    mutating func fillHVMFirmware() throws(LibxlError) {
        guard config.type == .hvm else { return }
        let b = bInfo
        if let kernel = b.pointee.kernel, Self.basename(String(cString: kernel)) == "hvmloader" {
            free(kernel)
            b.pointee.kernel = nil
        }
        if let pae = config.pae { libxl_defbool_set(&b.pointee.u.hvm.pae, pae) }
        if let hpet = config.hpet { libxl_defbool_set(&b.pointee.u.hvm.hpet, hpet) }
        if let align = config.vptAlign { libxl_defbool_set(&b.pointee.u.hvm.vpt_align, align) }
        if let apic = config.apic { libxl_defbool_set(&b.pointee.apic, apic) }
        if let viridian = config.viridian { try fillViridian(viridian) }
    }

    /// xl's viridian list: "defaults" switches the default set on, "all" enables every
    /// enlightenment, a name enables one and "!name" disables one. An empty list is `viridian = 0`.
    private mutating func fillViridian(_ items: [String]) throws(LibxlError) {
        let b = bInfo
        guard !items.isEmpty else {
            libxl_defbool_set(&b.pointee.u.hvm.viridian, false)
            return
        }
        let width = Int(LIBXL_BUILDINFO_HVM_VIRIDIAN_ENABLE_DISABLE_WIDTH)
        try CPUBitmap.allocate(&b.pointee.u.hvm.viridian_enable, bits: width)
        try CPUBitmap.allocate(&b.pointee.u.hvm.viridian_disable, bits: width)
        for item in items {
            switch item {
            case "all": CPUBitmap.setAll(&b.pointee.u.hvm.viridian_enable)
            case "defaults": libxl_defbool_set(&b.pointee.u.hvm.viridian, true)
            default:
                let disable = item.hasPrefix("!")
                let name = disable ? String(item.dropFirst()) : item
                var e = LIBXL_VIRIDIAN_ENLIGHTENMENT_BASE
                guard libxl_viridian_enlightenment_from_string(name, &e) == 0 else {
                    throw .invalidValue(key: "viridian", value: item, reason: "unknown viridian enlightenment")
                }
                if disable {
                    CPUBitmap.set(&b.pointee.u.hvm.viridian_disable, Int(e.rawValue))
                    CPUBitmap.reset(&b.pointee.u.hvm.viridian_enable, Int(e.rawValue))
                } else {
                    CPUBitmap.set(&b.pointee.u.hvm.viridian_enable, Int(e.rawValue))
                    CPUBitmap.reset(&b.pointee.u.hvm.viridian_disable, Int(e.rawValue))
                }
            }
        }
    }

    package static func basename(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if let slash = trimmed.lastIndex(of: "/"), trimmed.count > 1 {
            return String(trimmed[trimmed.index(after: slash)...])
        }
        return String(trimmed)
    }
}
