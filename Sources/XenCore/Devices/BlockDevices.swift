import CXen
import ConfigParser
import Glibc

/// A virtual block device of a running domain, as libxl and the frontend report it.
public struct BlockDeviceInfo: Sendable, Hashable {
    public var devid: Int
    public var vdev: String
    public var backendID: Int
    public var state: Int
    public var eventChannel: Int
    public var ringRef: Int
    public var backendPath: String
    /// The backing file or device (empty: an empty CD-ROM drive).
    public var target: String
    public var isCdrom: Bool
    public var readOnly: Bool

    public init(
        devid: Int, vdev: String, backendID: Int, state: Int, eventChannel: Int, ringRef: Int, backendPath: String,
        target: String, isCdrom: Bool, readOnly: Bool
    ) {
        self.devid = devid
        self.vdev = vdev
        self.backendID = backendID
        self.state = state
        self.eventChannel = eventChannel
        self.ringRef = ringRef
        self.backendPath = backendPath
        self.target = target
        self.isCdrom = isCdrom
        self.readOnly = readOnly
    }
}

extension LibxlContext {
    /// Hot-plugs a disk. libxl also records it in the domain's stored configuration, so a
    /// restart by the monitor, `xm list -l`, a save and a migration keep it.
    public func attachDisk(_ domain: DomainInfo, _ spec: DiskSpec) throws {
        try requireRunning(domain, "attach a disk to")
        guard let number = VirtualDeviceName.number(spec.vdev) else { throw DeviceError.invalidVdev(spec.vdev) }
        if hasDisk(domain.id, number: number) { throw DeviceError.vdevInUse(vdev: spec.vdev, domain: domain.name) }
        // libxl checks only what dom0 serves; a disk served by another domain is that domain's to find.
        let servedHere = spec.backendDomain.map { $0 == "0" || $0 == "Domain-0" } ?? true
        if spec.hasTarget, servedHere, access(spec.target, F_OK) != 0 {
            throw DeviceError.backingMissing(path: spec.target, reason: String(cString: strerror(errno)))
        }
        var disk = libxl_device_disk()
        libxl_device_disk_init(&disk)
        defer { libxl_device_disk_dispose(&disk) }
        try DomainConfigMapper.fill(&disk, from: spec)
        try check(
            "attaching \(spec.vdev) to domain \(domain.id)", libxl_device_disk_add(ctx, domain.id, &disk, nil))
    }

    /// Unplugs a disk: the guest is asked to release it, and with `force` it is taken away whether
    /// the guest answers or not.
    public func detachDisk(_ domain: DomainInfo, vdev: String, force: Bool) throws {
        try requireRunning(domain, "detach a disk from")
        guard let number = VirtualDeviceName.number(vdev) else { throw DeviceError.invalidVdev(vdev) }
        var disk = libxl_device_disk()
        libxl_device_disk_init(&disk)
        defer { libxl_device_disk_dispose(&disk) }
        guard libxl_vdev_to_device_disk(ctx, domain.id, String(number), &disk) == 0 else {
            _ = log.takeRecentErrors()
            throw DeviceError.notConnected(device: vdev, domain: domain.name)
        }
        let rc =
            force
            ? libxl_device_disk_destroy(ctx, domain.id, &disk, nil)
            : libxl_device_disk_safe_remove(ctx, domain.id, &disk, nil)
        try check("detaching \(vdev) from domain \(domain.id)", rc)
    }

    /// The domain's disks, in libxl's order (its stored configuration's).
    public func blockDevices(of domid: UInt32) throws -> [BlockDeviceInfo] {
        var count: Int32 = 0
        guard let disks = libxl_device_disk_list(ctx, domid, &count) else {
            _ = log.takeRecentErrors()
            return []
        }
        defer { libxl_device_disk_list_free(disks, count) }
        var result: [BlockDeviceInfo] = []
        for i in 0..<Int(count) {
            var info = libxl_diskinfo()
            libxl_diskinfo_init(&info)
            defer { libxl_diskinfo_dispose(&info) }
            // A disk whose backend is going away has no info any more: it is left out, as xl does.
            guard libxl_device_disk_getinfo(ctx, domid, disks + i, &info) == 0 else {
                _ = log.takeRecentErrors()
                continue
            }
            let d = disks[i]
            result.append(
                BlockDeviceInfo(
                    devid: Int(info.devid), vdev: d.vdev.map { String(cString: $0) } ?? "",
                    backendID: Int(info.backend_id), state: Int(info.state), eventChannel: Int(info.evtch),
                    ringRef: Int(info.rref), backendPath: info.backend.map { String(cString: $0) } ?? "",
                    target: d.pdev_path.map { String(cString: $0) } ?? "", isCdrom: d.is_cdrom != 0,
                    readOnly: d.readwrite == 0))
        }
        return result
    }

