/// Why a device of a running domain could not be attached, detached, changed or listed: what xm
/// can tell before libxl is asked, in words an administrator acts on.
public enum DeviceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The domain exists but does not run (shut down, crashed and preserved, dying).
    case domainNotRunning(String)
    /// The file or block device behind a new disk is not there.
    case backingMissing(path: String, reason: String)
    /// A disk of that virtual device name (or number) is attached already.
    case vdevInUse(vdev: String, domain: String)
    /// No device by that name, number or MAC address.
    case notConnected(device: String, domain: String)
    /// A vdev that names no disk device (libxl numbers xvdX, hdX, sdX, dNpM or a number).
    case invalidVdev(String)
    /// cd-insert, cd-eject or block-configure on a device that is no CD-ROM.
    case notCdrom(vdev: String, domain: String)
    /// The drive was created without a medium, and the device model would die of an insert.
    case driveCreatedEmpty(vdev: String, domain: String)
    /// Media changes are the device model's, which only HVM guests have.
    case mediaChangeNeedsHVM(domain: String)
    /// A network card with that MAC address is attached already.
    case macInUse(mac: String, domain: String)
    /// PCI passthrough needs an IOMMU, which this host (or its hypervisor) does not have.
    case noIOMMU
    /// No device is bound to pciback, so none can be assigned.
    case pcibackNotLoaded
    case pciNotAttached(bdf: String, domain: String)
    /// The core file's directory cannot be made, or the target is a directory.
    case coreFileUnusable(path: String, reason: String)

    public var description: String {
        switch self {
        case .domainNotRunning(let name): "Domain '\(name)' is not running"
        case .backingMissing(let path, let reason): "cannot use \(path): \(reason)"
        case .vdevInUse(let vdev, let domain): "Domain '\(domain)' already has a device \(vdev)"
        case .notConnected(let device, let domain): "Device \(device) not connected to domain '\(domain)'"
        case .invalidVdev(let vdev):
            "'\(vdev)' is not a virtual disk name (xvdX, hdX, sdX, dNpM or a device number)"
        case .notCdrom(let vdev, let domain): "Device \(vdev) of domain '\(domain)' is not a CD-ROM"
        case .driveCreatedEmpty(let vdev, let domain):
            "Drive \(vdev) of domain '\(domain)' was created empty, and this device model (qemu-xen) crashes when a medium is inserted into such a drive (xl's cd-insert too): give the drive a medium in the configuration; it can then be ejected and refilled"
        case .mediaChangeNeedsHVM(let domain):
            "Domain '\(domain)' is not an HVM guest: only an HVM guest's device model changes CD media"
        case .macInUse(let mac, let domain): "Domain '\(domain)' already has a network card with MAC \(mac)"
        case .noIOMMU:
            "this host has no IOMMU that Xen uses (no direct I/O capability): PCI devices cannot be passed through"
        case .pcibackNotLoaded:
            "pciback is not loaded (no /sys/bus/pci/drivers/pciback): no PCI device can be assigned"
        case .pciNotAttached(let bdf, let domain): "PCI device \(bdf) is not attached to domain '\(domain)'"
        case .coreFileUnusable(let path, let reason): "cannot write the core file \(path): \(reason)"
        }
    }
}
