import CXen

// libxlutil's own validation of a config, as xl's parse_config_data drives it: every key xl reads,
// through the typed getter xl uses for it (the next getter only when the value had another type,
// as xl falls back from a list to a string), and every disk spec through xlu_disk_parse. xl's own
// checks on the values live in xl, not in the library, and are not here. pci specs are read but
// not given to xlu_pci_parse_spec_string: Xen 4.17's crashes (SIGSEGV) on the malformed BDF
// '0000:03:00' of Fixtures/invalid/bad-pci-bdf.cfg, so `xl create` would too.

/// `disks` is a list whose items go through xlu_disk_parse.
enum Getter { case string, replaceString, long, boundedLong, defbool, list, disks, stringList }

/// The keys of xl_parse.c (Xen 4.17) in the order it reads them, with the getters it tries.
/// Static strings, so that no Swift-to-C conversion is timed on libxlutil's side.
let xlKeys: [(StaticString, [Getter])] = [
    ("vnc", [.defbool, .long]), ("vnclisten", [.replaceString]), ("vncpasswd", [.replaceString]),
    ("vncdisplay", [.long]), ("vncunused", [.defbool]), ("sdl", [.defbool]), ("opengl", [.defbool]),
    ("display", [.replaceString]), ("xauthority", [.replaceString]), ("cmdline", [.string]),
    ("root", [.string]), ("extra", [.string]), ("vnuma", [.list]), ("vsnd", [.list]), ("vkb", [.list]),
    ("virtio", [.list]), ("init_seclabel", [.string, .replaceString]),
    ("seclabel", [.string, .replaceString]), ("type", [.string]), ("builder", [.string]),
    ("hap", [.defbool]), ("name", [.replaceString]), ("uuid", [.string]), ("oos", [.defbool]),
    ("pool", [.string, .replaceString]), ("xenstore_feature_mask", [.long]),
    ("xenstore_quota", [.list]), ("pvshim", [.defbool]), ("pvshim_path", [.string, .replaceString]),
    ("pvshim_cmdline", [.string, .replaceString]), ("pvshim_extra", [.string, .replaceString]),
    ("cpu_weight", [.long]), ("cap", [.long]), ("period", [.long]), ("slice", [.long]),
    ("latency", [.long]), ("extratime", [.long]), ("memory", [.long]), ("maxmem", [.long]),
    ("llc_colors", [.list]), ("vcpus", [.long]), ("maxvcpus", [.long]), ("vuart", [.string]),
    ("cpus", [.list, .string]), ("cpus_soft", [.list, .string]), ("max_grant_frames", [.boundedLong]),
    ("max_maptrack_frames", [.boundedLong]), ("max_grant_version", [.boundedLong]),
    ("on_poweroff", [.string]), ("on_reboot", [.string]), ("on_watchdog", [.string]),
    ("on_crash", [.string]), ("on_soft_reset", [.string]), ("e820_host", [.defbool]),
    ("pci_msitranslate", [.long]), ("pci_power_mgmt", [.long]), ("pci_permissive", [.long]),
    ("pci_seize", [.long]), ("rdm", [.string]), ("pci", [.list]), ("dtdev", [.list]),
    ("passthrough", [.string]), ("shadow_memory", [.long]), ("nomigrate", [.defbool]),
    ("tsc_mode", [.long, .string]), ("rtc_timeoffset", [.long]), ("vncviewer", [.long]),
    ("localtime", [.defbool]), ("videoram", [.long]), ("max_event_channels", [.long]),
    ("kernel", [.replaceString]), ("ramdisk", [.replaceString]), ("device_tree", [.replaceString]),
    ("driver_domain", [.defbool]), ("acpi", [.defbool]), ("bootloader", [.replaceString]),
    ("bootloader_restrict", [.defbool]), ("bootloader_user", [.replaceString]),
    ("bootloader_args", [.stringList, .string]), ("timer_mode", [.long, .string]),
    ("nestedhvm", [.defbool]), ("firmware_override", [.replaceString]),
    ("bios_path_override", [.replaceString]), ("bios", [.string]), ("pae", [.defbool]),
    ("acpi_s3", [.defbool]), ("acpi_s4", [.defbool]), ("acpi_laptop_slate", [.defbool]),
    ("nx", [.defbool]), ("hpet", [.defbool]), ("vpt_align", [.defbool]), ("apic", [.defbool]),
    ("hvm_pirq", [.defbool]), ("viridian", [.list, .defbool]), ("mmio_hole", [.long]),
    ("altp2mhvm", [.defbool]), ("smbios_firmware", [.replaceString]),
    ("acpi_firmware", [.replaceString]), ("smbios", [.list]), ("ms_vm_genid", [.string]),
    ("rdm_mem_boundary", [.long]), ("mca_caps", [.list]), ("firmware", [.string, .replaceString]),
    ("altp2m", [.long, .string]), ("altp2m_count", [.long]), ("vmtrace_buf_kb", [.long]),
    ("ioports", [.list]), ("irqs", [.list]), ("iomem", [.list]), ("disk", [.disks]), ("p9", [.list]),
    ("vtpm", [.list]), ("vdispl", [.list]), ("pvcalls", [.list]), ("channel", [.list]),
    ("vif", [.list]), ("vif2", [.list]), ("vfb", [.list]), ("usbctrl", [.list]), ("usbdev", [.list]),
    ("cpuid", [.list, .string]), ("device_model", [.string]),
    ("device_model_override", [.replaceString]), ("device_model_version", [.string]),
    ("device_model_stubdomain_override", [.defbool]),
    ("device_model_stubdomain_seclabel", [.string, .replaceString]),
    ("device_model_user", [.replaceString]), ("stubdomain_kernel", [.replaceString]),
    ("stubdomain_cmdline", [.replaceString]), ("stubdomain_ramdisk", [.replaceString]),
    ("stubdomain_memory", [.long]), ("device_model_args", [.stringList]), ("keymap", [.replaceString]),
    ("dm_restrict", [.defbool]), ("vga", [.string]), ("stdvga", [.long]), ("hdtype", [.string]),
    ("spice", [.defbool]), ("spiceport", [.long]), ("spicetls_port", [.long]),
    ("spicehost", [.replaceString]), ("spicedisable_ticketing", [.defbool]),
    ("spicepasswd", [.replaceString]), ("spiceagent_mouse", [.defbool]), ("spicevdagent", [.defbool]),
    ("spice_clipboard_sharing", [.defbool]), ("spiceusbredirection", [.long]),
    ("spice_image_compression", [.replaceString]), ("spice_streaming_video", [.replaceString]),
    ("nographic", [.defbool]), ("gfx_passthru", [.long, .string]),
    ("serial", [.stringList, .replaceString]), ("boot", [.replaceString]), ("usb", [.defbool]),
    ("usbversion", [.long]), ("usbdevice", [.stringList, .replaceString]), ("vkb_device", [.defbool]),
    ("soundhw", [.replaceString]), ("xen_platform_pci", [.defbool]),
    ("xen_platform_pci_bar_uc", [.defbool]), ("vendor_device", [.string]), ("gic_version", [.string]),
    ("tee", [.string]), ("sve", [.string]), ("nr_spis", [.long]),
    ("trap_unmapped_accesses", [.defbool]), ("arm_sci", [.string]),
    ("xend_suspend_evtchn_compat", [.defbool]), ("msr_relaxed", [.defbool]), ("vpmu", [.defbool]),
    ("device_model_args", [.stringList]), ("device_model_args_pv", [.stringList]),
    ("device_model_args_hvm", [.stringList]),
]

