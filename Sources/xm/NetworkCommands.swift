import ArgumentParser
import ConfigParser
import XenCore

struct NetworkAttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network-attach",
        abstract: "Create a new virtual network device.",
        discussion: """
            Each word is a key=value of the vm.cfg vif syntax: type, mac, bridge, ip, script,
            backend, vifname, rate, model, accel (and xl's mtu, gatewaydev, devid). Without mac=,
            one is chosen in Xen's 00:16:3e range. The card is added to the running domain and to
            its stored configuration.

            Example:
              xm network-attach vm1 mac=00:16:3e:01:02:03 bridge=xenbr0
            """
    )
    @OptionGroup var target: DomainArgument
    @Argument(help: ArgumentHelp("key=value settings of the card.", valueName: "key=value")) var settings: [String] = []

    func parse() throws -> VifSpec {
        for word in settings where !word.contains("=") || word.contains(",") || word.hasPrefix("=") {
            throw XMError.invalidNetworkArgument(word)
        }
        let spec = settings.joined(separator: ",")
        var warnings: [String] = []
        switch VifSpecParser.parse(spec, warnings: &warnings) {
        case .failure(let error):
            let message = error.hint.map { "\(error.message) (\($0))" } ?? error.message
            throw XMError.deviceSpecInvalid(kind: "vif", spec: spec, message: message, near: error.near)
        case .success(let vif):
            for warning in warnings { printError("Warning: \(warning)") }
            return vif
        }
    }

    func run() throws {
        let spec = try parse()
        let (xen, d) = try target.resolve()
        try xen.attachNic(d, spec)
    }
}

struct NetworkDetachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network-detach",
        abstract: "Destroy a domain's virtual network device.",
        discussion: """
            The card is named by its index (the Idx of network-list) or its MAC address. With -f it
            is removed at once, whether the guest releases it or not.

            Example:
              xm network-detach vm1 00:16:3e:01:02:03
            """
    )
    @Flag(name: [.customShort("f"), .long], help: "Remove the card without waiting for the guest.") var force = false
    @OptionGroup var target: DomainArgument
    @Argument(help: ArgumentHelp("The card's index or MAC address.", valueName: "devid|mac")) var device: String

    func run() throws {
        let (xen, d) = try target.resolve()
        try xen.detachNic(d, device, force: force)
    }
}

struct NetworkListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network-list",
        abstract: "List virtual network interfaces for a domain.",
        discussion: """
            Columns as xm's: Idx, BE (the backend domain), MAC Addr., handle, state (xenbus: 4 is
            connected), evt-ch, tx-/rx-ring-ref and BE-path. -l shows each card's frontend entries
            in xenstore as SXP.

            Example:
              xm network-list vm1
            """
    )
    @Flag(name: [.customShort("l"), .long], help: "Show each card's frontend entries as SXP.") var long = false
    @Argument(help: ArgumentHelp("The domains: name, id or uuid.", valueName: "domain")) var domains: [String] = []

    func validate() throws { if domains.isEmpty { throw ValidationError("No domain parameter given") } }

    func run() throws {
        let xen = try Session.hypervisor()
        for name in domains {
            let d = try xen.resolve(name)
            try Self.listing.print(xen.networkDevices(of: d.id), of: d.id, long: long, in: xen)
        }
    }

    private static var listing: DeviceListing<NetworkDeviceInfo> {
        DeviceListing<NetworkDeviceInfo>(
            kind: "vif", header: DeviceListFormat.networkHeader, devid: \.devid, row: DeviceListFormat.networkRow)
    }
}
