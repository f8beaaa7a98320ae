import ConfigParser

extension DomainConfig {
    /// The domain as xm's `make_config` described it to xend: `(vm (name ...) (image (linux ...))
    /// (device (vbd ...)) ...)`. Only what is set appears, as in xm.
    var sxp: SXP {
        var vm: [SXP] = []
        func add(_ key: String, _ value: String?) { if let value { vm.append(.pair(key, value)) } }
        func add(_ key: String, _ value: Int?) { if let value { vm.append(.pair(key, value)) } }
        add("name", name)
        add("memory", memory)
        add("maxmem", maxmem)
        add("shadow_memory", shadowMemory)
        add("on_poweroff", onPoweroff?.rawValue)
        add("on_reboot", onReboot?.rawValue)
        add("on_crash", onCrash?.rawValue)
        add("description", description)
        if let vcpuAvail {
            add("vcpu_avail", vcpuAvail)
            add("vcpus", maxvcpus ?? vcpus)
        } else if let maxvcpus, let vcpus {
            add("vcpu_avail", vcpus >= 63 ? nil : (1 << vcpus) - 1)
            add("vcpus", maxvcpus)
        } else {
            add("vcpus", vcpus ?? maxvcpus)
        }
        add("uuid", uuid)
        if let cpus, !cpus.all { add("cpus", cpus.cpus.map(String.init).joined(separator: ",")) }
        add("cpu_cap", cpuCap)
        add("cpu_weight", cpuWeight)
        if let localtime { add("localtime", localtime ? 1 : 0) }
        add("pool_name", pool)
        if let bootloader {
            add("bootloader", bootloader)
            add("bootloader_args", bootloaderArgs.isEmpty ? "-q" : bootloaderArgs.joined(separator: " "))
        }
        vm.append(.node("image", [imageSXP]))
        for disk in disks { vm.append(.node("device", [disk.sxp])) }
        for pci in pcis { vm.append(.node("device", [.node("pci", [.node("dev", pci.sxpFields)])])) }
        for vif in vifs { vm.append(.node("device", [vif.sxp])) }
        for vfb in vfbs { vm.append(.node("device", [vfb.sxp])) }
        for (key, value) in oracleVM.sorted(by: { $0.key < $1.key }) { add(key, value) }
        return .node("vm", vm)
    }

    private var imageSXP: SXP {
        var image: [SXP] = []
        func add(_ key: String, _ value: String?) { if let value { image.append(.pair(key, value)) } }
        func flag(_ key: String, _ value: Bool?) { if let value { image.append(.pair(key, value ? 1 : 0)) } }
        add("kernel", kernel)
        add("ramdisk", ramdisk)
        add("root", root)
        add("args", extra ?? cmdline)
        if type == .hvm {
            add("device_model", deviceModelOverride)
            add("boot", boot)
            flag("acpi", acpi)
            flag("apic", apic)
            flag("pae", pae)
            flag("hap", hap)
            flag("stdvga", stdvga)
            flag("usb", usb)
            for device in usbdevices { add("usbdevice", device) }
            add("serial", serial.first)
            add("soundhw", soundhw)
            add("timer_mode", timerMode.map { String(TimerMode.allCases.firstIndex(of: $0)!) })
            if let viridian { add("viridian", viridian.isEmpty ? "0" : "1") }
            if let rtcTimeoffset { image.append(.pair("rtc_timeoffset", rtcTimeoffset)) }
            add("keymap", keymap)
            if let vnc, vnc.enabled {
                image.append(.pair("vnc", 1))
                add("vnclisten", vnc.listen)
                if let d = vnc.display { image.append(.pair("vncdisplay", d)) }
                flag("vncunused", vnc.findUnused)
            }
            if let sdl, sdl.enabled { image.append(.pair("sdl", 1)) }
        }
        return .node(type == .hvm ? "hvm" : "linux", image)
    }
}

extension DiskSpec {
    var sxp: SXP {
        let uname = xmUname.map { $0 + target } ?? (target.isEmpty ? "" : "file:" + target)
        let dev = isCdrom ? vdev + ":cdrom" : vdev
        let mode = forceShared ? "w!" : readOnly ? "r" : "w"
        var fields: [SXP] = [.pair("uname", uname), .pair("dev", dev), .pair("mode", mode)]
        if let backendDomain { fields.append(.pair("backend", backendDomain)) }
        return .node(target.hasPrefix("tap") || xmUname?.hasPrefix("tap") == true ? "tap" : "vbd", fields)
    }
}

extension VifSpec {
    var sxp: SXP {
        var fields: [SXP] = []
        func add(_ key: String, _ value: String?) { if let value { fields.append(.pair(key, value)) } }
        add("mac", mac)
        add("bridge", bridge)
        add("ip", ip)
        add("script", script)
        add("vifname", vifname)
        add("type", type)
        add("model", model)
        add("backend", backend)
        add("rate", rate)
        return .node("vif", fields)
    }
}

extension VfbSpec {
    var sxp: SXP {
        var fields: [SXP] = [.pair("type", vnc ? "vnc" : "sdl")]
        func add(_ key: String, _ value: String?) { if let value { fields.append(.pair(key, value)) } }
        add("vnclisten", vnclisten)
        add("vncdisplay", vncdisplay.map(String.init))
        add("vncunused", vncunused.map { $0 ? "1" : "0" })
        add("display", display)
        add("xauthority", xauthority)
        add("keymap", keymap)
        return .node("vfb", fields)
    }
}

extension PciSpec {
    var sxpFields: [SXP] {
        func hex(_ v: Int, _ width: Int) -> String {
            let s = String(v, radix: 16)
            return "0x" + String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var fields: [SXP] = [
            .pair("domain", hex(domain, 4)), .pair("bus", hex(bus, 2)),
            .pair("slot", hex(device, 2)), .pair("func", hex(function, 1)),
        ]
        if let vslot { fields.append(.pair("vdevfn", hex(vslot << 3, 2))) }
        return fields
    }
}
