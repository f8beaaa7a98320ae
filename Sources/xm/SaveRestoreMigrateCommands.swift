import ArgumentParser
import XenCore

/// `xm save`, `xm restore`, `xm migrate` (xl's xl_saverestore.c and xl_migrate.c): not implemented
/// yet. They are declared so that help lists them and their names are taken; run, they connect to
/// the hypervisor (so on a machine without Xen they say that, in one line, like every other
/// command) and then say that they are not implemented.
protocol NotImplementedCommand: ParsableCommand {
    var arguments: [String] { get }
}

extension NotImplementedCommand {
    func run() throws {
        _ = try Session.hypervisor()
        throw XMError.notImplemented(command: Self._commandName)
    }
}

struct SaveCommand: NotImplementedCommand {
    static let configuration = CommandConfiguration(commandName: "save", abstract: "Save a domain's state to a file.")
    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []
}

struct RestoreCommand: NotImplementedCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Restore a domain from a saved state.")
    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []
}

struct MigrateCommand: NotImplementedCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Migrate a domain to another host.")
    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []
}
