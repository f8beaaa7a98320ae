import CXen
import ConfigParser

extension DomainConfigMapper {
    /// kernel, ramdisk, command line and bootloader. Xen 4.17 keeps them in b_info for every guest
    /// type (the u.pv copies are deprecated). A PV or PVH guest needs one of kernel or bootloader.
    mutating func fillBoot() throws(LibxlError) {
        let b = bInfo
        try CMemory.replace(&b.pointee.kernel, withOptional: config.kernel, key: "kernel")
        try CMemory.replace(&b.pointee.ramdisk, withOptional: config.ramdisk, key: "ramdisk")
        try CMemory.replace(&b.pointee.cmdline, withOptional: commandLine, key: "cmdline")
        try CMemory.replace(&b.pointee.bootloader, withOptional: config.bootloader, key: "bootloader")
        if !config.bootloaderArgs.isEmpty {
            b.pointee.bootloader_args = try CMemory.stringList(config.bootloaderArgs, key: "bootloader_args")
        }
        if config.type != .hvm, config.kernel == nil, config.bootloader == nil {
            throw .nothingToBoot(type: config.type == .pv ? "PV" : "PVH")
        }
    }

    /// xl's rule: `cmdline` wins; otherwise "root=ROOT EXTRA" from what is present. The config
    /// layer usually composes it already; this covers a DomainConfig built by hand.
    var commandLine: String? {
        if let cmdline = config.cmdline { return cmdline }
        switch (config.root, config.extra) {
        case (let root?, let extra?): return "root=\(root) \(extra)"
        case (let root?, nil): return "root=\(root)"
        case (nil, let extra?): return extra
        case (nil, nil): return nil
        }
    }
}
