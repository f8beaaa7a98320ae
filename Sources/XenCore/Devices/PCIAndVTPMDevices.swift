import CXen
import ConfigParser
import Glibc

/// A PCI device passed through to a domain, or one the host can pass through.
public struct PCIDeviceInfo: Sendable, Hashable {
    public var domain: Int
    public var bus: Int
    public var device: Int
    public var function: Int
    /// The guest's slot and function (libxl's vdevfn), nil when libxl chose it.
    public var virtualSlot: Int?

    public init(domain: Int, bus: Int, device: Int, function: Int, virtualSlot: Int? = nil) {
        self.domain = domain
        self.bus = bus
        self.device = device
        self.function = function
        self.virtualSlot = virtualSlot
    }

    /// `0000:00:1b.0`
    public var address: String {
        func hex(_ v: Int, _ width: Int) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(hex(domain, 4)):\(hex(bus, 2)):\(hex(device, 2)).\(String(function, radix: 16))"
    }
}

/// A virtual TPM of a running domain.
public struct VTPMDeviceInfo: Sendable, Hashable {
    public var devid: Int
    public var backendID: Int
    public var uuid: String
    public var state: Int
    public var eventChannel: Int
    public var ringRef: Int
    public var backendPath: String

    public init(
        devid: Int, backendID: Int, uuid: String, state: Int, eventChannel: Int, ringRef: Int, backendPath: String
    ) {
        self.devid = devid
        self.backendID = backendID
        self.uuid = uuid
        self.state = state
        self.eventChannel = eventChannel
        self.ringRef = ringRef
        self.backendPath = backendPath
    }
}

extension LibxlContext {
    public func pciDevices(of domid: UInt32) -> [PCIDeviceInfo] {
        var count: Int32 = 0
        guard let devices = libxl_device_pci_list(ctx, domid, &count) else {
            _ = log.takeRecentErrors()
            return []
        }
        defer { libxl_device_pci_list_free(devices, count) }
        return (0..<Int(count)).map { Self.pciInfo(devices[$0]) }
    }

    /// The devices pciback holds for guests and no guest has yet. Throws when pciback is not
    /// there at all, which is a different answer from "none".
    public func assignablePCIDevices() throws -> [PCIDeviceInfo] {
        guard access("/sys/bus/pci/drivers/pciback", F_OK) == 0 else { throw DeviceError.pcibackNotLoaded }
        var count: Int32 = 0
        guard let devices = libxl_device_pci_assignable_list(ctx, &count) else {
            _ = log.takeRecentErrors()
            return []
        }
        defer { libxl_device_pci_assignable_list_free(devices, count) }
        return (0..<Int(count)).map { Self.pciInfo(devices[$0]) }
    }

    /// Passes a host PCI device through to a running domain. Refused before libxl is asked when
    /// the hypervisor has no IOMMU to use, or pciback does not hold the device.
    public func attachPCI(_ domain: DomainInfo, _ spec: PciSpec) throws {
        try requireRunning(domain, "attach a PCI device to")
        try requireIOMMU()
        let wanted = PCIDeviceInfo(domain: spec.domain, bus: spec.bus, device: spec.device, function: spec.function)
        guard try assignablePCIDevices().contains(where: { $0.address == wanted.address }) else {
            throw XenError.libxl(
                operation: "attaching PCI device \(wanted.address) to domain \(domain.id)", code: ERROR_INVAL.rawValue,
                detail: "pciback does not hold \(wanted.address) (xl pci-assignable-add it first)")
        }
        var pci = libxl_device_pci()
        libxl_device_pci_init(&pci)
        defer { libxl_device_pci_dispose(&pci) }
        Self.fill(&pci, spec)
        try check(
            "attaching PCI device \(wanted.address) to domain \(domain.id)",
            libxl_device_pci_add(ctx, domain.id, &pci, nil))
    }

    public func detachPCI(_ domain: DomainInfo, _ spec: PciSpec, force: Bool) throws {
        try requireRunning(domain, "detach a PCI device from")
        let wanted = PCIDeviceInfo(domain: spec.domain, bus: spec.bus, device: spec.device, function: spec.function)
        guard pciDevices(of: domain.id).contains(where: { $0.address == wanted.address }) else {
            throw DeviceError.pciNotAttached(bdf: wanted.address, domain: domain.name)
        }
        var pci = libxl_device_pci()
        libxl_device_pci_init(&pci)
        defer { libxl_device_pci_dispose(&pci) }
        Self.fill(&pci, spec)
        let rc =
            force
            ? libxl_device_pci_destroy(ctx, domain.id, &pci, nil) : libxl_device_pci_remove(ctx, domain.id, &pci, nil)
        try check("detaching PCI device \(wanted.address) from domain \(domain.id)", rc)
    }

    /// Passthrough needs the hypervisor's direct I/O capability (an IOMMU it uses): without it
    /// libxl would fail deep inside the attach with a message about assignment.
    func requireIOMMU() throws {
        var info = libxl_physinfo()
        libxl_physinfo_init(&info)
        defer { libxl_physinfo_dispose(&info) }
        try check("reading the host's capabilities", libxl_get_physinfo(ctx, &info))
        guard info.cap_hvm_directio else { throw DeviceError.noIOMMU }
    }

    public func vtpmDevices(of domid: UInt32) -> [VTPMDeviceInfo] {
        var count: Int32 = 0
        guard let vtpms = libxl_device_vtpm_list(ctx, domid, &count) else {
            _ = log.takeRecentErrors()
            return []
        }
        defer { libxl_device_vtpm_list_free(vtpms, count) }
        var result: [VTPMDeviceInfo] = []
        for i in 0..<Int(count) {
            var info = libxl_vtpminfo()
            libxl_vtpminfo_init(&info)
            defer { libxl_vtpminfo_dispose(&info) }
            guard libxl_device_vtpm_getinfo(ctx, domid, vtpms + i, &info) == 0 else {
                _ = log.takeRecentErrors()
                continue
            }
            result.append(
                VTPMDeviceInfo(
                    devid: Int(info.devid), backendID: Int(info.backend_id), uuid: DomainInfo.uuidString(info.uuid),
                    state: Int(info.state), eventChannel: Int(info.evtch), ringRef: Int(info.rref),
                    backendPath: info.backend.map { String(cString: $0) } ?? ""))
        }
        return result
    }

    private static func pciInfo(_ d: libxl_device_pci) -> PCIDeviceInfo {
        // libxl's AUTO_PHP_SLOT (0x100) marks a slot libxl chose; xm shows those as "-".
        let slot: Int? = d.vdevfn == 0 || d.vdevfn & 0x100 != 0 ? nil : Int(d.vdevfn)
        return PCIDeviceInfo(
            domain: Int(d.domain), bus: Int(d.bus), device: Int(d.dev), function: Int(d.func), virtualSlot: slot)
    }

    private static func fill(_ pci: inout libxl_device_pci, _ spec: PciSpec) {
        pci.domain = Int32(spec.domain)
        pci.bus = UInt8(spec.bus)
        pci.dev = UInt8(spec.device)
        pci.func = UInt8(spec.function)
        if let slot = spec.vslot { pci.vdevfn = UInt32(slot) << 3 }
        if let v = spec.msitranslate { pci.msitranslate = v }
        if let v = spec.powerMgmt { pci.power_mgmt = v }
        if let v = spec.permissive { pci.permissive = v }
        if let v = spec.seize { pci.seize = v }
    }
}
