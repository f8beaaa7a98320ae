import CXen
import ConfigParser

extension DomainConfigMapper {
    /// Disks as xlu_disk_parse leaves them: read-write unless read-only, raw unless a format is
    /// named, a cd-rom removable and read-only, an empty cd-rom of format "empty". The backend is
    /// left for libxl to choose unless the spec names one (xlu ignores xm's `phy:`/`file:` prefixes).
    mutating func fillDisks() throws(LibxlError) {
        guard !config.disks.isEmpty else { return }
        let disks = try CMemory.array(of: libxl_device_disk.self, count: config.disks.count) {
            libxl_device_disk_init($0)
        }
        target.pointee.disks = disks
        target.pointee.num_disks = Int32(config.disks.count)
        for (i, spec) in config.disks.enumerated() {
            try Self.fill(disks + i, from: spec)
        }
    }

    static func fill(_ d: UnsafeMutablePointer<libxl_device_disk>, from spec: DiskSpec) throws(LibxlError) {
        let shown = spec.original.isEmpty ? spec.target : spec.original
        guard !spec.vdev.isEmpty else {
            throw .invalidValue(key: "disk", value: shown, reason: "no virtual device (vdev) given")
        }
        guard !spec.target.isEmpty || spec.isCdrom else {
            throw .invalidValue(key: "disk", value: shown, reason: "no target given and the device is not a cd-rom")
        }
        try CMemory.replace(&d.pointee.pdev_path, withOptional: spec.hasTarget ? spec.target : nil, key: "disk")
        try CMemory.replace(&d.pointee.vdev, with: spec.vdev, key: "disk")
        try CMemory.replace(&d.pointee.backend_domname, withOptional: spec.backendDomain, key: "disk")
        try CMemory.replace(&d.pointee.script, withOptional: spec.script, key: "disk")
        d.pointee.format = format(spec.format)
        if let backend = spec.backendType { d.pointee.backend = Self.backend(backend) }
        // libxl has no "w!" (shared writable): such a disk is simply writable.
        d.pointee.readwrite = spec.readOnly ? 0 : 1
        if spec.isCdrom {
            d.pointee.is_cdrom = 1
            d.pointee.removable = 1
            d.pointee.readwrite = 0
            if spec.target.isEmpty { d.pointee.format = LIBXL_DISK_FORMAT_EMPTY }
        }
        if spec.directIOSafe == true { d.pointee.direct_io_safe = true }
        if let discard = spec.discard { libxl_defbool_set(&d.pointee.discard_enable, discard) }
        if let trusted = spec.trusted { libxl_defbool_set(&d.pointee.trusted, trusted) }
        if let specification = spec.specification {
            d.pointee.specification =
                specification == .xen ? LIBXL_DISK_SPECIFICATION_XEN : LIBXL_DISK_SPECIFICATION_VIRTIO
        }
        try fillColo(d, from: spec)
    }

    /// COLO replication settings (xl-disk-configuration calls them unstable; passed through).
    private static func fillColo(_ d: UnsafeMutablePointer<libxl_device_disk>, from spec: DiskSpec) throws(LibxlError) {
        if spec.colo { libxl_defbool_set(&d.pointee.colo_enable, true) }
        try CMemory.replace(&d.pointee.colo_host, withOptional: spec.coloHost, key: "disk")
        if let port = spec.coloPort {
            guard let p = Int32(exactly: port), p > 0 else {
                throw .invalidValue(key: "disk", value: spec.original, reason: "colo-port must be a positive number")
            }
            d.pointee.colo_port = p
        }
        try CMemory.replace(&d.pointee.colo_export, withOptional: spec.coloExport, key: "disk")
        try CMemory.replace(&d.pointee.active_disk, withOptional: spec.activeDisk, key: "disk")
        try CMemory.replace(&d.pointee.hidden_disk, withOptional: spec.hiddenDisk, key: "disk")
    }

    static func format(_ format: DiskSpec.Format?) -> libxl_disk_format {
        switch format {
        case nil, .raw?: LIBXL_DISK_FORMAT_RAW
        case .qcow?: LIBXL_DISK_FORMAT_QCOW
        case .qcow2?: LIBXL_DISK_FORMAT_QCOW2
        case .vhd?: LIBXL_DISK_FORMAT_VHD
        case .qed?: LIBXL_DISK_FORMAT_QED
        case .empty?: LIBXL_DISK_FORMAT_EMPTY
        }
    }

    static func backend(_ backend: DiskSpec.Backend) -> libxl_disk_backend {
        switch backend {
        case .phy: LIBXL_DISK_BACKEND_PHY
        case .qdisk: LIBXL_DISK_BACKEND_QDISK
        case .tap: LIBXL_DISK_BACKEND_TAP
        case .standalone: LIBXL_DISK_BACKEND_STANDALONE
        }
    }
}
