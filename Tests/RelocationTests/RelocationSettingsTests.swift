import ConfigParser
import Relocation
import Testing

@Suite struct RelocationSettingsTests {
    func read(_ text: String) throws(Diagnostic) -> RelocationSettings {
        try RelocationSettings.read(SourceFile(path: "/etc/xen/xend-config.sxp", text: text))
    }

    @Test func xendsRelocationKeysAreRead() throws {
        let settings = try read(
            """
            (xend-relocation-server no)
            (xend-relocation-port 9002)
            (xend-relocation-address '10.0.0.1')
            (xend-relocation-hosts-allow '^10\\\\. ^node[0-9]+$')
            (xend-relocation-ssl-server yes)
            (xend-relocation-ssl-port 9003)
            (xend-relocation-server-ssl-key-file /etc/xen/xmsrv.key)
            (xend-relocation-server-ssl-cert-file /etc/xen/xmsrv.crt)
            (xend-unix-server yes)
            """)
        #expect(!settings.plain && settings.port == 9002 && settings.address == "10.0.0.1")
        #expect(settings.hostsAllow == #"^10\. ^node[0-9]+$"#)
        #expect(settings.ssl && settings.sslPort == 9003)
        #expect(settings.sslKeyFile == "/etc/xen/xmsrv.key" && settings.sslCertFile == "/etc/xen/xmsrv.crt")
    }

    @Test func nothingConfiguredMeansXendsPortsAndLoopbackOnly() throws {
        let settings = try read("(xend-http-server no)\n")
        #expect(settings.plain && settings.port == 8002 && settings.sslPort == 8003 && !settings.ssl)
        #expect(settings.hostsAllow == nil && settings.address.isEmpty)
    }

    static let mistakes: [(String, String, ConfigParser.SourceLocation)] = [
        (
            "(xend-relocation-port 80x2)", "'xend-relocation-port' is a port number (1-65535), not '80x2'",
            ConfigParser.SourceLocation(line: 1, column: 23)
        ),
        (
            "(xend-relocation-port 0)", "'xend-relocation-port' is a port number (1-65535), not '0'",
            ConfigParser.SourceLocation(line: 1, column: 23)
        ),
        (
            "(xend-relocation-server maybe)", "'xend-relocation-server' is yes or no, not 'maybe'",
            ConfigParser.SourceLocation(line: 1, column: 25)
        ),
        (
            "(xend-relocation-port)", "'xend-relocation-port' has no value",
            ConfigParser.SourceLocation(line: 1, column: 2)
        ),
        (
            "(xend-relocation-port 1 2)", "'xend-relocation-port' takes one value",
            ConfigParser.SourceLocation(line: 1, column: 25)
        ),
    ]

    @Test(arguments: mistakes)
    func aBadValueIsReportedWhereItIs(text: String, message: String, at location: ConfigParser.SourceLocation) {
        do {
            _ = try read(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.message == message)
            #expect(error.range.start == location)
        }
    }

    @Test func aHostsAllowThatIsNoRegularExpressionIsFoundInTheFile() {
        do {
            _ = try read("\n  (xend-relocation-hosts-allow '^ok$ (unclosed')")
            Issue.record("accepted a bad regex")
        } catch {
            #expect(error.range.start == ConfigParser.SourceLocation(line: 2, column: 32))
            #expect(error.message.hasPrefix("xend-relocation-hosts-allow: '(unclosed' is not a regular expression"))
            #expect(
                error.rendered(
                    in: SourceFile(path: "x.sxp", text: "\n  (xend-relocation-hosts-allow '^ok$ (unclosed')")
                )
                .hasPrefix("x.sxp:2:32: error: "))
        }
    }
}

@Suite struct HostsAllowTests {
    @Test func nothingConfiguredLetsInLoopbackOnly() throws {
        let allow = try HostsAllow(setting: "")
        #expect(allow.allows(address: "127.0.0.1", name: nil))
        #expect(allow.allows(address: "::1", name: nil))
        #expect(allow.allows(address: "10.1.2.3", name: "localhost"))
        #expect(!allow.allows(address: "10.1.2.3", name: "node1"))
        #expect(!allow.allows(address: "192.168.77.2", name: nil))
    }

    /// xend matched with Python's re.match: from the start of the text, not to its end.
    @Test func patternsMatchFromTheStartOfTheAddressOrTheName() throws {
        let allow = try HostsAllow(setting: #"^10\.0\. node"#)
        #expect(allow.allows(address: "10.0.0.7", name: nil))
        #expect(!allow.allows(address: "110.0.0.7", name: nil))
        #expect(allow.allows(address: "192.168.1.1", name: "node7.pool"))
        #expect(!allow.allows(address: "192.168.1.1", name: "thenode"))
    }

    @Test func aBadPatternIsNamed() {
        #expect(throws: HostsAllow.Invalid.self) { try HostsAllow(setting: "ok (") }
        do {
            _ = try HostsAllow(setting: "ok (")
        } catch {
            #expect(error.pattern == "(")
        }
    }
}
