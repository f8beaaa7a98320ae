import ArgumentParser
import XenCore

/// The one-domain commands of xm's main.py that act at once: destroy, pause, unpause, reset,
/// rename, sysrq, trigger.
struct DomainArgument: ParsableArguments {
    @Argument(help: "The domain: name, id or uuid.")
    var domain: String

    func resolve() throws -> (LibxlContext, DomainInfo) {
        let xen = try Session.hypervisor()
        return (xen, try xen.resolve(domain))
    }
}

struct DestroyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "destroy", abstract: "Terminate a domain immediately.")
    @OptionGroup var target: DomainArgument
    func run() throws {
        let (xen, d) = try target.resolve()
        try xen.destroy(d.id)
    }
}

struct PauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause execution of a domain.")
    @OptionGroup var target: DomainArgument
    func run() throws {
        let (xen, d) = try target.resolve()
        try xen.pause(d.id)
    }
}

struct UnpauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unpause", abstract: "Unpause a paused domain.")
    @OptionGroup var target: DomainArgument
    func run() throws {
        let (xen, d) = try target.resolve()
        try xen.unpause(d.id)
    }
}

struct ResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Reset a domain.",
        discussion: "As xend did: the domain is destroyed and started again from its configuration (a new id)."
    )
    @OptionGroup var target: DomainArgument
    func run() throws {
        let (xen, d) = try target.resolve()
        let created = try xen.hardReset(d.id)
        try launchMonitor(for: created)
    }
}

struct RenameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a domain.")
    @OptionGroup var target: DomainArgument
    @Argument(help: "The new name.") var newName: String

    func validate() throws {
        if newName.isEmpty { throw ValidationError("The new domain name is empty") }
    }

    func run() throws {
        let (xen, d) = try target.resolve()
        try xen.rename(d.id, from: d.name, to: newName)
    }
}

struct SysrqCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sysrq", abstract: "Send a sysrq to a domain.")
    @OptionGroup var target: DomainArgument
    @Argument(help: "The sysrq letter (h for the guest's help).") var key: String

    func validate() throws {
        guard key.count == 1, key.first?.isASCII == true else {
            throw ValidationError("A sysrq key is one ASCII letter, not '\(key)'")
        }
    }

    func run() throws {
        let (xen, d) = try target.resolve()
        try xen.sendSysrq(d.id, key.first!)
    }
}

extension DomainTrigger: ExpressibleByArgument {}

struct TriggerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trigger", abstract: "Send a trigger to a domain.")
    @OptionGroup var target: DomainArgument
    @Argument(help: ArgumentHelp("The trigger to send.", valueName: "trigger"))
    var trigger: DomainTrigger
    @Argument(help: "The virtual CPU (default 0).") var vcpu: UInt32 = 0

    func run() throws {
        let (xen, d) = try target.resolve()
        try xen.sendTrigger(d.id, trigger, vcpu: vcpu)
    }
}
