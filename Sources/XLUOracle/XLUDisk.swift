import CXen

/// A disk spec as xl reads it (`xlu_disk_parse` into a `libxl_device_disk`), reduced to the
/// fields our own disk parser also produces. Reference oracle for the differential tests.
public struct XLUDisk: Sendable, Hashable {
    /// Xen's names for the enums ("raw", "qcow2", "empty"; "phy", "qdisk", "unknown"...).
    public var target: String?
    public var vdev: String?
    public var format: String
    public var backend: String
    public var backendDomain: String?
    public var script: String?
    public var readwrite: Bool
    public var isCdrom: Bool
    public var removable: Bool
    public var directIOSafe: Bool
    /// nil when the spec leaves it to libxl.
    public var discard: Bool?
    public var colo: Bool?

    /// Parses one spec. Failure carries libxlutil's own message.
    public static func parse(_ spec: String) -> Result<XLUDisk, XLUError> {
        let config: XLUConfig
        do { config = try XLUConfig(sourceName: "disk") } catch { return .failure(error) }
        var disk = libxl_device_disk()
        libxl_device_disk_init(&disk)
        defer { libxl_device_disk_dispose(&disk) }
        let status: Int32 = config.withHandle { handle in
            spec.withCString { cSpec in
                var specs: [UnsafePointer<CChar>?] = [cSpec]
                return specs.withUnsafeMutableBufferPointer { buffer in
                    xlu_disk_parse(handle, 1, buffer.baseAddress, &disk)
                }
            }
        }
        guard status == 0 else { return .failure(.rejected(errno: status, report: config.report)) }
        return .success(XLUDisk(disk))
    }

    init(_ d: libxl_device_disk) {
        target = d.pdev_path.map { String(cString: $0) }
        vdev = d.vdev.map { String(cString: $0) }
        format = libxl_disk_format_to_string(d.format).map { String(cString: $0) } ?? "invalid"
        backend = libxl_disk_backend_to_string(d.backend).map { String(cString: $0) } ?? "invalid"
        backendDomain = d.backend_domname.map { String(cString: $0) }
        script = d.script.map { String(cString: $0) }
        readwrite = d.readwrite != 0
        isCdrom = d.is_cdrom != 0
        removable = d.removable != 0
        directIOSafe = d.direct_io_safe
        discard = libxl_defbool_is_default(d.discard_enable) ? nil : libxl_defbool_val(d.discard_enable)
        colo = libxl_defbool_is_default(d.colo_enable) ? nil : libxl_defbool_val(d.colo_enable)
    }
}
