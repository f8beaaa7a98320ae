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
    /// xm 4.1's `xm domstate` (main.py `xm_domstate`): the first of s, b, d, r, c, p that is set,
    /// in that order, as shutoff, idle, shutdown, running, crashed, paused. xm tested each letter
    /// with `find(...) > 0`, which never matched the `r` in the first position, so a running
    /// domain printed nothing; we print `running` there.
    public static func word(_ d: DomainInfo) -> String {
        if d.shutdown { return "shutoff" }
        if d.blocked { return "idle" }
        if d.dying { return "shutdown" }
        if d.running { return "running" }
        if d.crashed { return "crashed" }
        if d.paused { return "paused" }
        return "shutoff"
    }
}
