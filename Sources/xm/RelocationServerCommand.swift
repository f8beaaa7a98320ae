import ArgumentParser
import ConfigParser
import Relocation
import XenCore

/// `xm relocation-server`: xend's relocation server as a foreground daemon (systemd runs it as
/// xm-relocation.service), configured the way xend was, from /etc/xen/xend-config.sxp.
struct RelocationServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relocation-server",
        abstract: "Receive migrating domains (xend's relocation server).",
        discussion: """
            Reads xend-relocation-server, -port (8002), -address, -hosts-allow, -ssl-server,
            -ssl-port (8003) and -server-ssl-key-file / -cert-file from /etc/xen/xend-config.sxp;
            the options below override the file. xend-relocation-hosts-allow is a space-separated
            list of regular expressions matched from the start of the peer's address and of its
            name; when none is configured, only loopback peers are let in. Each migration runs as
            `xm migrate-receive` on its connection. Logs go to stderr.
            """
    )
    @Option(help: ArgumentHelp("The xend configuration to read.", valueName: "file"))
    var config = RelocationSettings.defaultPath
    @Option(name: [.customShort("p"), .long], help: "The port to listen on (xend-relocation-port).")
    var port: UInt16?
    @Option(help: "The address to listen on; empty for all (xend-relocation-address).")
    var address: String?
    @Option(
        name: .customLong("hosts-allow"),
        help: ArgumentHelp("Regular expressions of the peers let in (xend-relocation-hosts-allow).", valueName: "list"))
    var hostsAllow: String?
    @Option(help: "Seconds of silence from a sender after which its migration is given up.")
    var timeout: Double?
    @Flag(help: "Serve TLS on the ssl port too (xend-relocation-ssl-server).")
    var ssl = false
    @Flag(name: .customLong("no-plain"), help: "Do not serve plain TCP (xend-relocation-server no).")
    var noPlain = false
    @Option(name: .customLong("ssl-port"), help: "The TLS port (xend-relocation-ssl-port, 8003).")
    var sslPort: UInt16?
    @OptionGroup var tls: TLSFileOptions

    func run() throws {
        let settings = try resolvedSettings()
        let xen = try Session.hypervisor()
        let server = try RelocationServer(settings: settings, context: xen) { line in
            printError("\(WallClock.utcStamp()) relocation: \(line)")
        }
        try server.run()
    }

    /// The file's settings (none when there is no file), then the options over them.
    func resolvedSettings() throws -> RelocationSettings {
        var settings = try Self.settings(from: config, required: config != RelocationSettings.defaultPath)
        if let port { settings.port = port }
        if let address { settings.address = address }
        if let hostsAllow {
            do {
                _ = try HostsAllow(setting: hostsAllow)
            } catch {
                throw ValidationError("--hosts-allow: \(error)")
            }
            settings.hostsAllow = hostsAllow
        }
        if let timeout {
            guard timeout >= 1 else { throw ValidationError("--timeout must be at least 1 second") }
            settings.timeout = timeout
        }
        if ssl { settings.ssl = true }
        if noPlain { settings.plain = false }
        if let sslPort { settings.sslPort = sslPort }
        tls.apply(to: &settings)
        return settings
    }

    /// The settings of /etc/xen/xend-config.sxp (or `path`); xend's defaults when there is no
    /// such file. A malformed file is printed as its diagnostic and refused.
    static func settings(from path: String, required: Bool) throws -> RelocationSettings {
        guard required || Files.kind(of: path) != nil else { return RelocationSettings() }
        let bytes: [UInt8]
        do {
            bytes = try Files.readInput(path)
        } catch {
            throw XenError.configUnreadable(path: path, reason: error.description)
        }
        let source = SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self))
        do {
            return try RelocationSettings.read(source)
        } catch {
            printError(error.rendered(in: source))
            throw XMError.relocationConfigInvalid(path: path)
        }
    }
}

/// The TLS files of this host, over what xend-config.sxp names.
struct TLSFileOptions: ParsableArguments {
    @Option(
        name: .customLong("ssl-cert"),
        help: ArgumentHelp("This host's certificate (xend-relocation-server-ssl-cert-file).", valueName: "file"))
    var certificate: String?
    @Option(
        name: .customLong("ssl-key"),
        help: ArgumentHelp("Its private key (xend-relocation-server-ssl-key-file).", valueName: "file"))
    var key: String?
    @Option(
        name: .customLong("ssl-ca"),
        help: ArgumentHelp(
            "The CA that signs the pool's hosts (xend-relocation-server-ssl-ca-file): the other end's certificate must be signed by it.",
            valueName: "file"))
    var ca: String?

    func apply(to settings: inout RelocationSettings) {
        if let certificate { settings.sslCertFile = certificate }
        if let key { settings.sslKeyFile = key }
        if let ca { settings.sslCAFile = ca }
    }
}
