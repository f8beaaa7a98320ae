import ConfigParser
import XenCore

/// What the relocation server does: xend's relocation keys in /etc/xen/xend-config.sxp, which
/// Oracle VM admins already write, then the command line's options over them.
public struct RelocationSettings: Sendable {
    /// Serve plain TCP (xend-relocation-server).
    public var plain = true
    public var port: UInt16 = 8002
    /// The address to listen on; empty for all (xend-relocation-address).
    public var address = ""
    /// xend-relocation-hosts-allow, as written; nil when not configured (loopback only).
    public var hostsAllow: String?
    /// Serve TLS (xend-relocation-ssl-server) on `sslPort`.
    public var ssl = false
    public var sslPort: UInt16 = 8003
    public var sslKeyFile: String?
    public var sslCertFile: String?
    /// The CA that signs the pool's hosts' certificates; a TLS client must present one it signed.
    public var sslCAFile: String?
    /// Seconds of silence after which a migration is given up.
    public var timeout: Double = 60

    /// The TLS identity of this host, when its three files are configured.
    public var tlsIdentity: TLSIdentity? {
        guard let sslCertFile, let sslKeyFile, let sslCAFile else { return nil }
        return TLSIdentity(certificateFile: sslCertFile, keyFile: sslKeyFile, caFile: sslCAFile)
    }

    public init() {}

    public static let defaultPath = "/etc/xen/xend-config.sxp"

    /// Reads the relocation keys of a xend-config.sxp; the rest of the file (xend's other
    /// settings) is not ours and is left alone. A malformed file or value throws its diagnostic.
    public static func read(_ source: SourceFile) throws(Diagnostic) -> RelocationSettings {
        let document = try SXPDocument(source)
        var settings = RelocationSettings()
        for (name, range, values) in document.settings {
            guard name.hasPrefix("xend-relocation-") else { continue }
            guard let first = values.first else {
                throw .error("'\(name)' has no value", at: range)
            }
            guard values.count == 1, let text = first.text else {
                throw .error("'\(name)' takes one value", at: values.count == 1 ? first.range : values[1].range)
            }
            switch name {
            case "xend-relocation-server": settings.plain = try yesNo(text, name, first.range)
            case "xend-relocation-port": settings.port = try port(text, name, first.range)
            case "xend-relocation-address": settings.address = text
            case "xend-relocation-hosts-allow":
                do {
                    _ = try HostsAllow(setting: text)
                } catch {
                    throw .error("xend-relocation-hosts-allow: \(error)", at: first.range)
                }
                settings.hostsAllow = text
            case "xend-relocation-ssl-server": settings.ssl = try yesNo(text, name, first.range)
            case "xend-relocation-ssl-port": settings.sslPort = try port(text, name, first.range)
            case "xend-relocation-server-ssl-key-file": settings.sslKeyFile = text
            case "xend-relocation-server-ssl-cert-file": settings.sslCertFile = text
            case "xend-relocation-server-ssl-ca-file": settings.sslCAFile = text
            default: continue  // xend's other relocation keys (xend-relocation-ssl) concern xend
            }
        }
        return settings
    }

    private static func yesNo(_ text: String, _ name: String, _ range: SourceRange) throws(Diagnostic) -> Bool {
        switch text.lowercased() {
        case "yes", "y", "true", "1", "on": return true
        case "no", "n", "false", "0", "off": return false
        default: throw .error("'\(name)' is yes or no, not '\(text)'", at: range)
        }
    }

    private static func port(_ text: String, _ name: String, _ range: SourceRange) throws(Diagnostic) -> UInt16 {
        guard let port = UInt16(text), port > 0 else {
            throw .error("'\(name)' is a port number (1-65535), not '\(text)'", at: range)
        }
        return port
    }
}
