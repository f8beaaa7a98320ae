/// Everything `xm list -l` and `xm list --json` tell about one domain.
public struct DomainDetails: Sendable, Hashable {
    public var info: DomainInfo
    public var stored: StoredDomainConfig?
    /// Seconds since the epoch; nil when libxl recorded none (Domain-0).
    public var startTime: UInt32?
    public var credit: CreditParams?

    public init(
        info: DomainInfo, stored: StoredDomainConfig? = nil, startTime: UInt32? = nil, credit: CreditParams? = nil
    ) {
        self.info = info
        self.stored = stored
        self.startTime = startTime
        self.credit = credit
    }
}

extension LibxlContext {
    public func details(_ info: DomainInfo) -> DomainDetails {
        DomainDetails(
            info: info, stored: storedConfig(info.id), startTime: startTime(of: info.id),
            credit: try? creditParams(info.id))
    }
}
