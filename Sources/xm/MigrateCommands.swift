import ArgumentParser
import Glibc
import Relocation
import XenCore

/// `xm migrate` and `xm migrate-receive` (xl's xl_migrate.c): xl's migration protocol, over TCP to
/// a relocation server (xm's, or anything that runs a receiver on its connections) or over ssh.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Migrate a domain to another host.",
        discussion: """
            Connects to the relocation server on HOST (xm relocation-server, port 8002) and moves the
            domain there with xl's migration protocol; `xl migrate-receive` behind a socket works as
            a receiver too. Without --live the domain is suspended, copied and resumed on HOST, which
            needs no log-dirty support from the hypervisor (PV guests on a Xen without shadow paging).
            The domain runs on exactly one host: whenever the receiver has not started it, it is
            resumed here.
            """
    )
    @Flag(name: [.customShort("l"), .long], help: "Copy memory while the domain runs (shorter downtime).")
    var live = false
    @Option(name: [.customShort("p"), .long], help: "The relocation server's port (8002; 8003 with --ssl).")
    var port: UInt16?
    @Flag(
        name: [.customShort("s"), .long],
        help:
            "Use TLS to the relocation server's ssl port, with this host's certificate (xend-config.sxp or --ssl-cert)."
    )
    var ssl = false
    @OptionGroup var tls: TLSFileOptions
    @Flag(help: "Reach HOST with ssh and run the receiver there, instead of a relocation server.")
    var ssh = false
    @Option(
        name: .customLong("receive-command"),
        help: ArgumentHelp("With --ssh: the receiver to run on HOST.", valueName: "command"))
    var receiveCommand = "xm migrate-receive"
    @Option(help: "Seconds of silence from HOST after which the migration gives up.")
    var timeout: Double = 60
    @OptionGroup var target: DomainArgument
    @Argument(help: "The host to move the domain to.") var host: String

    func validate() throws {
        guard timeout >= 1 else { throw ValidationError("--timeout must be at least 1 second") }
        guard !host.isEmpty else { throw ValidationError("the host is empty") }
        guard !(ssl && ssh) else { throw ValidationError("--ssl and --ssh are two transports: choose one") }
    }

    func run() throws {
        let (xen, domain) = try target.resolve()
        // Before any connection: a receiver should not see a migration start for nothing.
        if domain.id == 0 { throw XenError.domain0Refused(action: "migrate") }
        signal(SIGPIPE, SIG_IGN)  // a receiver that goes away is an error to handle, not our death
        var channel: ByteChannel
        var transport: pid_t?
        var tunnel: TLSTunnel?
        if ssl {
            var settings = try RelocationServerCommand.settings(from: RelocationSettings.defaultPath, required: false)
            tls.apply(to: &settings)
            guard let identity = settings.tlsIdentity else {
                throw ValidationError(
                    "--ssl needs this host's certificate, key and CA: --ssl-cert, --ssl-key, --ssl-ca")
            }
            let tcp = try MigrationTransport.connect(host: host, port: port ?? settings.sslPort, timeout: timeout)
            do {
                tunnel = try TLSTunnel(
                    network: tcp.readFD, role: .client(host: host), identity: identity, timeout: timeout)
            } catch {
                tcp.close()
                throw XenError.migrationFailed(stage: .connect, reason: "\(error)", source: .running)
            }
            channel = tunnel!.channel
        } else if ssh {
            let (piped, pid) = try MigrationTransport.spawn(
                [
                    "ssh", "-o", "BatchMode=yes", "-o", "ServerAliveInterval=\(max(Int(timeout) / 4, 1))", host,
                    receiveCommand,
                ], timeout: timeout)
            channel = piped
            transport = pid
        } else {
            channel = try MigrationTransport.connect(host: host, port: port ?? 8002, timeout: timeout)
        }
        defer {
            channel.close()
            tunnel?.finish()
            if let transport { reap(transport) }
        }
        let display = ProgressDisplay(task: "Migrating \(domain.name) to \(host)")
        let result: MigrationResult
        do {
            defer { display.finish() }
            result = try xen.migrate(domain.id, over: channel, live: live, progress: display.show)
        } catch XenError.migrationFailed(.banner, let reason, let source)
            where ssl && reason.hasPrefix("the other end closed")
        {
            // Under TLS 1.3 the server judges our certificate after our side of the handshake is done.
            throw XenError.migrationFailed(
                stage: .banner,
                reason:
                    "the receiver closed the TLS connection without a word (it did not accept this host's certificate, or this host is not in its hosts-allow)",
                source: source)
        }
        if let leftBehind = result.leftBehind { printError("Warning: \(leftBehind)") }
        let downtime = result.downtime.map { PyFormat.f($0, 0, 2) + " s" } ?? "unknown"
        print("Migrated \(domain.name) to \(host) in \(PyFormat.f(result.total, 0, 2)) s (downtime \(downtime))")
    }

    /// Waits a moment for the transport command; one that lingers is ended.
    private func reap(_ pid: pid_t) {
        var status: Int32 = 0
        for _ in 0..<50 {
            if waitpid(pid, &status, WNOHANG) != 0 { return }
            usleep(100_000)
        }
        kill(pid, SIGTERM)
        waitpid(pid, &status, 0)
    }
}

struct MigrateReceiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-receive",
        abstract: "Receive a migrating domain on stdin and stdout.",
        discussion: """
            The receiving end of xl's migration protocol, as `xl migrate-receive`: what `xm migrate
            --ssh` runs on the other host, and what the relocation server runs for each connection.
            Messages go to stderr.
            """
    )
    @Flag(name: [.customShort("p"), .long], help: "Leave the domain paused when it has arrived.")
    var paused = false
    @Option(help: "Seconds of silence from the sender after which the receive gives up.")
    var timeout: Double = 60
    /// Set by the relocation server: a receiver must not outlive it (the server sweeps up after it).
    @Flag(help: .hidden) var dieWithParent = false
    /// Set by the relocation server for its ssl port: the TLS handshake comes first.
    @OptionGroup(visibility: .hidden) var tls: TLSFileOptions

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        if dieWithParent {
            ProcessLifetime.dieWithParent()
        }
        var channel = ByteChannel(readFD: 0, writeFD: 1, timeout: timeout)
        var tunnel: TLSTunnel?
        if let certificate = tls.certificate, let key = tls.key, let ca = tls.ca {
            let identity = TLSIdentity(certificateFile: certificate, keyFile: key, caFile: ca)
            do {
                tunnel = try TLSTunnel(network: 0, role: .server, identity: identity, timeout: timeout)
            } catch {
                printError("migrate-receive: refused: \(error)")
                throw ExitCode(1)
            }
            channel = tunnel!.channel
        }
        defer {
            channel.close()
            tunnel?.finish()
        }
        let xen = try Session.hypervisor()
        let domain = try xen.receiveMigration(over: channel, paused: paused) { line in
            printError("migrate-receive: \(line)")
        }
        try launchMonitor(for: domain)
        printError("migrate-receive: domain \(domain.name) (id \(domain.id)) runs here")
    }
}
