import Glibc

extension LibxlContext {
    /// After a reboot request: blocks until a domain of this name runs under a new domid (the
    /// monitor destroyed the old one and created it again). Like xm, gives up when the name has
    /// been without a live domain for `recreateSeconds`: the domain did not come back.
    public func waitForRestart(name: String, oldDomid: UInt32, recreateSeconds: Double = 30) throws -> DomainInfo {
        var absentSince: Double?
        while true {
            let now = monotonicSeconds()
            let current = try listDomains().first { $0.name == name }
            if let current, current.id != oldDomid, !current.shutdown, !current.dying { return current }
            let stillRunning = current.map { $0.id == oldDomid && !$0.shutdown && !$0.dying } ?? false
            if stillRunning {
                absentSince = nil
            } else if let since = absentSince {
                if now - since > recreateSeconds {
                    throw XenError.notBackAfterReboot(domain: name, seconds: Int(recreateSeconds))
                }
            } else {
                absentSince = now
            }
            usleep(100_000)
        }
    }
}
