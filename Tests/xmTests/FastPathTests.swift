import ArgumentParser
import Testing
import xm

/// FastPath runs plain forms without the parser: every form it takes must mean exactly what the
/// parser makes of it, and every form the parser refuses must be left to the parser (which says why).
@Suite struct FastPathAgreesWithTheParser {
    static let commands = ["list", "shutdown", "reboot", "domid", "domname", "domstate", "__monitor", "create"]
    /// Each flag these commands know in both spellings, flags of the other commands, words the parser
    /// treats specially or refuses, and plain names and ids.
    static let words = [
        "-l", "--long", "--json", "-w", "--wait", "-a", "--all", "-R", "--reboot", "-H", "--halt",
        "vm1", "vm-2", "7", "+7", "4294967296", "-x", "--", "-h", "--state=running", "-lw", "-7", "",
    ]
    /// create's own: its flags, the options with a value it leaves to the parser, config words.
    static let createWords = [
        "-p", "--paused", "-c", "--console_autoconnect", "-q", "--quiet", "-n", "--dryrun", "--sxp",
        "-f", "--path", "--path=/etc/xen", "vm.cfg", "memory=512", "1x=2", "-pc", "-w", "--", "-h", "",
    ]
    static func words(for command: String) -> [String] { command == "create" ? createWords : words }

    /// What the parser makes of a command line, in FastPath's terms; nil when it refuses it.
    static func parsed(_ arguments: [String]) -> FastPath.Command? {
        guard let command = try? XM.parseAsRoot(arguments) else { return nil }
        switch command {
        case let c as ListCommand: return .list(c.request)
        case let c as ShutdownCommand: return .stop(c.request)
        case let c as RebootCommand: return .stop(c.request)
        case let c as DomidCommand: return .query(.id, c.domain)
        case let c as DomnameCommand: return .query(.name, c.domain)
        case let c as DomstateCommand: return .query(.state, c.domain)
        case let c as MonitorCommand: return .monitor(c.domid)
        case let c as CreateCommand: return .create(c.request)
        default: return nil  // help and the like
        }
    }

    @Test(arguments: commands)
    func everyTakenFormMeansWhatTheParserReads(command: String) {
        var tails: [[String]] = [[]]
        var longest: [[String]] = [[]]
        for _ in 1...3 {
            longest = longest.flatMap { tail in Self.words(for: command).map { tail + [$0] } }
            tails += longest
        }
        var taken = 0
        var checked = 0
        for tail in tails {
            let arguments = [command] + tail
            checked += 1
            guard let fast = FastPath.parse(arguments) else { continue }
            taken += 1
            #expect(Self.parsed(arguments) == fast, "\(arguments)")
        }
        #expect(checked > 8000)
        #expect(taken >= 2, "FastPath took only \(taken) forms of \(command)")  // at least the plain names or ids
    }

    @Test(arguments: [
        (["list"], FastPath.Command.list(ListRequest())),
        (["list", "-l", "vm1", "7"], .list(ListRequest(long: true, domains: ["vm1", "7"]))),
        (["list", "--json"], .list(ListRequest(json: true))),
        (["shutdown", "-w", "vm1"], .stop(StopRequest(wait: true, domain: "vm1"))),
        (["shutdown", "vm1", "-R"], .stop(StopRequest(domain: "vm1", reboot: true))),
        (["reboot", "-a", "--wait"], .stop(StopRequest(wait: true, all: true, reboot: true))),
        (["domstate", "vm1"], .query(.state, "vm1")),
        (["__monitor", "12"], .monitor(12)),
        (["create", "vm.cfg"], .create(CreateRequest(config: ConfigWords(words: ["vm.cfg"])))),
        (
            ["create", "-c", "vm.cfg", "memory=512"],
            .create(CreateRequest(config: ConfigWords(words: ["vm.cfg", "memory=512"]), console: true))
        ),
    ])
    func everydayFormsAreTaken(arguments: [String], expected: FastPath.Command) {
        #expect(FastPath.parse(arguments) == expected)
    }

    @Test(arguments: [
        ["list", "--state=running"], ["list", "-l", "--json"], ["list", "-l", "-l"], ["list", "--", "vm1"],
        ["shutdown"], ["shutdown", "-a", "vm1"], ["shutdown", "-R", "-H", "vm1"], ["reboot", "-H", "vm1"],
        ["shutdown", "-wa"], ["domid"], ["domid", "vm1", "vm2"], ["list", "--help"], ["create"],
        ["create", "-f", "vm.cfg"],
        ["create", "--path", "/etc/xen", "vm.cfg"], ["create", "-p", "-p", "vm.cfg"], ["check", "vm.cfg"],
        ["__monitor", "vm1"], ["__monitor", "4294967296"],
    ])
    func everythingElseIsLeftToTheParser(arguments: [String]) {
        #expect(FastPath.parse(arguments) == nil)
    }
}
