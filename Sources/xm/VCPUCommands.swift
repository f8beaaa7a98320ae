import ArgumentParser
import ConfigParser
import XenCore

/// `xm vcpu-list`, `xm vcpu-set`, `xm vcpu-pin` (like xl's xl_vcpu.c).
struct VCPUListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "vcpu-list", abstract: "List the VCPUs of domains.")
    @Argument(help: ArgumentHelp("Domains (name, id or uuid); all when none is given.", valueName: "domain"))
    var domains: [String] = []

    func run() throws {
        let xen = try Session.hypervisor()
        let selected = try domains.isEmpty ? xen.listDomains() : domains.map { try xen.resolve($0) }
        let hostCPUs = try xen.hostInfo().nrCPUs
        print(VCPUListFormat.header)
        for d in selected {
            for v in try xen.vcpus(of: d.id) {
                print(VCPUListFormat.row(domain: d.name, domid: d.id, vcpu: v, hostCPUs: hostCPUs))
            }
        }
    }
}

struct VCPUSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vcpu-set", abstract: "Set the number of online VCPUs of a domain (up to its maxvcpus).")
    @Argument(help: "The domain (name, id or uuid).") var domain: String
    @Argument(help: "How many VCPUs to have online.") var count: Int

    func run() throws {
        let xen = try Session.hypervisor()
        try xen.setOnlineVCPUs(xen.resolve(domain).id, count: count)
    }
}

struct VCPUPinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vcpu-pin", abstract: "Set which physical CPUs a VCPU may run on.",
        discussion: "CPUS: 'all', or a list like 0-3,5 (^N removes a CPU: 0-3,^1).")
    @Argument(help: "The domain (name, id or uuid).") var domain: String
    @Argument(help: "The VCPU number, or 'all'.") var vcpu: String
    @Argument(help: "The physical CPUs.") var cpus: String

    func validate() throws {
        if vcpu != "all" && Int(vcpu).map({ $0 < 0 }) ?? true {
            throw ValidationError("Invalid VCPU '\(vcpu)': a number or 'all'")
        }
        if case .failure(let e) = CPUListSyntax.parse(cpus) {
            throw ValidationError("Invalid CPU list '\(cpus)': \(e)")
        }
    }

    func run() throws {
        let set = try CPUListSyntax.parse(cpus).get()
        let xen = try Session.hypervisor()
        let d = try xen.resolve(domain)
        if !set.all && set.cpus.isEmpty { throw XMError.emptyCPUList(cpus) }
        try xen.pinVCPU(d.id, vcpu: vcpu == "all" ? nil : Int(vcpu), cpus: set.all ? nil : set.cpus)
    }
}
