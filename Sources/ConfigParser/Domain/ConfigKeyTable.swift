/// Every key of xm's create.py (Xen 4.1.6.1 `gopts.var` list, plus `maxvcpus` and
/// `xen_extended_power_mgmt`, which create.py read without declaring) and of xl.cfg(5) / xl_parse.c
/// (Xen 4.17) that a Xen 4.17 domain can use, plus the Oracle VM keys.
public enum ConfigKeyTable {
    public static func key(_ name: String) -> ConfigKey? {
        if let i = index(of: name) { return all[i] }
        if name.hasPrefix("OVM_") { return ConfigKey(name, .string, .oracle, .same, "Oracle VM Manager metadata") }
        return nil
    }

    /// Keys that only describe the VM for Oracle VM Manager / xend; kept in `DomainConfig.oracleVM`.
    public static func isOracleKey(_ name: String) -> Bool {
        if let i = index(of: name) { return all[i].origin == .oracle }
        return name.hasPrefix("OVM_")
    }

    /// Where `name` is in `all`. Asked of every setting of every file: found through an
    /// open-addressing table keyed by the name's `NameSignature` rather than by hashing the name
    /// (a Dictionary cost 2.5% of parse+validate in xm-bench).
    @inline(__always)  // outlined, the caller retained and released the name around the call
    static func index(of name: String) -> Int? {
        let sig = NameSignature.of(name)
        var slot = slot(of: sig)
        while true {
            let entry = slots[slot]
            if entry.index < 0 { return nil }
            if entry.signature == sig && names[Int(entry.index)] == name { return Int(entry.index) }
            slot = (slot + 1) & (slotCount - 1)
        }
    }

    /// A power of two over five times the number of keys: probe chains stay short.
    private static let slotCount = 1024

    private static func slot(of signature: UInt32) -> Int {
        NameSignature.slot(signature, bits: 10)  // slotCount = 2^10
    }

    /// Indices into `all` (-1: empty), each at its signature's slot or the next free one, with that
    /// key's `NameSignature` alongside: a probe reads one table (each static costs a `swift_once`
    /// check per lookup). Only the first of duplicate names is entered, as a dictionary built from
    /// `all` would keep.
    private static let slots: [(index: Int16, signature: UInt32)] = {
        var slots = [(index: Int16, signature: UInt32)](repeating: (-1, 0), count: slotCount)
        var seen: Set<String> = []
        for i in all.indices where seen.insert(all[i].name).inserted {
            let signature = NameSignature.of(all[i].name)
            var slot = slot(of: signature)
            while slots[slot].index >= 0 { slot = (slot + 1) & (slotCount - 1) }
            slots[slot] = (Int16(i), signature)
        }
        return slots
    }()

    /// The key names prepared once for did-you-mean hints.
    static let suggestionCandidates = Suggestion.Candidates(names)

    public static let names: [String] = all.map(\.name)

    private static let xmOnlyHVM = "xl has no such option (it was xm's qemu-dm setting)"

    public static let all: [ConfigKey] =
        identity + resources + boot + lifecycle + devices + platform
        + display + deviceModel + xmOnly + xlOnlyNotApplied + oracle

    static let identity: [ConfigKey] = [
        ConfigKey("name", .string, .both, .same, "domain name; without it xm used the config file's name"),
        ConfigKey("uuid", .string, .both, .same, "domain UUID, 8-4-4-4-12 hex"),
        ConfigKey("type", .string, .xl, .same, "guest type: pv, pvh or hvm"),
        ConfigKey("builder", .string, .both, .same, "xm's guest type: 'linux' (PV) or 'hvm'; deprecated in xl"),
        ConfigKey("pool", .string, .both, .same, "CPU pool"),
        ConfigKey("seclabel", .string, .xl, .same, "XSM security label"),
        ConfigKey(
            "description", .string, .xm, .ignored("libxl has no description; it is kept for `xm list -l` only"),
            "free text"),
    ]

