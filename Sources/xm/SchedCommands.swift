import ArgumentParser
import XenCore

/// `xm sched-credit` and `xm sched-credit2` (like xl's xl_sched.c): show the weights (and caps)
/// of the domains that run under that scheduler, or change one domain's. Xen 4.17 runs credit2
/// by default; a cpupool may run credit.
struct SchedCreditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sched-credit", abstract: "Get or set a domain's credit scheduler parameters.")

    @Option(name: [.customShort("d"), .customLong("domain")], help: "The domain (name, id or uuid).")
    var domain: String?
    @Option(name: [.customShort("w"), .long], help: "The weight (1-65535; 256 is the default).")
    var weight: Int?
    @Option(name: [.customShort("c"), .long], help: "The cap, in percent of one CPU (0: no cap).")
    var cap: Int?

    func validate() throws { try WeightSchedulerCommand.validate(domain: domain, weight: weight, cap: cap) }
    func run() throws { try WeightSchedulerCommand.run(.credit, domain: domain, weight: weight, cap: cap) }
}

struct SchedCredit2Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sched-credit2", abstract: "Get or set a domain's credit2 scheduler weight.")

    @Option(name: [.customShort("d"), .customLong("domain")], help: "The domain (name, id or uuid).")
    var domain: String?
    @Option(name: [.customShort("w"), .long], help: "The weight (1-65535; 256 is the default).")
    var weight: Int?

    func validate() throws { try WeightSchedulerCommand.validate(domain: domain, weight: weight, cap: nil) }
    func run() throws { try WeightSchedulerCommand.run(.credit2, domain: domain, weight: weight, cap: nil) }
}

enum WeightSchedulerCommand {
    static func validate(domain: String?, weight: Int?, cap: Int?) throws {
        if (weight != nil || cap != nil) && domain == nil { throw ValidationError("No domain given.") }
        if let weight, !(1...65535).contains(weight) { throw ValidationError("The weight must be between 1 and 65535") }
        if let cap, cap < 0 { throw ValidationError("The cap must not be negative") }
    }

    static func run(_ scheduler: WeightScheduler, domain: String?, weight: Int?, cap: Int?) throws {
        let xen = try Session.hypervisor()
        if let domain {
            let d = try xen.resolve(domain)
            let poolScheduler = xen.schedulerName(ofPool: d.cpupool)
            guard poolScheduler == scheduler.rawValue else {
                throw XMError.wrongScheduler(domain: d.name, runs: poolScheduler, asked: scheduler.rawValue)
            }
            if weight != nil || cap != nil {
                try xen.setCreditParams(d.id, scheduler: scheduler, weight: weight, cap: cap)
                return
            }
            try printTable(scheduler, [d], xen)
            return
        }
        var pools: [UInt32: String] = [:]
        let domains = try xen.listDomains().filter { d in
            if pools[d.cpupool] == nil { pools[d.cpupool] = xen.schedulerName(ofPool: d.cpupool) }
            return pools[d.cpupool] == scheduler.rawValue
        }
        // xm's check: the host runs another scheduler (and no pool runs this one).
        if domains.isEmpty && xen.schedulerName() != scheduler.rawValue {
            throw XMError.hostScheduler(xen.schedulerName())
        }
        try printTable(scheduler, domains, xen)
    }

    static func printTable(_ scheduler: WeightScheduler, _ domains: [DomainInfo], _ xen: LibxlContext) throws {
        print(SchedCreditFormat.header(scheduler))
        for d in domains {
            let params = (try? xen.creditParams(d.id)) ?? CreditParams(weight: -1, cap: -1)
            print(SchedCreditFormat.row(scheduler, name: d.name, domid: d.id, params: params))
        }
    }
}
