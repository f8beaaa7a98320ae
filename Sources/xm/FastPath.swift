/// The plain forms of the commands that scripts, monitoring and benchmarks run over and over
/// (`xm list`, `xm list -l NAME`, `xm shutdown -w NAME`, `xm domid NAME`, `xm create FILE`, ...)
/// and the monitor every create starts (`xm __monitor DOMID`), run without swift-argument-parser.
///
/// Why: the parser's first use in a process is runtime reflection (Mirror walks, generic metadata
/// built from mangled names, protocol-conformance scans over the binary's ~4,000 records), about
/// 8 M of the 11.5 M instructions of `xm list`: in a PV dom0 that is most of the gap to xl, whose
/// whole `xl list` costs less. The parser stays the definition of the command line: help,
/// completions, errors and every form not taken here go through it. A form is taken only when
/// each word is one the parser reads the same way and the whole is valid; anything else (an
/// unknown or bundled flag, `--opt=value`, `--`, `-h`, a repeated flag, a combination the parser
/// rejects) returns nil and the parser decides. FastPathTests checks, over every combination of
/// these words, that a form taken here means exactly what the parser makes of it.
package enum FastPath {
    package enum Command: Equatable {
        case list(ListRequest)
        case stop(StopRequest)
        case query(DomainQuery, String)
        case create(CreateRequest)
        /// A domain's monitor, started by create while the guest boots: its start competes with
        /// the create for the dom0's CPUs.
        case monitor(UInt32)
    }

    package static func parse(_ arguments: [String]) -> Command? {
        guard let name = arguments.first else { return nil }
        var words = Words(arguments.dropFirst())
        switch name {
        case "list":
            var r = ListRequest()
            guard words.take(flag: "-l", "--long", into: &r.long), words.take(flag: "--json", into: &r.json),
                words.restArePositionals, !(r.long && r.json)
            else { return nil }
            r.domains = words.positionals
            return .list(r)
        case "shutdown", "reboot":
            var r = StopRequest(reboot: name == "reboot")
            var halt = false
            guard words.take(flag: "-w", "--wait", into: &r.wait), words.take(flag: "-a", "--all", into: &r.all) else {
                return nil
            }
            if name == "shutdown" {
                guard words.take(flag: "-R", "--reboot", into: &r.reboot),
                    words.take(flag: "-H", "--halt", into: &halt),
                    !(r.reboot && halt)
                else { return nil }
            }
            guard words.restArePositionals, words.positionals.count == (r.all ? 0 : 1) else { return nil }
            r.domain = words.positionals.first
            return .stop(r)
        case "domid", "domname", "domstate":
            guard let query = DomainQuery(rawValue: name), words.restArePositionals, words.positionals.count == 1 else {
                return nil
            }
            return .query(query, words.positionals[0])
        case "create":
            // The file and its name=value words; options with a value (-f, --path) go to the parser.
            var r = CreateRequest()
            guard words.take(flag: "-p", "--paused", into: &r.paused),
                words.take(flag: "-c", "--console_autoconnect", into: &r.console),
                words.take(flag: "-q", "--quiet", into: &r.quiet),
                words.take(flag: "-n", "--dryrun", into: &r.dryrun), words.take(flag: "--sxp", into: &r.sxp),
                words.restArePositionals, !words.positionals.isEmpty
            else { return nil }
            r.config.words = words.positionals
            return .create(r)
        case "__monitor":
            guard words.restArePositionals, words.positionals.count == 1, let domid = UInt32(words.positionals[0])
            else { return nil }
            return .monitor(domid)
        default:
            return nil
        }
    }

    static func run(_ command: Command) throws {
        switch command {
        case .list(let r): try r.run()
        case .stop(let r): try r.run()
        case .query(let q, let domain): try q.run(domain)
        case .create(let r): try r.run()
        case .monitor(let domid): try MonitorCommand.monitor(domid)
        }
    }

    /// The words after the command name: flags are taken out one name at a time, what is left
    /// must be positionals the parser would read as such.
    struct Words {
        private var rest: [String]

        init(_ words: ArraySlice<String>) { rest = Array(words) }

        /// Takes every occurrence of the flag's names: true (and the flag set) when it appears at
        /// most once.
        mutating func take(flag names: String..., into value: inout Bool) -> Bool {
            let before = rest.count
            rest.removeAll { names.contains($0) }
            switch before - rest.count {
            case 0: return true
            case 1:
                value = true
                return true
            default: return false
            }
        }

        /// Whether the rest are all plain positionals: not empty, not starting with '-' (a flag
        /// the parser knows or rejects, `--`, or a negative number it might read either way).
        var restArePositionals: Bool {
            !rest.contains { $0.isEmpty || $0.hasPrefix("-") }
        }

        var positionals: [String] { rest }
    }
}
