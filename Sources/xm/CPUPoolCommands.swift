import ArgumentParser
import XenCore

/// xm's CPU pool commands (xm 4.1's cpupool-*; like xl's tools/xl/xl_cpupool.c). Without xend
/// there are no "managed" pools, so cpupool-new, -start and -delete have nothing to do.
struct CPUPoolCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cpupool-create",
        abstract: "Create a CPU pool from a configuration file.",
        discussion: """
            The file uses the vm.cfg language with three keys: name, sched (default "credit") and \
            cpus: a number of free CPUs to take (default 1), a CPU list string ("2,3-5") or a list \
            of CPU numbers. CPUs must be free: take them from Pool-0 with cpupool-cpu-remove.
            """
    )
    @OptionGroup var config: ConfigArguments
    @Flag(name: [.customShort("n"), .customLong("dryrun")], help: "Check the file and print the pool; create nothing.")
    var dryrun = false

    func run() throws {
        let words = config.plain
        let (file, variables) = try words.singleFile(for: "cpupool-create")
        let loaded = try ConfigLoader.loadCPUPool(file, searchPath: words.searchPath, variables: variables)
        printDiagnostics(loaded.diagnostics, in: loaded.source)
        guard let pool = loaded.config, !loaded.diagnostics.hasErrors else {
            throw XMError.poolConfigInvalid(path: loaded.source.path, errors: loaded.diagnostics.errors.count)
        }
        if dryrun {
            let cpus: String
            switch pool.cpus {
            case .count(let n): cpus = "\(n) free CPU\(n == 1 ? "" : "s")"
            case .list(let l): cpus = "CPUs " + l.map(String.init).joined(separator: ",")
            }
            print("Pool \(pool.name): scheduler \(pool.scheduler), \(cpus)")
            return
        }
        let xen = try Session.hypervisor()
        let id = try xen.createCPUPool(
            name: pool.name, scheduler: pool.scheduler, cpus: pool.choose(from: xen.freeCPUs()))
        print("Created CPU pool \(pool.name) (id=\(id))")
    }
}

struct CPUPoolListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cpupool-list", abstract: "List the CPU pools of the host.")
    @Flag(name: [.customShort("c"), .long], help: "The CPUs of each pool.")
    var cpus = false
    @Argument(help: "Only this pool.")
    var pool: String?

    func run() throws {
        let xen = try Session.hypervisor()
        let pools = try pool.map { [try xen.resolveCPUPool($0)] } ?? xen.listCPUPools()
        print(cpus ? CPUPoolListFormat.cpusHeader : CPUPoolListFormat.header)
        for p in pools { print(cpus ? CPUPoolListFormat.cpusLine(p) : CPUPoolListFormat.line(p)) }
    }
}

struct CPUPoolDestroyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cpupool-destroy", abstract: "Destroy a CPU pool; its CPUs become free.")
    @Argument(help: "The pool: name or id.")
    var pool: String
    func run() throws {
        let xen = try Session.hypervisor()
        try xen.destroyCPUPool(xen.resolveCPUPool(pool))
    }
}

/// What cpupool-cpu-add and cpupool-cpu-remove share.
struct PoolAndCPU: ParsableArguments {
    @Argument(help: "The pool: name or id.")
    var pool: String
    @Argument(help: "The physical CPU's number.")
    var cpu: Int
}

struct CPUPoolCPUAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cpupool-cpu-add", abstract: "Add a free CPU to a CPU pool.")
    @OptionGroup var target: PoolAndCPU
    func run() throws {
        let xen = try Session.hypervisor()
        try xen.addCPU(target.cpu, to: xen.resolveCPUPool(target.pool))
    }
}

struct CPUPoolCPURemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cpupool-cpu-remove", abstract: "Remove a CPU from a CPU pool.")
    @OptionGroup var target: PoolAndCPU
    func run() throws {
        let xen = try Session.hypervisor()
        try xen.removeCPU(target.cpu, from: xen.resolveCPUPool(target.pool))
    }
}

struct CPUPoolMigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cpupool-migrate", abstract: "Move a domain into a CPU pool.")
    @OptionGroup var domain: DomainArgument
    @Argument(help: "The pool: name or id.")
    var pool: String
    func run() throws {
        let (xen, d) = try domain.resolve()
        try xen.moveDomain(d.id, to: xen.resolveCPUPool(pool))
    }
}
