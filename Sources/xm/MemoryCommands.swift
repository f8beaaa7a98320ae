import ArgumentParser
import XenCore

/// `xm mem-set` and `xm mem-max`. Sizes as xm took them: MiB, or with a k/m/g suffix.
struct DomainMemoryArguments: ParsableArguments {
    @Argument(help: "The domain (name, id or uuid).") var domain: String
    @Argument(help: "The memory: MiB, or a number with k, m or g.") var memory: String

    func validate() throws {
        do { _ = try MemorySize.kibibytes(memory) } catch { throw ValidationError(error.description) }
    }

    /// The domain's id and the size in KiB, resolved against the running hypervisor.
    func resolve(_ xen: LibxlContext) throws -> (domid: UInt32, kib: UInt64) {
        let kib = try MemorySize.kibibytes(memory)
        return (try xen.resolve(domain).id, kib)
    }
}

struct MemSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mem-set", abstract: "Set a domain's current memory (the balloon target).")
    @OptionGroup var arguments: DomainMemoryArguments

    func run() throws {
        let xen = try Session.hypervisor()
        let (domid, kib) = try arguments.resolve(xen)
        try xen.setMemoryTarget(domid, kib: kib)
    }
}

struct MemMaxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mem-max", abstract: "Set the most memory a domain may have.")
    @OptionGroup var arguments: DomainMemoryArguments

    func run() throws {
        let xen = try Session.hypervisor()
        let (domid, kib) = try arguments.resolve(xen)
        try xen.setMaxMemory(domid, kib: kib)
    }
}