    /// Puts a medium in an HVM guest's CD-ROM drive (`target` nil: ejects it). The device model
    /// does the change; libxl records the new medium in the stored configuration.
    public func changeMedium(_ domain: DomainInfo, vdev: String, target: String?) throws {
        try requireRunning(domain, "change the CD of")
        guard domain.type == .hvm else { throw DeviceError.mediaChangeNeedsHVM(domain: domain.name) }
        guard let drive = try blockDevices(of: domain.id).first(where: { sameDisk($0.vdev, vdev) }) else {
            throw DeviceError.notConnected(device: vdev, domain: domain.name)
        }
        guard drive.isCdrom else { throw DeviceError.notCdrom(vdev: vdev, domain: domain.name) }
        if let target, access(target, R_OK) != 0 {
            throw DeviceError.backingMissing(path: target, reason: String(cString: strerror(errno)))
        }
        if target != nil, createdEmpty(domain.id, vdev: drive.vdev) {
            throw DeviceError.driveCreatedEmpty(vdev: vdev, domain: domain.name)
        }
        var disk = libxl_device_disk()
        libxl_device_disk_init(&disk)
        defer { libxl_device_disk_dispose(&disk) }
        var spec = DiskSpec()
        spec.vdev = drive.vdev
        spec.isCdrom = true
        spec.readOnly = true
        if let target {
            spec.target = target
            spec.hasTarget = true
        }
        try DomainConfigMapper.fill(&disk, from: spec)
        let what = target.map { "inserting \($0) into" } ?? "ejecting the medium of"
        try check("\(what) \(vdev) of domain \(domain.id)", libxl_cdrom_insert(ctx, domain.id, &disk, nil))
    }

    /// Whether the drive had no medium when xm created the domain (xm's stored configuration; a
    /// domain xl made cannot tell). Debian's qemu-xen 7.2 dies (SIGSEGV) when libxl inserts a
    /// medium into such a drive, with xl as with xm; a drive that had one can be emptied and
    /// filled again.
    private func createdEmpty(_ domid: UInt32, vdev: String) -> Bool {
        guard let json = xmStoredConfig(for: domid), let config = try? LibxlDomainConfig(json: json, context: self)
        else {
            return false
        }
        return config.withUnsafeConfig { c -> Bool in
            let disks = c.pointee.disks
            return (0..<Int(c.pointee.num_disks)).contains { i in
                guard let d = disks?[i], let name = d.vdev.map({ String(cString: $0) }), sameDisk(name, vdev) else {
                    return false
                }
                return d.format == LIBXL_DISK_FORMAT_EMPTY || d.pdev_path == nil
            }
        }
    }

    /// One xenstore lookup (libxl's record of the disk), not the whole list: an attach is timed
    /// against xl's.
    private func hasDisk(_ domid: UInt32, number: Int) -> Bool {
        var disk = libxl_device_disk()
        libxl_device_disk_init(&disk)
        defer { libxl_device_disk_dispose(&disk) }
        let found = libxl_vdev_to_device_disk(ctx, domid, String(number), &disk) == 0
        _ = log.takeRecentErrors()
        return found
    }

    /// Device commands act on running guests only; Domain-0's devices are the host's.
    func requireRunning(_ domain: DomainInfo, _ action: String) throws {
        try refuseDomain0(domain.id, action)
        guard !domain.shutdown, !domain.dying else { throw DeviceError.domainNotRunning(domain.name) }
    }

    /// Two names of one disk: `xvdb`, `/dev/xvdb` and `51728` are the same device.
    private func sameDisk(_ a: String, _ b: String) -> Bool {
        guard let x = VirtualDeviceName.number(a), let y = VirtualDeviceName.number(b) else { return a == b }
        return x == y
    }
}
