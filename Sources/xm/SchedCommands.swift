import ArgumentParser
import XenCore

/// `xm sched-credit` (like xl's xl_sched.c): show the credit scheduler's weights and caps, or
/// change a domain's.
struct SchedCredit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sched-credit", abstract: "Get or set a domain's credit scheduler parameters.")

    @Option(name: [.customShort("d"), .customLong("domain")], help: "The domain (name, id or uuid).")
    var domain: String?
    @Option(name: [.customShort("w"), .long], help: "The weight (1-65535; 256 is the default).")
    var weight: Int?
    @Option(name: [.customShort("c"), .long], help: "The cap, in percent of one CPU (0: no cap).")
    var cap: Int?

    func validate() throws {
        if (weight != nil || cap != nil) && domain == nil { throw ValidationError("No domain given.") }
        if let weight, !(1...65535).contains(weight) { throw ValidationError("The weight must be between 1 and 65535") }
        if let cap, cap < 0 { throw ValidationError("The cap must not be negative") }
    }

    func run() throws {
        let xen = try Session.hypervisor()
        let scheduler = xen.schedulerName()
        guard scheduler == "credit" else { throw XenError.io("Xen is running with the \(scheduler) scheduler") }
        if weight != nil || cap != nil, let domain {
            try xen.setCreditParams(xen.resolve(domain).id, weight: weight, cap: cap)
            return
        }
        let domains = try domain.map { [try xen.resolve($0)] } ?? xen.listDomains()
        print(SchedCreditFormat.header)
        for d in domains {
            let params = (try? xen.creditParams(d.id)) ?? CreditParams(weight: -1, cap: -1)
            print(SchedCreditFormat.row(name: d.name, domid: d.id, params: params))
        }
    }
}
