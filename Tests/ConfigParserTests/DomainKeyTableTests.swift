import ConfigParser
import Testing

@Suite struct DomainKeyTableTests {
    /// create.py's gopts.var names (Xen 4.1.6.1), copied from the source: every one must be known.
    static let xmKeys = """
        vncpasswd vncviewer vncconsole name bootloader bootargs bootentry kernel ramdisk loader features builder \
        memory maxmem shadow_memory memory_sharing cpu cpus rtc_timeoffset pae hpet timer_mode tsc_mode nomigrate \
        vpt_align viridian acpi apic vcpus vcpu_avail vhpt cpu_cap cpu_weight restart on_poweroff on_reboot \
        on_crash blkif netif tpmif disk pci vscsi vusb ioports irq vfb vif vif2 vtpm access_control nics root \
        extra ip gateway netmask hostname interface dhcp nfs_server nfs_root device_model fda fdb parallel serial \
        monitor monitor_path localtime keymap usb usbdevice description guest_os_type stdvga isa boot nographic \
        soundhw vnc vncdisplay vnclisten vncunused videoram sdl gfx_passthru opengl display xauthority uuid \
        on_xend_start on_xend_stop target hap s3_integrity oos cpuid cpuid_check machine_address_size \
        suppress_spurious_page_faults pool pci_msitranslate pci_power_mgmt xen_platform_pci superpages maxvcpus
        """.split(separator: " ").map(String.init)

    /// Keys xl_parse.c (Xen 4.17) reads.
    static let xlKeys = """
        type builder name uuid pool seclabel init_seclabel memory maxmem vcpus maxvcpus cpus cpus_soft cap \
        cpu_weight on_poweroff on_reboot on_crash on_watchdog on_soft_reset kernel ramdisk cmdline root extra \
        bootloader bootloader_args disk vif vfb pci vtpm channel ioports irqs iomem acpi apic pae hap hpet \
        nestedhvm viridian timer_mode tsc_mode localtime rtc_timeoffset vpt_align nomigrate oos e820_host \
        xen_platform_pci stdvga vga nographic vnc vnclisten vncdisplay vncunused vncpasswd sdl opengl display \
        xauthority keymap serial boot usb usbdevice soundhw videoram shadow_memory device_model \
        device_model_override device_model_version device_model_args spice vnuma p9 usbctrl usbdev vkb \
        vdispl vsnd pvcalls dtdev rdm mca_caps max_grant_frames gfx_passthru firmware bios
        """.split(separator: " ").map(String.init)

    @Test func everyXmAndXlKeyIsKnown() {
        for key in Self.xmKeys + Self.xlKeys {
            #expect(ConfigKeyTable.key(key) != nil, "\(key) missing from the key table")
        }
        #expect(Set(ConfigKeyTable.names).count == ConfigKeyTable.names.count, "a key is listed twice")
    }

    @Test func oracleKeysGoToTheOracleDictionary() {
        let (c, d, _) = buildDomain(
            minimalPV
                + "OVM_simple_name = 'db01'\nOVM_high_availability = False\nguest_os_type = 'linux'\non_xend_start = 'start'\n"
        )
        #expect(c.oracleVM["OVM_simple_name"] == "db01")
        #expect(c.oracleVM["OVM_high_availability"] == "False")
        #expect(c.oracleVM["guest_os_type"] == "linux")
        #expect(c.oracleVM["on_xend_start"] == "start")
        #expect(d.warnings(containing: "unknown key").isEmpty)
        #expect(d.warnings(containing: "xl ignores 'on_xend_start'").first?.at == "6:1")
    }

    @Test func unknownKeyWarnsWithDidYouMean() {
        let (_, d, _) = buildDomain(minimalPV + "memroy = 512\nvcups = 2\nfrobnicate = 1\n")
        let w = d.warnings(containing: "unknown key")
        #expect(w.map(\.at) == ["3:1", "4:1", "5:1"])
        #expect(w[0].hint == "did you mean 'memory'?")
        #expect(w[1].hint == "did you mean 'vcpus'?")
        #expect(w[2].hint == nil)
        #expect(!d.hasErrors)
    }

    @Test func commandLineHelperVariablesAreNotUnknownKeys() {
        let (c, d, _) = buildDomain("name = 'vm%d' % vmid\nkernel = '/k'\n", variables: [("vmid", "3")])
        #expect(c.name == "vm3")
        #expect(d.warnings(containing: "unknown key").isEmpty)
    }

    @Test func xmOnlyKeysSayXlIgnoresThem() {
        let (_, d, _) = buildDomain(minimalPV + "vncconsole = 1\nfeatures = 'x'\nvif2 = ['']\n")
        #expect(d.warnings(containing: "xl ignores").map(\.at) == ["3:1", "4:1", "5:1"])
    }

    @Test func xlKeysNotAppliedYetSaySo() {
        let (_, d, _) = buildDomain(minimalPV + "max_grant_frames = 64\n")
        #expect(d.warnings(containing: "does not apply yet").first?.at == "3:1")
    }

    @Test func suggestionUsesTranspositions() {
        #expect(Suggestion.closest(to: "memroy", among: ConfigKeyTable.names) == "memory")
        #expect(Suggestion.closest(to: "on_crahs", among: ConfigKeyTable.names) == "on_crash")
        #expect(Suggestion.closest(to: "Memory", among: ConfigKeyTable.names) == "memory")
        #expect(Suggestion.closest(to: "zzzzzz", among: ConfigKeyTable.names) == nil)
        #expect(Suggestion.distance(Array("ab".unicodeScalars), Array("ba".unicodeScalars)) == 1)
    }
}