/// Reads one key with one getter; the result is libxlutil's: 0, ESRCH (absent) or EINVAL (other type).
func libxlutilGet(_ cfg: OpaquePointer, _ name: StaticString, _ getter: Getter) -> Int32 {
    let key = UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)
    switch getter {
    case .string:
        var value: UnsafePointer<CChar>?
        return xlu_cfg_get_string(cfg, key, &value, 0)
    case .replaceString:
        var value: UnsafeMutablePointer<CChar>?
        defer { free(value) }
        return xlu_cfg_replace_string(cfg, key, &value, 0)
    case .long:
        var value = 0
        return xlu_cfg_get_long(cfg, key, &value, 0)
    case .boundedLong:
        var value = 0
        return xlu_cfg_get_bounded_long(cfg, key, 0, Int.max, &value, 0)
    case .defbool:
        var value = libxl_defbool()
        return xlu_cfg_get_defbool(cfg, key, &value, 0)
    case .list, .disks:
        var list: OpaquePointer?
        var count: Int32 = 0
        let rc = xlu_cfg_get_list(cfg, key, &list, &count, 0)
        guard rc == 0, let list else { return rc }
        for i in 0..<count {
            guard let item = xlu_cfg_get_listitem(list, i) else { continue }
            if getter == .disks { libxlutilDisk(cfg, item) }
        }
        return rc
    case .stringList:
        var value: libxl_string_list?
        defer { libxl_string_list_dispose(&value) }
        return xlu_cfg_get_list_as_string_list(cfg, key, &value, 0)
    }
}

func libxlutilDisk(_ cfg: OpaquePointer, _ spec: UnsafePointer<CChar>) {
    var disk = libxl_device_disk()
    libxl_device_disk_init(&disk)
    defer { libxl_device_disk_dispose(&disk) }
    var specs: [UnsafePointer<CChar>?] = [spec]
    _ = xlu_disk_parse(cfg, 1, &specs, &disk)
}

/// One libxlutil parse and validation: read, every key xl reads, destroy.
func libxlutilParseAndValidate(_ bytes: [CChar], report: UnsafeMutablePointer<FILE>) -> Bool {
    guard let cfg = xlu_cfg_init(report, "bench") else { return false }
    defer { xlu_cfg_destroy(cfg) }
    guard bytes.withUnsafeBufferPointer({ xlu_cfg_readdata(cfg, $0.baseAddress, Int32($0.count)) }) == 0 else {
        return false
    }
    var valid = true
    for (key, getters) in xlKeys {
        var rc = ESRCH
        for getter in getters {
            rc = libxlutilGet(cfg, key, getter)
            if rc != EINVAL { break }
        }
        if rc == EINVAL { valid = false }
    }
    return valid
}
