import ArgumentParser
import XenCore

/// `xm shutdown` and `xm reboot` (xm's shutdown.py): ask guests to stop, optionally wait.
package struct ShutdownCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "shutdown",
        abstract: "Shut down a domain.",
        discussion: """
            The guest is asked to power off through its PV control interface (an HVM guest without \
            PV drivers gets the ACPI power button). With -w, xm returns only when the domain is gone; \
            with -R it reboots instead, and -w then waits until it runs again under a new id.
            """
    )

    package init() {}

    @OptionGroup var target: ShutdownTarget

    @Flag(name: [.customShort("R"), .long], help: "Reboot instead of powering off.")
    var reboot = false

    @Flag(name: [.customShort("H"), .long], help: "Power off without reboot (the default).")
    var halt = false

    package func validate() throws {
        if reboot && halt { throw ValidationError("Can't specify halt and reboot") }
        try target.validate()
    }

    package var request: StopRequest { target.request(reboot: reboot) }

    package func run() throws { try request.run() }
}

package struct RebootCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "reboot",
        abstract: "Reboot a domain.",
        discussion: "With -w, xm returns when the domain runs again (a new domain id, the same name)."
    )

    package init() {}

    @OptionGroup var target: ShutdownTarget

    package func validate() throws { try target.validate() }

    package var request: StopRequest { target.request(reboot: true) }

    package func run() throws { try request.run() }
}

/// What shutdown and reboot share: one domain or all (-a), and waiting (-w).
struct ShutdownTarget: ParsableArguments {
    @Flag(name: [.customShort("w"), .long], help: "Wait for the shutdown (or reboot) to complete.")
    var wait = false

    @Flag(name: [.customShort("a"), .long], help: "All domains except Domain-0.")
    var all = false

    @Argument(help: "The domain: name, id or uuid.")
    var domain: String?

    func validate() throws {
        if all && domain != nil { throw ValidationError("Give either -a or a domain, not both") }
        if !all && domain == nil { throw ValidationError("No domain parameter given") }
    }

    func request(reboot: Bool) -> StopRequest {
        StopRequest(wait: wait, all: all, domain: domain, reboot: reboot)
    }
}

/// What `xm shutdown` or `xm reboot` was asked, as plain values: the parser and FastPath both end here.
package struct StopRequest: Equatable {
    var wait: Bool
    var all: Bool
    var domain: String?
    var reboot: Bool

    package init(wait: Bool = false, all: Bool = false, domain: String? = nil, reboot: Bool = false) {
        self.wait = wait
        self.all = all
        self.domain = domain
        self.reboot = reboot
    }

    func run() throws {
        let xen = try Session.hypervisor()
        let targets = try all ? xen.listDomains().filter { $0.id != 0 } : [xen.resolve(domain!)]
        for d in targets {
            if try xen.shutdown(d.id, reboot: reboot) == .acpiButton {
                printError("Domain \(d.name) has no PV drivers: sent the ACPI \(reboot ? "reset" : "power") button")
            }
        }
        guard wait else { return }
        if reboot {
            for d in targets {
                let back = try xen.waitForRestart(name: d.name, oldDomid: d.id)
                print("Domain \(d.name) rebooted (id \(back.id))")
            }
            if all { print("All domains rebooted") }
        } else {
            let ends = try xen.waitUntilGone(targets.map(\.id))
            var restarted: [String] = []
            for d in targets {
                switch ends[d.id] {
                case .kept(let reason)?:
                    print("Domain \(d.name) shut down (\(reason.rawValue)) and kept by its configuration")
                case .restarted(let reason, let action)?:
                    restarted.append(d.name)
                    let setting = "on_\(reason.rawValue) = \"\(action.rawValue)\""
                    print("Domain \(d.name) stopped with reason \(reason.rawValue), and \(setting) starts it again")
                case .dying?: print("Domain \(d.name) terminated (still dying)")
                default: print("Domain \(d.name) terminated")
                }
            }
            // Whoever waits for a shutdown goes on as if the guest were down (takes its disk,
            // powers off the host): one that is running again must not look like success.
            guard restarted.isEmpty else { throw XMError.restartedInsteadOfShutdown(restarted) }
            if all { print("All domains terminated") }
        }
    }
}
