import XenCore

/// `xm list -l`: a domain as xend's SXP (XendConfig.to_sxp), from what the hypervisor and
/// libxl know. Keys follow xend's order; what xend kept only for itself (store_mfn,
/// on_xend_start, ...) is left out, and without a stored configuration (Domain-0) there is no
/// image and no device. `status` stays: cluster agents (ocf:heartbeat:Xen) read it.
package enum DomainLongFormat {
    package static func sxp(_ d: DomainDetails) -> SXP {
        let info = d.info
        var items: [SXP] = [.pair("domid", Int(info.id))]
        if let credit = d.credit {
            items.append(.pair("cpu_weight", credit.weight))
            items.append(.pair("cpu_cap", credit.cap))
        }
        items.append(.pair("uuid", info.uuid))
        items.append(.pair("vcpus", d.stored?.maxVCPUs ?? info.vcpuMaxID + 1))
        items.append(.pair("name", info.name))
        if let s = d.stored {
            items.append(.pair("on_poweroff", s.onPoweroff))
            items.append(.pair("on_reboot", s.onReboot))
            items.append(.pair("on_crash", s.onCrash))
            if let bootloader = s.bootloader { items.append(.pair("bootloader", bootloader)) }
        }
        let maxKiB = d.stored?.maxMemoryKiB ?? info.maxMemoryKiB
        let memoryMiB = d.stored.map { $0.targetMemoryKiB / 1024 } ?? DomainListFormat.memoryMiB(info)
        items.append(.pair("maxmem", String(maxKiB / 1024)))
        items.append(.pair("memory", String(memoryMiB)))
        if let start = d.startTime { items.append(.pair("start_time", PyFormat.pyStr(Double(start)))) }
        items.append(.pair("cpu_time", PyFormat.pyStr(DomainListFormat.cpuSeconds(info))))
        items.append(.pair("online_vcpus", info.vcpusOnline))
        if let s = d.stored { items.append(.node("image", [image(s)])) }
        items.append(.pair("status", xendStatus(info)))
        items.append(.pair("state", info.stateLetters))
        if let reason = info.shutdownReason { items.append(.pair("shutdown_reason", reason.rawValue)) }
        for disk in d.stored?.disks ?? [] { items.append(.node("device", [vbd(disk)])) }
        for nic in d.stored?.nics ?? [] { items.append(.node("device", [vif(nic)])) }
        return .node("domain", items)
    }

    /// xend's DOM_STATE_* as its refreshShutdown chose it: 0 halted (xend's word for crashed),
    /// 1 paused, 2 running, 3 suspended, 4 shut down or dying. Only 1 and 2 count as running to
    /// ocf:heartbeat:Xen.
    static func xendStatus(_ info: DomainInfo) -> Int {
        if info.dying { return 4 }
        if info.shutdown {
            switch info.shutdownReason {
            case .crash?: return 0
            case .suspend?: return 3
            default: return 4
            }
        }
        return info.paused ? 1 : 2
    }

    static func image(_ s: StoredDomainConfig) -> SXP {
        var fields: [SXP] = []
        if let k = s.kernel { fields.append(.pair("kernel", k)) }
        if let r = s.ramdisk { fields.append(.pair("ramdisk", r)) }
        if let a = s.cmdline { fields.append(.pair("args", a)) }
        let kind =
            switch s.type {
            case .hvm: "hvm"
            case .pvh: "pvh"
            default: "linux"
            }
        return .node(kind, fields)
    }

    /// xm's `uname`: `phy:` for a block device, `file:` for a raw image, `tap:FORMAT:` otherwise.
    static func vbd(_ disk: StoredDomainConfig.Disk) -> SXP {
        let uname: String
        if disk.target.isEmpty {
            uname = ""
        } else if disk.format == "raw" {
            uname = (disk.target.hasPrefix("/dev/") ? "phy:" : "file:") + disk.target
        } else {
            uname = "tap:\(disk.format):" + disk.target
        }
        return .node(
            "vbd",
            [
                .pair("uname", uname), .pair("dev", disk.vdev + (disk.cdrom ? ":cdrom" : "")),
                .pair("mode", disk.writable ? "w" : "r"),
            ])
    }

    static func vif(_ nic: StoredDomainConfig.Nic) -> SXP {
        var fields: [SXP] = [.pair("mac", nic.mac)]
        if let b = nic.bridge { fields.append(.pair("bridge", b)) }
        if let s = nic.script { fields.append(.pair("script", s)) }
        if let ip = nic.ip { fields.append(.pair("ip", ip)) }
        return .node("vif", fields)
    }
}
