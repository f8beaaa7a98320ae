import ArgumentParser
import XenCore

extension ConsoleType: ExpressibleByArgument {}

/// `xm console DOM`: the domain's console on this terminal until Ctrl-] (xm's console.py ran
/// xenconsole; xl's xl_console.c picks the console type the same way we do).
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Attach to a domain's console.",
        discussion: """
            Type Ctrl-] to detach. On a terminal the session is raw (every key goes to the \
            guest); from a pipe or file the input is relayed as it is and the session ends at \
            its end. PV and PVH guests use the PV console, HVM guests their first serial port.
            """
    )

    @Flag(name: [.customShort("q"), .long], help: "Exit with status 1 and no message when the domain does not exist.")
    var quiet = false

    @Option(name: [.customShort("n"), .long], help: "The console's number.")
    var num = 0

    @Option(
        name: [.customShort("t"), .long],
        help: "The console type: pv or serial (default: serial for HVM, pv otherwise).")
    var type: ConsoleType?

    @Argument(help: "The domain: name, id or uuid.")
    var domain: String

    func validate() throws {
        guard num >= 0 else { throw ValidationError("--num must be 0 or more") }
    }

    func run() throws {
        let xen = try Session.hypervisor()
        let target: DomainInfo
        do {
            target = try xen.resolve(domain)
        } catch XenError.domainNotFound where quiet {
            throw ExitCode.failure
        }
        try attachConsole(ctx: xen, domid: target.id, type: type, number: num)
    }
}
