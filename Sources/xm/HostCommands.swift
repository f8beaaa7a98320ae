import ArgumentParser
import XenCore

/// `xm info`, `xm dmesg`, `xm log`: the host and the hypervisor (like xl's xl_info.c, xl_misc.c).
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Get information about the Xen host.")
    func run() throws {
        for line in HostInfoFormat.lines(try Session.hypervisor().hostInfo()) { print(line) }
    }
}

struct DmesgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dmesg", abstract: "Read and/or clear Xen's message buffer.")
    @Flag(name: [.customShort("c"), .long], help: "Clear the buffer after reading it.")
    var clear = false
    func run() throws {
        let text = try Session.hypervisor().hypervisorMessages(clear: clear)
        print(text, terminator: "")
    }
}

struct DebugKeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug-keys",
        abstract: "Send debug keys to Xen.",
        discussion: """
            Each key runs one of the hypervisor's debug handlers; what they print is in xm dmesg.
            'h' lists them.

            Example:
              xm debug-keys q && xm dmesg | tail
            """
    )
    @Argument(help: ArgumentHelp("The keys.", valueName: "keys")) var keys: String

    func validate() throws {
        guard !keys.isEmpty, keys.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw ValidationError("Debug keys are ASCII characters, not '\(keys)'")
        }
    }

    func run() throws { try Session.hypervisor().sendDebugKeys(keys) }
}

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Print the toolstack's log.",
        discussion: """
            xm printed xend's log. There is no xend: libxl reports to the command that called it
            (see them with xm -v COMMAND). This prints the logs libxl's helpers leave in
            /var/log/xen (device model, hotplug scripts), each headed by its name.
            """
    )
    static let directory = "/var/log/xen"

    func run() throws {
        let names = Files.entries(of: Self.directory).filter { $0.hasSuffix(".log") }.sorted()
        if names.isEmpty {
            printError("No logs in \(Self.directory): libxl's messages are shown by xm -v COMMAND.")
            return
        }
        for name in names {
            guard let text = Files.readText(Self.directory + "/" + name) else { continue }
            print("==> \(Self.directory)/\(name) <==")
            print(text, terminator: text.hasSuffix("\n") || text.isEmpty ? "" : "\n")
        }
    }
}
