import ArgumentParser
import ConfigParser
import XenCore

/// A BDF on the command line (`0000:00:1b.0`, `00:1b.0`), with xm's virtual slot and -o options
/// joined into the vm.cfg pci syntax (`BDF@SLOT,key=value`).
private func pciSpec(_ bdf: String, slot: String? = nil, options: [String] = []) throws -> PciSpec {
    var text = bdf
    if let slot { text += "@" + (slot.hasPrefix("0x") ? String(slot.dropFirst(2)) : slot) }
    if !options.isEmpty { text += "," + options.joined(separator: ",") }
    switch PciSpecParser.parse(text) {
    case .failure(let error):
        throw XMError.deviceSpecInvalid(kind: "pci", spec: text, message: error.message, near: error.near)
    case .success(let spec): return spec
    }
}

struct PCIListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pci-list",
        abstract: "List the PCI devices passed through to a domain.",
        discussion: """
            Example:
              xm pci-list vm1
            """
    )
    @OptionGroup var target: DomainArgument

    func run() throws {
        let (xen, d) = try target.resolve()
        for line in DeviceListFormat.pciLines(xen.pciDevices(of: d.id)) { print(line) }
    }
}

struct PCIListAssignableDevicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pci-list-assignable-devices",
        abstract: "List the PCI devices the host can pass through.",
        discussion: """
            The devices pciback holds that no guest has. Without pciback there are none, and that
            is an error: the host has not been prepared for passthrough.

            Example:
              xm pci-list-assignable-devices
            """
    )

    func run() throws {
        for device in try Session.hypervisor().assignablePCIDevices().sorted(by: { $0.address < $1.address }) {
            print(device.address)
        }
    }
}

struct PCIAttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pci-attach",
        abstract: "Insert a new pass-through PCI device.",
        discussion: """
            The host needs an IOMMU that Xen uses, and the device must be held by pciback.

            Example:
              xm pci-attach -o msitranslate=1 vm1 0000:00:1b.0 7
            """
    )
    @Option(
        name: [.customShort("o"), .long], help: ArgumentHelp("A device option (msitranslate=1).", valueName: "opt"))
    var options: [String] = []
    @OptionGroup var target: DomainArgument
    @Argument(help: ArgumentHelp("The host device: domain:bus:slot.func.", valueName: "bdf")) var bdf: String
    @Argument(help: ArgumentHelp("The guest's virtual slot.", valueName: "vslot")) var slot: String?

    func run() throws {
        let spec = try pciSpec(bdf, slot: slot, options: options)
        let (xen, d) = try target.resolve()
        try xen.attachPCI(d, spec)
    }
}

struct PCIDetachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pci-detach",
        abstract: "Remove a pass-through PCI device.",
        discussion: """
            Example:
              xm pci-detach vm1 0000:00:1b.0
            """
    )
    @Flag(name: [.customShort("f"), .long], help: "Remove it without waiting for the guest.") var force = false
    @OptionGroup var target: DomainArgument
    @Argument(help: ArgumentHelp("The host device: domain:bus:slot.func.", valueName: "bdf")) var bdf: String

    func run() throws {
        let spec = try pciSpec(bdf)
        let (xen, d) = try target.resolve()
        try xen.detachPCI(d, spec, force: force)
    }
}

struct VTPMListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vtpm-list",
        abstract: "List virtual TPM devices.",
        discussion: """
            Example:
              xm vtpm-list vm1
            """
    )
    @Flag(name: [.customShort("l"), .long], help: "Show each device's frontend entries as SXP.") var long = false
    @OptionGroup var target: DomainArgument

    func run() throws {
        let (xen, d) = try target.resolve()
        DeviceListing<VTPMDeviceInfo>(
            kind: "vtpm", header: DeviceListFormat.vtpmHeader, devid: \.devid, row: DeviceListFormat.vtpmRow
        )
        .print(xen.vtpmDevices(of: d.id), of: d.id, long: long, in: xen)
    }
}
