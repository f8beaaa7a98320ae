import ArgumentParser
import XenCore

/// Commands of xm that xm does not implement yet (save, restore, migrate). They are declared so
/// that help lists them and their names are taken; run, they connect to the hypervisor (so on a
/// machine without Xen they say that, in one line, like every other command) and then say that
/// they are not implemented.
protocol HypervisorCommand: ParsableCommand {
    var arguments: [String] { get }
}

extension HypervisorCommand {
    func run() throws {
        _ = try Session.hypervisor()
        throw XenError.unsupported("'xm \(Self._commandName)' is not implemented yet")
    }
}

enum HypervisorCommands {
    static let all: [ParsableCommand.Type] = [
        Save.self, Restore.self, Migrate.self,
    ]
}

struct Save: HypervisorCommand {
    static let configuration = CommandConfiguration(commandName: "save", abstract: "Save a domain's state to a file.")
    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []
}
struct Restore: HypervisorCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Restore a domain from a saved state.")
    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []
}
struct Migrate: HypervisorCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Migrate a domain to another host.")
    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []
}