    static let resources: [ConfigKey] = [
        ConfigKey("memory", .int, .both, .same, "initial memory, MiB"),
        ConfigKey("maxmem", .int, .both, .same, "maximum memory (balloon ceiling), MiB"),
        ConfigKey("shadow_memory", .int, .both, .same, "shadow page table memory, MiB"),
        ConfigKey("videoram", .int, .both, .same, "video memory, MiB (HVM)"),
        ConfigKey("vcpus", .int, .both, .same, "vCPUs online at boot"),
        ConfigKey("maxvcpus", .int, .both, .same, "vCPUs the domain may ever have"),
        ConfigKey("cpus", .stringOrList, .both, .same, "pCPUs the vCPUs may run on: '0-3,^1', or one entry per vCPU"),
        ConfigKey("cpu", .int, .xm, .same, "xm: pCPU for vCPU 0 (prepended to cpus); xl ignores it"),
        ConfigKey("cpu_weight", .int, .both, .same, "credit scheduler weight"),
        ConfigKey("cpu_cap", .int, .xm, .same, "credit scheduler cap, % of one pCPU (xl's 'cap')"),
        ConfigKey("vcpu_avail", .int, .xm, .same, "xm: bitmask of the vCPUs online at boot (libxl's avail_vcpus)"),
        ConfigKey("cap", .int, .xl, .same, "credit scheduler cap, % of one pCPU"),
        ConfigKey(
            "firmware", .string, .xl, .same, "HVM: seabios, rombios, ovmf, uefi or a path; PV/PVH: pvgrub32 or pvgrub64"
        ),
        ConfigKey("bios", .string, .xl, .same, "HVM firmware: seabios, rombios or ovmf"),
    ]

    static let boot: [ConfigKey] = [
        ConfigKey("kernel", .string, .both, .same, "PV/PVH kernel path"),
        ConfigKey("ramdisk", .string, .both, .same, "initial ramdisk path"),
        ConfigKey("root", .string, .both, .same, "root= for the kernel command line"),
        ConfigKey("extra", .string, .both, .same, "more kernel command line"),
        ConfigKey("cmdline", .string, .xl, .same, "the whole kernel command line (wins over root/extra)"),
        ConfigKey("bootloader", .string, .both, .same, "boot loader run in dom0, e.g. 'pygrub'"),
        ConfigKey("bootloader_args", .stringOrList, .xl, .same, "boot loader arguments"),
        ConfigKey("bootargs", .string, .xm, .same, "xm's boot loader arguments (xl: bootloader_args)"),
        ConfigKey("boot", .string, .both, .hvmOnly, "HVM boot order: a (floppy), c (disk), d (cd-rom), n (network)"),
    ]

    static let lifecycle: [ConfigKey] = [
        ConfigKey("on_poweroff", .string, .both, .same, "action when the guest powers off"),
        ConfigKey("on_reboot", .string, .both, .same, "action when the guest reboots"),
        ConfigKey("on_crash", .string, .both, .same, "action when the guest crashes"),
        ConfigKey("on_watchdog", .string, .xl, .same, "action when the guest's watchdog fires"),
        ConfigKey("on_soft_reset", .string, .xl, .same, "action on soft reset"),
        ConfigKey("restart", .string, .xm, .same, "xm's deprecated onreboot|always|never (xl: on_*)"),
    ]

    static let devices: [ConfigKey] = [
        ConfigKey("disk", .stringList, .both, .same, "disks: xm 'uname,dev,mode' or xl disk specs"),
        ConfigKey("vif", .stringList, .both, .same, "network interfaces"),
        ConfigKey("vfb", .stringList, .both, .same, "PV framebuffers"),
        ConfigKey("pci", .stringList, .both, .same, "passed-through PCI devices"),
        ConfigKey("pci_msitranslate", .bool, .both, .same, "default msitranslate for pci entries"),
        ConfigKey("pci_power_mgmt", .bool, .both, .same, "default power_mgmt for pci entries"),
        ConfigKey("pci_permissive", .bool, .xl, .same, "default permissive for pci entries"),
        ConfigKey("pci_seize", .bool, .xl, .same, "default seize for pci entries"),
        ConfigKey("vtpm", .stringList, .both, .same, "virtual TPMs"),
        ConfigKey("channel", .stringList, .xl, .same, "PV channels"),
        ConfigKey("ioports", .stringList, .both, .same, "legacy I/O port ranges, hex FROM[-TO]"),
        ConfigKey("irqs", .stringList, .xl, .same, "physical IRQs"),
        ConfigKey("irq", .stringList, .xm, .same, "xm's physical IRQs (xl: irqs)"),
        ConfigKey("serial", .stringOrList, .both, .hvmOnly, "HVM serial ports ('pty', 'file:...')"),
        ConfigKey("usb", .bool, .both, .hvmOnly, "emulated USB controller"),
        ConfigKey("usbdevice", .stringOrList, .both, .hvmOnly, "emulated USB devices ('tablet')"),
        ConfigKey("soundhw", .string, .both, .hvmOnly, "emulated sound card"),
    ]

