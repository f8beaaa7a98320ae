import ArgumentParser
import Glibc
import XenCore

struct DumpCoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump-core",
        abstract: "Dump core for a specific domain.",
        discussion: """
            The core is an ELF file with Xen's notes (what crash(8) reads). The domain is paused
            while it is written, unless -L. Without FILE it goes to
            /var/xen/dump/NAME/YYYY-MMDD-HHMM.SS-NAME.ID.core, as xm wrote it.

            Examples:
              xm dump-core vm1
              xm dump-core -L vm1 /var/tmp/vm1.core
              xm dump-core -C vm1            # the domain is destroyed afterwards
            """
    )
    @Flag(name: [.customShort("L"), .long], help: "Dump core without pausing the domain.") var live = false
    @Flag(name: [.customShort("C"), .long], help: "Crash (destroy) the domain after dumping core.") var crash = false
    @Flag(name: [.customShort("R"), .long], help: "Reset the domain after dumping core.") var reset = false
    @OptionGroup var target: DomainArgument
    @Argument(help: ArgumentHelp("The core file.", valueName: "file")) var file: String?

    func validate() throws {
        if crash && reset { throw ValidationError("You may not specify more than one '-CR' option") }
    }

    func run() throws {
        let (xen, d) = try target.resolve()
        let path = file.map(Self.absolute) ?? LibxlContext.defaultCoreFile(for: d)
        print("Dumping core of domain: \(d.name) ...")
        try xen.dumpCore(d, to: path, live: live, then: crash ? .crash : reset ? .reset : .resume)
        print("Core of domain \(d.name) written to \(path)")
    }

    private static func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX))
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        return String(cString: buffer) + "/" + path
    }
}
