/// Parses one disk spec string, in either dialect: xm's `uname,dev,mode[,backend[,protocol]]`
/// (`phy:/dev/vg/lv,xvda,w`, `tap:aio:/img,xvda,w`, `,hdc:cdrom,r`) and xl's positional and
/// key=value forms (xl-disk-configuration(5)).
///
/// The reference behaviour is libxlutil's flex lexer (tools/libs/util/libxlu_disk_l.l, Xen 4.17):
/// at each position the rule matching the most text wins (trailing context included), ties going
/// to the earlier rule; `target=` takes the rest of the string; deprecated prefixes (`phy:`,
/// `file:`, `tap:`, `tap2:`, `tapdisk:`, `aio:`, `ioemu:`, `raw:`, `qcow:`, `qcow2:`, `vhd:`,
/// `iscsi:`, `nbd:`, `enbd:`, `drbd:`) are consumed before the positional parameters; after a
/// deprecated prefix the second positional parameter is the vdev, not the format.
///
/// Intentional differences from xlu_disk_parse (each yields a warning, never silence):
/// - access `w!` (xm's "writable even if shared") is accepted as read-write with `forceShared`;
///   xlu rejects it.
/// - in the xm form (a deprecated prefix was seen) a fourth positional parameter is xm's backend
///   domain and a fifth xm's blkif protocol; xlu rejects both as "too many positional parameters".
/// - a `/dev/`-prefixed vdev (which xm allowed) is reduced to the bare name; xlu keeps it and
///   libxl then fails to number the device.
/// The vdev itself is checked by the caller (`VirtualDeviceName`), not here, as with xlu.
/// `trusted`/`untrusted` follow the 4.17 lexer source and documentation; the generated scanner
/// shipped in 4.17.7 (libxlu_disk_l.c) predates them, so the installed xlu_disk_parse rejects them.
/// `format` is always filled in (xlu's default `raw`; `empty` for a cd-rom without a target).
public enum DiskSpecParser {
    public static func parse(_ spec: String) -> Result<DiskSpec, DiskSpecError> {
        var warnings: [String] = []
        return parse(spec, warnings: &warnings)
    }

    public static func parse(_ spec: String, warnings: inout [String]) -> Result<DiskSpec, DiskSpecError> {
        var disk = DiskSpec()
        if let error = parse(spec, into: &disk, warnings: &warnings) { return .failure(error) }
        return .success(disk)
    }

    /// The parse behind `parse(_:warnings:)`, filling in `disk` (which should be fresh) and
    /// returning the error, if any. For the builder: taking a disk out of a `Result` copied it,
    /// retaining each of its strings only to release them with the `Result`.
    static func parse(_ spec: String, into disk: inout DiskSpec, warnings: inout [String]) -> DiskSpecError? {
        DiskSpecScanner.scan(spec) { scanner in finish(&scanner, into: &disk, warnings: &warnings) }
    }

    /// The checks and defaults xlu applies once the whole spec is scanned.
    private static func finish(
        _ scanner: inout DiskSpecScanner, into disk: inout DiskSpec,
        warnings: inout [String]
    ) -> DiskSpecError? {
        let spec = scanner.spec
        if let error = scanner.error { return error }
        swap(&disk, &scanner.disk)  // moved out, not copied: a copy retains every string field
        if disk.format == nil { disk.format = .raw }
        if disk.isCdrom {
            disk.readOnly = true
            disk.forceShared = false
            if scanner.target == nil || scanner.target == "" { disk.format = .empty }
        }
        guard let vdev = scanner.vdev else {
            return DiskSpecError("no vdev specified", spec: spec)
        }
        if scanner.target == nil && !disk.isCdrom {
            return DiskSpecError("no target specified (and device not removable)", spec: spec)
        }
        disk.vdev = VirtualDeviceName.normalized(vdev)
        if disk.vdev != vdev {
            scanner.warnings.append("vdev '\(vdev)' written as '\(disk.vdev)': libxl does not accept a /dev/ prefix")
        }
        disk.target = scanner.target ?? ""
        disk.hasTarget = scanner.target != nil
        disk.original = spec
        if !scanner.prefixes.isEmpty { disk.xmUname = scanner.prefixes }
        warnings.append(contentsOf: scanner.warnings)
        return nil
    }
}