    static let platform: [ConfigKey] = [
        ConfigKey("acpi", .bool, .both, .same, "ACPI"),
        ConfigKey("apic", .bool, .both, .hvmOnly, "local APIC"),
        ConfigKey("pae", .bool, .both, .hvmOnly, "PAE"),
        ConfigKey("hap", .bool, .both, .same, "hardware-assisted paging"),
        ConfigKey("hpet", .bool, .both, .hvmOnly, "virtual HPET"),
        ConfigKey("nestedhvm", .bool, .xl, .hvmOnly, "nested virtualisation"),
        ConfigKey("viridian", .intOrName, .both, .hvmOnly, "Hyper-V enlightenments: 0/1 or a list of groups"),
        ConfigKey("timer_mode", .intOrName, .both, .hvmOnly, "HVM timer mode, 0-3 or a name"),
        ConfigKey("tsc_mode", .intOrName, .both, .same, "TSC mode, 0-3 or a name"),
        ConfigKey("localtime", .bool, .both, .same, "RTC in local time"),
        ConfigKey("rtc_timeoffset", .int, .both, .same, "RTC offset, seconds"),
        ConfigKey("vpt_align", .bool, .both, .hvmOnly, "align virtual platform timers"),
        ConfigKey("nomigrate", .bool, .both, .same, "forbid migration"),
        ConfigKey("oos", .bool, .both, .same, "out-of-sync shadow page tables"),
        ConfigKey("e820_host", .bool, .xl, .same, "host e820 map for a PV guest"),
        ConfigKey("xen_platform_pci", .bool, .both, .hvmOnly, "Xen platform PCI device (PV drivers)"),
        ConfigKey("stdvga", .bool, .both, .hvmOnly, "standard VGA instead of Cirrus"),
        ConfigKey("vga", .string, .xl, .hvmOnly, "emulated VGA: stdvga, cirrus, none, qxl"),
        ConfigKey("nographic", .bool, .both, .hvmOnly, "no emulated graphics"),
    ]

    static let display: [ConfigKey] = [
        ConfigKey("vnc", .bool, .both, .same, "VNC console (HVM, or a PV framebuffer when vfb is not set)"),
        ConfigKey("vnclisten", .string, .both, .same, "VNC listen address"),
        ConfigKey("vncdisplay", .int, .both, .same, "VNC display number"),
        ConfigKey("vncunused", .bool, .both, .same, "pick the first unused VNC display"),
        ConfigKey("vncpasswd", .string, .both, .same, "VNC password"),
        ConfigKey("sdl", .bool, .both, .same, "SDL window"),
        ConfigKey("opengl", .bool, .both, .same, "OpenGL for SDL"),
        ConfigKey("display", .string, .both, .same, "X display for SDL"),
        ConfigKey("xauthority", .string, .both, .same, "X authority file for SDL"),
        ConfigKey("keymap", .string, .both, .same, "keyboard layout, e.g. 'en-us'"),
        ConfigKey(
            "vncconsole", .bool, .xm, .ignored("xm started a VNC viewer after create; connect a VNC client yourself"),
            "xm: start a VNC viewer"),
        ConfigKey(
            "vncviewer", .bool, .xm, .ignored("xl ignores it (use the -V option of create)"), "xm: start a VNC viewer"),
    ]

