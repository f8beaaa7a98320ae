import ArgumentParser
import ConfigParser
import XenCore

/// `xm create`: start a domain from a config file, or with --dryrun only show what would be built.
package struct CreateCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a domain from a configuration file.",
        discussion: """
            With --dryrun, nothing is started and no hypervisor is needed: the configuration is
            checked and printed as the libxl domain configuration (JSON), or as xm's SXP with --sxp.
            Diagnostics go to stderr as file:line:col: error|warning: message.
            """
    )

    package init() {}

    @OptionGroup var config: ConfigArguments

    @Flag(name: [.customShort("n"), .long], help: "Check the configuration and print it; start nothing.")
    var dryrun = false

    @Flag(name: .long, help: "With --dryrun: print xm's SXP instead of libxl's JSON.")
    var sxp = false

    @Flag(name: [.customShort("p"), .long], help: "Leave the domain paused after it is created.")
    var paused = false

    @Flag(
        name: [.customShort("c"), .customLong("console_autoconnect")], help: "Connect to the console after creating.")
    var console = false

    @Flag(name: [.customShort("q"), .long], help: "Quiet: no warnings.")
    var quiet = false

    package var request: CreateRequest {
        CreateRequest(config: config.plain, dryrun: dryrun, sxp: sxp, paused: paused, console: console, quiet: quiet)
    }

    package func run() throws { try request.run() }
}

/// What `xm create` was asked, from the parser or from FastPath.
package struct CreateRequest: Equatable {
    var config: ConfigWords
    var dryrun: Bool
    var sxp: Bool
    var paused: Bool
    var console: Bool
    var quiet: Bool

    package init(
        config: ConfigWords = ConfigWords(), dryrun: Bool = false, sxp: Bool = false, paused: Bool = false,
        console: Bool = false, quiet: Bool = false
    ) {
        self.config = config
        self.dryrun = dryrun
        self.sxp = sxp
        self.paused = paused
        self.console = console
        self.quiet = quiet
    }

    func run() throws {
        let (file, variables) = try config.singleFile(for: "create")
        let loaded = try ConfigLoader.load(file, searchPath: config.searchPath, variables: variables)
        printDiagnostics(loaded, showWarnings: !quiet)
        guard loaded.isValid else {
            throw XMError.configInvalid(path: loaded.source.path, errors: loaded.diagnostics.errors.count)
        }
        if dryrun {
            print(sxp ? loaded.config.sxp.rendered() : try LibxlJSON.render(loaded.config))
            return
        }
        let xen = try Session.hypervisor()
        let created = try xen.createDomain(loaded.config, paused: paused)
        try launchMonitor(for: created)
        if let kernel = created.uncachedKernel { cacheKernelInBackground(kernel) }
        if !quiet { print("Started domain \(created.name) (id=\(created.id))") }
        // -c: attach to the new domain's console, as xm did.
        if console { try attachConsole(ctx: xen, domid: created.id, type: nil) }
    }
}
