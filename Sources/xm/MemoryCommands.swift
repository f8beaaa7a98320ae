import ArgumentParser
import XenCore

/// `xm mem-set` and `xm mem-max`. Sizes as xm took them: MiB, or with a k/m/g suffix.
struct MemSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mem-set", abstract: "Set a domain's current memory (the balloon target).")
    @Argument(help: "The domain (name, id or uuid).") var domain: String
    @Argument(help: "The memory: MiB, or a number with k, m or g.") var memory: String

    func validate() throws {
        do { _ = try MemorySize.kibibytes(memory) } catch { throw ValidationError(error.description) }
    }

    func run() throws {
        let kib = try MemorySize.kibibytes(memory)
        let xen = try Session.hypervisor()
        try xen.setMemoryTarget(xen.resolve(domain).id, kib: kib)
    }
}

struct MemMax: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mem-max", abstract: "Set the most memory a domain may have.")
    @Argument(help: "The domain (name, id or uuid).") var domain: String
    @Argument(help: "The memory: MiB, or a number with k, m or g.") var memory: String

    func validate() throws {
        do { _ = try MemorySize.kibibytes(memory) } catch { throw ValidationError(error.description) }
    }

    func run() throws {
        let kib = try MemorySize.kibibytes(memory)
        let xen = try Session.hypervisor()
        try xen.setMaxMemory(xen.resolve(domain).id, kib: kib)
    }
}