    static let deviceModel: [ConfigKey] = [
        ConfigKey("device_model", .string, .xm, .same, "xm's device model path (qemu-dm); xl ignores it"),
        ConfigKey("device_model_override", .string, .xl, .same, "device model binary"),
        ConfigKey("device_model_version", .string, .xl, .same, "qemu-xen or qemu-xen-traditional"),
        ConfigKey("device_model_args", .stringList, .xl, .same, "extra device model arguments"),
        ConfigKey("device_model_args_pv", .stringList, .xl, .notApplied, "extra device model arguments, PV"),
        ConfigKey("device_model_args_hvm", .stringList, .xl, .notApplied, "extra device model arguments, HVM"),
    ]

    /// xm keys that xl 4.17 does not read at all.
    static let xmOnly: [ConfigKey] = [
        ConfigKey(
            "bootentry", .string, .xm, .ignored("deprecated even in xm; use bootloader_args"), "xm: boot loader entry"),
        ConfigKey(
            "loader", .string, .xm, .ignored("libxl chooses the HVM firmware (firmware_override to change it)"),
            "xm: HVM firmware path"),
        ConfigKey("features", .string, .xm, .ignored("libxl has no PV kernel feature list"), "xm: PV kernel features"),
        ConfigKey("memory_sharing", .bool, .xm, .ignored("libxl has no memory sharing option"), "xm: memory sharing"),
        ConfigKey(
            "cdrom", .string, .xm,
            .ignored("Xen 3.0's HVM cd-rom; since Xen 3.1 a cd-rom is a disk entry, e.g. 'file:/path.iso,hdc:cdrom,r'"),
            "Xen 3.0: HVM cd-rom image or device"),
        ConfigKey("vhpt", .int, .xm, .ignored("IA64 only"), "xm: IA64 VHPT size"),
        ConfigKey(
            "blkif", .bool, .xm, .ignored("driver domains are set up with driver_domain=1 in xl"),
            "xm: be a block backend"),
        ConfigKey(
            "netif", .bool, .xm, .ignored("driver domains are set up with driver_domain=1 in xl"),
            "xm: be a network backend"),
        ConfigKey("tpmif", .bool, .xm, .ignored("libxl has no TPM backend flag"), "xm: be a TPM backend"),
        ConfigKey("vscsi", .stringList, .xm, .ignored("xl 4.17 has no PV SCSI"), "xm: PV SCSI devices"),
        ConfigKey("vusb", .stringList, .xm, .ignored("use usbctrl/usbdev in xl"), "xm: PV USB host controllers"),
        ConfigKey(
            "vif2", .stringList, .xm, .ignored("netchannel2 is not supported by xl"), "xm: netchannel2 interfaces"),
        ConfigKey(
            "access_control", .stringList, .xm, .ignored("ACM labels are gone; XSM uses seclabel"),
            "xm: ACM policy and label"),
        ConfigKey("nics", .int, .xm, .ignored("deprecated even in xm; use vif = ['']"), "xm: number of NICs"),
        ConfigKey("ip", .string, .xm, .same, "xm: kernel ip= address (composed into the command line)"),
        ConfigKey("gateway", .string, .xm, .same, "xm: kernel ip= gateway"),
        ConfigKey("netmask", .string, .xm, .same, "xm: kernel ip= netmask"),
        ConfigKey("hostname", .string, .xm, .same, "xm: kernel ip= hostname"),
        ConfigKey("interface", .string, .xm, .same, "xm: kernel ip= interface"),
        ConfigKey("dhcp", .string, .xm, .same, "xm: kernel ip= autoconfiguration ('dhcp' or 'off')"),
        ConfigKey("nfs_server", .string, .xm, .same, "xm: NFS root server"),
        ConfigKey("nfs_root", .string, .xm, .same, "xm: NFS root path (nfsroot= on the command line)"),
        ConfigKey("fda", .string, .xm, .ignored(xmOnlyHVM), "xm: floppy A image"),
        ConfigKey("fdb", .string, .xm, .ignored(xmOnlyHVM), "xm: floppy B image"),
        ConfigKey("parallel", .string, .xm, .ignored(xmOnlyHVM), "xm: parallel port"),
        ConfigKey("monitor", .bool, .xm, .ignored(xmOnlyHVM), "xm: qemu monitor"),
        ConfigKey("monitor_path", .string, .xm, .ignored(xmOnlyHVM), "xm: qemu monitor path"),
        ConfigKey("isa", .bool, .xm, .ignored(xmOnlyHVM), "xm: ISA-only machine"),
        ConfigKey(
            "target", .int, .xm, .ignored("stub domain targets are managed by libxl"), "xm: domain this one serves"),
        ConfigKey(
            "s3_integrity", .bool, .xm, .ignored("tboot S3 integrity is not a libxl option"),
            "xm: tboot S3 memory integrity"),
        ConfigKey("cpuid_check", .stringList, .xm, .ignored("libxl has no CPUID check list"), "xm: CPUID checks"),
        ConfigKey("machine_address_size", .int, .xm, .ignored("not a libxl option"), "xm: machine address width"),
        ConfigKey(
            "suppress_spurious_page_faults", .bool, .xm, .ignored("not a libxl option"),
            "xm: suppress spurious page faults"),
        ConfigKey("superpages", .bool, .xm, .ignored("not a libxl option"), "xm: superpages"),
        ConfigKey(
            "xen_extended_power_mgmt", .int, .xm, .ignored("not a libxl option"), "xm: extended power management"),
    ]

