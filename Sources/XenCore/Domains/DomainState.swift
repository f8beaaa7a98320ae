/// The states `xm list --state` selects and the word `xm domstate` prints.
public enum DomainStateFilter: String, CaseIterable, Sendable {
    case running, blocked, paused, shutdown, crashed, dying

    public func matches(_ d: DomainInfo) -> Bool {
        switch self {
        case .running: d.running
        case .blocked: d.blocked
        case .paused: d.paused
        case .shutdown: d.shutdown
        case .crashed: d.crashed
        case .dying: d.dying
        }
    }
}

public enum DomainStateWord {
    /// xm 4.1's words (main.py `xm_domstate`), but not its order. xm took the first of s, b, d, r,
    /// c, p that was set, so a paused guest whose VCPU was idle when it was paused said "idle",
    /// a crashed one "shutoff", and a runnable one waiting for a CPU (no letter at all) "shutoff"
    /// too; xm's `find(...) > 0` also never saw the `r` in the first position. Here the state the
    /// administrator set or the guest ended in comes first, then what the VCPUs are doing.
    public static func word(_ d: DomainInfo) -> String {
        if d.dying { return "shutdown" }
        if d.crashed { return "crashed" }
        if d.shutdown { return "shutoff" }
        if d.paused { return "paused" }
        if d.blocked && !d.running { return "idle" }
        return "running"
    }
}
