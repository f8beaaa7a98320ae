import ArgumentParser
import XenCore

/// `xm list`: the domains as xm's table, as SXP (`-l`) or as JSON (`--json`).
package struct ListCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List information about all or some domains.",
        discussion: """
            Columns: Name, ID, Mem (MiB now allocated), VCPUs (online), State and Time(s) (CPU
            seconds used). State letters: r running, b blocked, p paused, s shut down, c crashed,
            d dying; '-' where a flag is clear.
            """
    )

    package init() {}

    @Flag(name: [.customShort("l"), .long], help: "Print each domain as an S-expression, like xm.")
    var long = false

    @Option(
        name: .long,
        help: "Only domains in this state: \(DomainStateFilter.allCases.map(\.rawValue).joined(separator: ", ")).")
    var state: String?

    @Flag(name: .long, help: "Print the domains as a JSON array (stable keys).")
    var json = false

    @Argument(help: ArgumentHelp("Domains to list (name, id or uuid); all when none is given.", valueName: "domain"))
    var domains: [String] = []

    package func validate() throws {
        if let state, DomainStateFilter(rawValue: state) == nil {
            throw ValidationError(
                "Invalid state '\(state)': one of \(DomainStateFilter.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        if state != nil && !domains.isEmpty {
            throw ValidationError("You may specify either a state or a particular VM, but not both")
        }
        if long && json { throw ValidationError("--long and --json cannot be combined") }
    }

    package var request: ListRequest { ListRequest(long: long, state: state, json: json, domains: domains) }

    package func run() throws { try request.run() }
}

/// What `xm list` was asked, as plain values: the parser and FastPath both end here.
package struct ListRequest: Equatable {
    var long: Bool
    var state: String?
    var json: Bool
    var domains: [String]

    package init(long: Bool = false, state: String? = nil, json: Bool = false, domains: [String] = []) {
        self.long = long
        self.state = state
        self.json = json
        self.domains = domains
    }

    func run() throws {
        let xen = try Session.hypervisor()
        var selected = try domains.isEmpty ? xen.listDomains() : domains.map { try xen.resolve($0) }
        if let state, let filter = DomainStateFilter(rawValue: state) { selected = selected.filter(filter.matches) }
        if json {
            print(DomainJSONFormat.render(selected.map(xen.details)))
        } else if long {
            for d in selected { print(DomainLongFormat.sxp(xen.details(d)).rendered()) }
        } else {
            print(DomainListFormat.table(selected))
        }
    }
}
