import ArgumentParser
import XenCore

/// `xm domid`, `xm domname`, `xm domstate`, `xm uptime`: small questions about domains.
package struct DomidCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "domid", abstract: "Convert a domain name to a domain id.")

    package init() {}

    @Argument(help: "The domain's name (or uuid).") package var domain: String
    package func run() throws { try DomainQuery.id.run(domain) }
}

package struct DomnameCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "domname", abstract: "Convert a domain id to a domain name.")

    package init() {}

    @Argument(help: "The domain's id (or uuid).") package var domain: String
    package func run() throws { try DomainQuery.name.run(domain) }
}

package struct DomstateCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "domstate",
        abstract: "Print the state of a domain.",
        discussion:
            "The first that applies: shutdown (dying), crashed, shutoff (shut down), paused, idle (all VCPUs blocked), running."
    )

    package init() {}

    @Argument(help: "The domain (name, id or uuid).") package var domain: String
    package func run() throws { try DomainQuery.state.run(domain) }
}

/// The one-domain questions of domid, domname and domstate: the parser and FastPath both end here.
package enum DomainQuery: String, Equatable {
    case id = "domid"
    case name = "domname"
    case state = "domstate"

    func run(_ domain: String) throws {
        let d = try Session.hypervisor().resolve(domain)
        switch self {
        case .id: print(d.id)
        case .name: print(d.name)
        case .state: print(DomainStateWord.word(d))
        }
    }
}

struct UptimeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "uptime", abstract: "Print the uptime of domains.")

    @Flag(name: [.customShort("s"), .long], help: "One short line per domain, like uptime(1).")
    var short = false

    @Argument(help: ArgumentHelp("Domains (name, id or uuid); all when none is given.", valueName: "domain"))
    var domains: [String] = []

    func run() throws {
        let xen = try Session.hypervisor()
        let selected = try domains.isEmpty ? xen.listDomains() : domains.map { try xen.resolve($0) }
        if !short { print(UptimeFormat.header) }
        let now = WallClock.now()
        for d in selected {
            let seconds = Int((uptime(d, xen: xen, now: now)).rounded())
            if short {
                print(
                    UptimeFormat.shortLine(
                        name: d.name, domid: d.id, seconds: seconds, clock: WallClock.localClock(now)))
            } else {
                print(UptimeFormat.line(name: d.name, domid: d.id, seconds: seconds))
            }
        }
    }

    /// Domain-0 has been up as long as the host (/proc/uptime), as xm computed it; a guest since
    /// the start time libxl recorded.
    private func uptime(_ d: DomainInfo, xen: LibxlContext, now: Double) -> Double {
        if d.id == 0 {
            let text = Files.readText("/proc/uptime") ?? "0"
            return Double(text.split(separator: " ").first ?? "0") ?? 0
        }
        guard let start = xen.startTime(of: d.id) else { return 0 }
        return max(0, now - Double(start))
    }
}
