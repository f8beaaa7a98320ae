/// What went wrong in the command line itself, one case per failure: the CLI's counterpart of
/// XenCore's `XenError`. Printed as `Error: <description>` with exit status 1, like XenError, so
/// each description is a message users and scripts see (XMErrorTests pins them). Mistakes the
/// parser finds (a missing argument, an unknown option) are swift-argument-parser's own errors.
package enum XMError: Error, Equatable, CustomStringConvertible {
    /// A command that reads a config file was given none; `usage` is what the command takes.
    case noConfigFile(command: String, usage: String)
    /// A second file among the config words: variables must be written name=value.
    case unexpectedArgument(String)
    /// The domain configuration has errors (printed above it as diagnostics).
    case configInvalid(path: String, errors: Int)
    /// The CPU pool configuration has errors (printed above it as diagnostics).
    case poolConfigInvalid(path: String, errors: Int)
    /// vcpu-pin with a CPU list that removes every CPU it names ("1,^1").
    case emptyCPUList(String)
    /// sched-credit(2) -d for a domain whose pool runs another scheduler.
    case wrongScheduler(domain: String, runs: String, asked: String)
    /// sched-credit(2) without -d on a host whose pools run none under that scheduler.
    case hostScheduler(String)
    /// A size for mem-set or mem-max that is not xm's (`256`, `256m`, `1g`).
    case invalidMemorySize(String)

    /// shutdown -w saw these domains stop in a way their configuration answers with a restart (a
    /// guest that rebooted instead, or on_poweroff = "restart"): they run again.
    case restartedInsteadOfShutdown([String])

    /// xend-config.sxp has a mistake (printed above it as a diagnostic).
    case relocationConfigInvalid(path: String)

    /// A device spec on the command line that the vm.cfg language rejects; `near` is the part at
    /// fault, marked with a caret under the spec as `xm check` marks it in a file.
    case deviceSpecInvalid(kind: String, spec: String, message: String, near: String?)
    /// A word of network-attach that is not `key=value` with a key xm knows.
    case invalidNetworkArgument(String)

    package var description: String {
        switch self {
        case .noConfigFile(let command, let usage): "No configuration file given: xm \(command) \(usage)"
        case .unexpectedArgument(let word): "Unexpected argument '\(word)': variables are written name=value"
        case .configInvalid(let path, let n): "\(path): \(n) error\(n == 1 ? "" : "s") in the domain configuration"
        case .poolConfigInvalid(let path, let n):
            "\(path): \(n) error\(n == 1 ? "" : "s") in the CPU pool configuration"
        case .emptyCPUList(let cpus): "The CPU list '\(cpus)' leaves no CPU"
        case .wrongScheduler(let domain, let runs, let asked):
            "Domain '\(domain)' runs under the \(runs) scheduler, not \(asked)"
        case .hostScheduler(let name): "Xen is running with the \(name) scheduler"
        case .invalidMemorySize(let text):
            "Invalid memory size '\(text)': a number of MiB, or a number followed by k, m or g"
        case .restartedInsteadOfShutdown(let names):
            names.count == 1
                ? "Domain '\(names[0])' did not shut down: its configuration restarted it"
                : "Domains \(names.map { "'\($0)'" }.joined(separator: ", ")) did not shut down: their configurations restarted them"
        case .relocationConfigInvalid(let path): "\(path): the relocation settings cannot be read"
        case .deviceSpecInvalid(let kind, let spec, let message, let near):
            "invalid \(kind) spec: \(message)\n" + Self.caret(under: near, in: spec)
        case .invalidNetworkArgument(let word): "Invalid argument: \(word) (expected key=value)"
        }
    }

    /// `    spec` and, under the part at fault (the whole spec when it cannot be found), `^~~`.
    static func caret(under near: String?, in spec: String) -> String {
        let at = near.flatMap { $0.isEmpty ? nil : spec.firstRange(of: $0) }
        let column = at.map { spec.distance(from: spec.startIndex, to: $0.lowerBound) } ?? 0
        let width = at.map { spec.distance(from: $0.lowerBound, to: $0.upperBound) } ?? max(spec.count, 1)
        return "    \(spec)\n    " + String(repeating: " ", count: column) + "^"
            + String(repeating: "~", count: max(0, width - 1))
    }
}