    /// xl keys this toolstack recognises but does not apply yet: a warning says so.
    static let xlOnlyNotApplied: [ConfigKey] = [
        "cpus_soft", "init_seclabel", "cpuid", "gfx_passthru", "firmware_override",
        "bios_path_override", "acpi_firmware", "acpi_s3", "acpi_s4", "acpi_laptop_slate", "smbios_firmware",
        "altp2m", "altp2mhvm", "device_model_stubdomain_override", "device_model_stubdomain_seclabel",
        "device_model_user", "device_tree", "dm_restrict", "driver_domain", "dtdev", "extratime", "gic_version",
        "hdtype", "iomem", "latency", "max_event_channels", "max_grant_frames", "max_grant_version",
        "max_maptrack_frames", "mca_caps", "mmio_hole", "ms_vm_genid", "msr_relaxed", "nx", "p9", "passthrough",
        "period", "pvcalls", "pvshim", "pvshim_cmdline", "pvshim_extra", "pvshim_path", "rdm", "rdm_mem_boundary",
        "slice", "spice", "spicehost", "spiceport", "spicetls_port", "spicepasswd", "spicedisable_ticketing",
        "spiceagent_mouse", "spicevdagent", "spice_clipboard_sharing", "spiceusbredirection",
        "spice_image_compression", "spice_streaming_video", "stubdomain_kernel", "stubdomain_cmdline",
        "stubdomain_ramdisk", "stubdomain_memory", "tee", "usbctrl", "usbdev", "usbversion", "vdispl",
        "vendor_device", "vkb", "vkb_device", "vmtrace_buf_kb", "vnuma", "vpmu", "vsnd", "vuart",
        "xend_suspend_evtchn_compat",
    ].map { ConfigKey($0, .stringOrList, .xl, .notApplied, "xl.cfg(5) key") }

    static let oracle: [ConfigKey] = [
        ConfigKey(
            "guest_os_type", .string, .oracle, .ignored("xend's HVM guest OS hint; libxl has none"),
            "guest OS family (Oracle VM / xend)"),
        ConfigKey(
            "on_xend_start", .string, .oracle, .ignored("there is no xend: start the domain from your init system"),
            "xend: ignore|start"),
        ConfigKey(
            "vif_other_config", .stringList, .oracle, .ignored("xend's per-vif XenAPI other_config; libxl has none"),
            "xend: per-vif extra settings"),
        ConfigKey(
            "on_xend_stop", .string, .oracle, .ignored("there is no xend: stop the domain from your init system"),
            "xend: ignore|shutdown|suspend"),
    ]
}
