/// One progress report of libxc while it writes or reads a domain's memory: the phase it is in
/// ("Frames iteration 2", "Domain now suspended", "End of stream") and how far through that phase.
/// libxc starts every phase with `done == 0`.
public struct SaveProgress: Sendable, Hashable {
    public var phase: String
    public var percent: Int
    public var done: UInt64
    public var total: UInt64

    public init(phase: String, percent: Int, done: UInt64, total: UInt64) {
        self.phase = phase
        self.percent = percent
        self.done = done
        self.total = total
    }

    /// libxc's report at the moment the guest stops running: the start of a migration's downtime.
    public var isSuspension: Bool { phase == "Domain now suspended" }
}
