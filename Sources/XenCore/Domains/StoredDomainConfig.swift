import CXen

/// What libxl keeps of a running guest's configuration (libxl_retrieve_domain_configuration):
/// the parts `xm list -l` showed as the domain's image and devices.
public struct StoredDomainConfig: Sendable, Hashable {
    public struct Disk: Sendable, Hashable {
        public var target: String, vdev: String, writable: Bool, format: String, cdrom: Bool
        public init(target: String, vdev: String, writable: Bool, format: String, cdrom: Bool = false) {
            self.target = target
            self.vdev = vdev
            self.writable = writable
            self.format = format
            self.cdrom = cdrom
        }
    }
    public struct Nic: Sendable, Hashable {
        public var mac: String, bridge: String?, script: String?, ip: String?
        public init(mac: String, bridge: String? = nil, script: String? = nil, ip: String? = nil) {
            self.mac = mac
            self.bridge = bridge
            self.script = script
            self.ip = ip
        }
    }

    public var type: DomainInfo.GuestType
    public var kernel: String?, ramdisk: String?, cmdline: String?, bootloader: String?
    public var onPoweroff: String, onReboot: String, onCrash: String
    public var targetMemoryKiB: UInt64, maxMemoryKiB: UInt64
    public var maxVCPUs: Int
    public var disks: [Disk]
    public var nics: [Nic]

    public init(
        type: DomainInfo.GuestType, kernel: String? = nil, ramdisk: String? = nil, cmdline: String? = nil,
        bootloader: String? = nil, onPoweroff: String = "destroy", onReboot: String = "restart",
        onCrash: String = "destroy", targetMemoryKiB: UInt64, maxMemoryKiB: UInt64, maxVCPUs: Int,
        disks: [Disk] = [], nics: [Nic] = []
    ) {
        self.type = type
        self.kernel = kernel
        self.ramdisk = ramdisk
        self.cmdline = cmdline
        self.bootloader = bootloader
        self.onPoweroff = onPoweroff
        self.onReboot = onReboot
        self.onCrash = onCrash
        self.targetMemoryKiB = targetMemoryKiB
        self.maxMemoryKiB = maxMemoryKiB
        self.maxVCPUs = maxVCPUs
        self.disks = disks
        self.nics = nics
    }
}

extension LibxlContext {
    /// The stored configuration of a guest; nil for Domain-0 and whenever libxl has none
    /// (a domain another toolstack built), since `xm list -l` still lists those.
    public func storedConfig(_ domid: UInt32) -> StoredDomainConfig? {
        guard domid != 0 else { return nil }
        var c = libxl_domain_config()
        libxl_domain_config_init(&c)
        defer { libxl_domain_config_dispose(&c) }
        guard libxl_retrieve_domain_configuration(ctx, domid, &c, nil) == 0 else {
            _ = log.takeRecentErrors()
            return nil
        }
        func str(_ p: UnsafeMutablePointer<CChar>?) -> String? { p.map { String(cString: $0) } }
        func action(_ a: libxl_action_on_shutdown) -> String {
            libxl_action_on_shutdown_to_string(a).map { String(cString: $0) } ?? "destroy"
        }
        let b = c.b_info
        let type: DomainInfo.GuestType =
            switch c.c_info.type {
            case LIBXL_DOMAIN_TYPE_PV: .pv
            case LIBXL_DOMAIN_TYPE_PVH: .pvh
            case LIBXL_DOMAIN_TYPE_HVM: .hvm
            default: .unknown
            }
        let disks = (0..<Int(c.num_disks)).map { i -> StoredDomainConfig.Disk in
            let d = c.disks[i]
            return .init(
                target: str(d.pdev_path) ?? "", vdev: str(d.vdev) ?? "", writable: d.readwrite != 0,
                format: libxl_disk_format_to_string(d.format).map { String(cString: $0) } ?? "raw",
                cdrom: d.is_cdrom != 0)
        }
        let nics = (0..<Int(c.num_nics)).map { i -> StoredDomainConfig.Nic in
            let n = c.nics[i]
            return .init(mac: Self.macText(n.mac), bridge: str(n.bridge), script: str(n.script), ip: str(n.ip))
        }
        return StoredDomainConfig(
            type: type, kernel: configuredKernel(str(b.kernel), domid: domid), ramdisk: str(b.ramdisk),
            cmdline: str(b.cmdline), bootloader: str(b.bootloader), onPoweroff: action(c.on_poweroff),
            onReboot: action(c.on_reboot), onCrash: action(c.on_crash), targetMemoryKiB: b.target_memkb,
            maxMemoryKiB: b.max_memkb, maxVCPUs: Int(b.max_vcpus), disks: disks, nics: nics)
    }

    /// A kernel libxl loaded from the kernel cache is shown as the file the config names (kept in
    /// the configuration xm stored with the domain), not as the cache's entry.
    func configuredKernel(_ loaded: String?, domid: UInt32) -> String? {
        guard let loaded, let cache = kernelCache, loaded.hasPrefix(cache.directory + "/"),
            // xm's own record only: libxl's (a domain xl restored) names the cache's path again
            let json = xmStoredConfig(for: domid),
            let config = try? LibxlDomainConfig(json: json, context: self)
        else { return loaded }
        return config.withUnsafeConfig { $0.pointee.b_info.kernel.map { String(cString: $0) } } ?? loaded
    }
}
