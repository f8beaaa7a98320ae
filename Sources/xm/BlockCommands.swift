import ArgumentParser
import ConfigParser
import XenCore

/// The disk spec of block-attach and block-configure: xm's words (`BACKDEV FRONTDEV MODE
/// [BACKDOMID]`) or one spec in the vm.cfg language, checked as `xm check` checks a `disk` entry.
struct DiskSpecWords {
    let words: [String]

    /// xm's form joined as a vm.cfg entry. A BACKDEV without xm's `phy:`/`file:` prefix gets
    /// `phy:`, which libxl ignores but which makes FRONTDEV the vdev (not the format) to the parser.
    var text: String {
        guard words.count >= 3 else { return words.first ?? "" }
        var device = words[0]
        if !Self.hasPrefix(device) { device = "phy:" + device }
        return ([device] + words.dropFirst()).joined(separator: ",")
    }

    func validate(_ command: String) throws {
        guard words.count == 1 || words.count == 3 || words.count == 4 else {
            throw ValidationError(
                "'xm \(command)' takes BACKDEV FRONTDEV MODE [BACKDOMID], or one disk spec ('file:/img,xvdb,w')")
        }
    }

    func parse() throws -> DiskSpec {
        let spec = text
        var warnings: [String] = []
        switch DiskSpecParser.parse(spec, warnings: &warnings) {
        case .failure(let error):
            throw XMError.deviceSpecInvalid(kind: "disk", spec: spec, message: error.message, near: error.near)
        case .success(let disk):
            if let problem = VirtualDeviceName.problem(with: disk.vdev) {
                throw XMError.deviceSpecInvalid(kind: "disk", spec: spec, message: problem, near: disk.vdev)
            }
            for warning in warnings { printError("Warning: \(warning)") }
            return disk
        }
    }

    private static func hasPrefix(_ device: String) -> Bool {
        guard let colon = device.firstIndex(of: ":") else { return false }
        return !device[..<colon].contains("/") && !device[..<colon].contains("=")
    }
}

struct BlockAttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "block-attach",
        abstract: "Create a new virtual block device.",
        discussion: """
            The device is added to the running domain and to its stored configuration: it stays
            across the domain's restarts, saves and migrations. BACKDEV is a file or a dom0 block
            device (xm's phy: and file: prefixes are accepted), FRONTDEV the guest's name for it,
            MODE r or w. One argument in the vm.cfg disk syntax does the same.

            Examples:
              xm block-attach vm1 file:/OVS/running_pool/vm1/data.img xvdb w
              xm block-attach vm1 phy:/dev/vg0/lv1 xvdc r
              xm block-attach vm1 'file:/OVS/iso_pool/tools.iso,xvdd:cdrom,r'
            """
    )
    @OptionGroup var target: DomainArgument
    @Argument(help: ArgumentHelp("BACKDEV FRONTDEV MODE [BACKDOMID], or one disk spec.", valueName: "spec"))
    var words: [String] = []

    func validate() throws { try DiskSpecWords(words: words).validate("block-attach") }

    func run() throws {
        let spec = try DiskSpecWords(words: words).parse()
        let (xen, d) = try target.resolve()
        try xen.attachDisk(d, spec)
    }
}

struct BlockDetachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "block-detach",
        abstract: "Destroy a domain's virtual block device.",
        discussion: """
            DEV is the guest's name for the device or its number (xvdb, /dev/xvdb, 51728). The guest
            is asked to release it; with -f it is removed whether the guest answers or not.

            Example:
              xm block-detach vm1 xvdb
            """
    )
    @Flag(name: [.customShort("f"), .long], help: "Remove the device even if the guest does not release it.")
    var force = false
    @OptionGroup var target: DomainArgument
    @Argument(help: ArgumentHelp("The device: vdev name or number.", valueName: "dev")) var device: String

    func run() throws {
        let (xen, d) = try target.resolve()
        try xen.detachDisk(d, vdev: device, force: force)
    }
}

struct BlockListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "block-list",
        abstract: "List virtual block devices for a domain.",
        discussion: """
            Columns as xm's: Vdev (the device number), BE (the backend domain), handle, state
            (xenbus: 4 is connected), evt-ch, ring-ref and BE-path. -l shows each device's frontend
            entries in xenstore as SXP.

            Example:
              xm block-list vm1
            """
    )
    @Flag(name: [.customShort("l"), .long], help: "Show each device's frontend entries as SXP.") var long = false
    @Argument(help: ArgumentHelp("The domains: name, id or uuid.", valueName: "domain")) var domains: [String] = []

    func validate() throws { if domains.isEmpty { throw ValidationError("No domain parameter given") } }

    func run() throws {
        let xen = try Session.hypervisor()
        for name in domains {
            let d = try xen.resolve(name)
            try Self.listing.print(xen.blockDevices(of: d.id), of: d.id, long: long, in: xen)
        }
    }

    private static var listing: DeviceListing<BlockDeviceInfo> {
        DeviceListing<BlockDeviceInfo>(
            kind: "vbd", header: DeviceListFormat.blockHeader, devid: \.devid, row: DeviceListFormat.blockRow)
    }
}

struct BlockConfigureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "block-configure",
        abstract: "Change block device configuration.",
        discussion: """
            As in xm, only a CD-ROM's medium can change, on an HVM guest: BACKDEV is the new medium
            (empty: eject), FRONTDEV the drive, MODE r.

            Example:
              xm block-configure vm1 file:/OVS/iso_pool/disc2.iso hdc:cdrom r
            """
    )
    @OptionGroup var target: DomainArgument
    @Argument(help: ArgumentHelp("BACKDEV FRONTDEV MODE [BACKDOMID], or one disk spec.", valueName: "spec"))
    var words: [String] = []

    func validate() throws { try DiskSpecWords(words: words).validate("block-configure") }

    func run() throws {
        let spec = try DiskSpecWords(words: words).parse()
        // A CD-ROM is read-only whatever the spec says; xm refused any other mode all the same.
        if words.count >= 3, !["r", "ro"].contains(words[2]) {
            throw ValidationError("A CD-ROM is read-only: block-configure takes mode r, not '\(words[2])'")
        }
        let (xen, d) = try target.resolve()
        try xen.changeMedium(d, vdev: spec.vdev, target: spec.hasTarget && !spec.target.isEmpty ? spec.target : nil)
    }
}

struct CDInsertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cd-insert",
        abstract: "Insert a medium into an HVM guest's CD-ROM drive.",
        discussion: """
            Example:
              xm cd-insert vm1 hdc /OVS/iso_pool/disc2.iso
            """
    )
    @OptionGroup var target: DomainArgument
    @Argument(help: ArgumentHelp("The CD-ROM drive (hdc).", valueName: "vdev")) var vdev: String
    @Argument(help: ArgumentHelp("The image file.", valueName: "file")) var file: String

    func run() throws {
        let (xen, d) = try target.resolve()
        try xen.changeMedium(d, vdev: vdev, target: file)
    }
}

struct CDEjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cd-eject",
        abstract: "Eject the medium from an HVM guest's CD-ROM drive.",
        discussion: """
            Example:
              xm cd-eject vm1 hdc
            """
    )
    @OptionGroup var target: DomainArgument
    @Argument(help: ArgumentHelp("The CD-ROM drive (hdc).", valueName: "vdev")) var vdev: String

    func run() throws {
        let (xen, d) = try target.resolve()
        try xen.changeMedium(d, vdev: vdev, target: nil)
    }
}
