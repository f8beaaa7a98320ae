import CXen
import Glibc

/// What libxl reports about a watched domain.
public enum DomainEvent: Sendable, Hashable {
    /// The guest stopped (powered off, rebooted, crashed, ...) but the domain still exists.
    case shutdown(DomainInfo.ShutdownReason)
    /// The domain is gone (destroyed, or dying).
    case death
}

/// libxl's domain-death events for a set of domains (libxl_evenable_domain_death), read with
/// libxl_event_wait. A domain that was already shut down when the watch began is reported too.
public final class DomainWatch {
    private let context: LibxlContext
    private var generators: [UInt32: OpaquePointer] = [:]

    public init(context: LibxlContext, domids: [UInt32]) throws {
        self.context = context
        for domid in domids {
            var generator: OpaquePointer?
            try context.check(
                "watching domain \(domid)",
                libxl_evenable_domain_death(context.ctx, domid, UInt64(domid), &generator))
            if let generator { generators[domid] = generator }
        }
    }

    public var watched: Set<UInt32> { Set(generators.keys) }

    /// Blocks until libxl has an event for one of the watched domains.
    public func next() throws -> (domid: UInt32, event: DomainEvent) {
        while true {
            var event: UnsafeMutablePointer<libxl_event>?
            try context.check("waiting for domain events", libxl_event_wait(context.ctx, &event, UInt64.max, nil, nil))
            guard let event else { continue }
            defer { libxl_event_free(context.ctx, event) }
            let domid = event.pointee.domid
            guard generators[domid] != nil else { continue }
            switch event.pointee.type {
            case LIBXL_EVENT_TYPE_DOMAIN_SHUTDOWN:
                let reason = libxl_shutdown_reason(rawValue: Int32(event.pointee.u.domain_shutdown.shutdown_reason))
                return (domid, .shutdown(DomainInfo.reason(reason)))
            case LIBXL_EVENT_TYPE_DOMAIN_DEATH:
                return (domid, .death)
            default:
                continue
            }
        }
    }

    public func stop(_ domid: UInt32) {
        guard let generator = generators.removeValue(forKey: domid) else { return }
        libxl_evdisable_domain_death(context.ctx, generator)
    }

    deinit {
        for generator in generators.values { libxl_evdisable_domain_death(context.ctx, generator) }
    }
}

/// How a waited-for domain ended.
public enum DomainEnd: Sendable, Hashable {
    /// Gone from the hypervisor.
    case gone
    /// Death reported, but the hypervisor still lists it as dying after the grace period.
    case dying
    /// Shut down, and its config keeps it (preserve) or leaves it to a suspender: it will not go.
    case kept(DomainInfo.ShutdownReason)
    /// Shut down for a reason its config answers with a restart (a guest that rebooted or crashed
    /// instead of powering off): this domain is gone, but its monitor starts the guest again.
    case restarted(DomainInfo.ShutdownReason, ShutdownAction)
}

extension LibxlContext {
    /// Blocks until every domain is gone: the death event, then until the hypervisor no longer
    /// lists it (a dying domain lingers while its last pages are released). A domain whose stored
    /// config keeps it after this shutdown (on_poweroff = "preserve") ends the wait too, since it
    /// never goes by itself. One whose config restarts it after this shutdown ends as `restarted`
    /// when the old domain dies: the caller asked for it gone, and it is coming back.
    public func waitUntilGone(_ domids: [UInt32], lingerSeconds: Double = 10) throws -> [UInt32: DomainEnd] {
        let watch = try DomainWatch(context: self, domids: domids)
        // Read now, while the guests are still shutting down, rather than when the event comes:
        // the wait then ends as soon as the domain does.
        var policies: [UInt32: ShutdownPolicy] = [:]
        for domid in domids { policies[domid] = storedShutdownPolicy(domid) }
        var ends: [UInt32: DomainEnd] = [:]
        var restarting: [UInt32: DomainEnd] = [:]
        while !watch.watched.isEmpty {
            let (domid, event) = try watch.next()
            switch event {
            case .death:
                watch.stop(domid)
                let vanished = waitUntilVanished(domid, seconds: lingerSeconds)
                ends[domid] = restarting[domid] ?? (vanished ? .gone : .dying)
            case .shutdown(let reason):
                guard let policy = policies[domid] else { break }
                switch policy.decision(for: reason).then {
                case .preserve, .leaveToSuspender:
                    watch.stop(domid)
                    ends[domid] = .kept(reason)
                case .restart, .renameRestart:
                    restarting[domid] = .restarted(reason, policy.action(for: reason) ?? .restart)
                case .destroy: break
                }
            }
        }
        return ends
    }

    /// The actions of the domain's stored config; nil when libxl has none (then the wait ends
    /// only when the domain does, as for a domain another toolstack built).
    private func storedShutdownPolicy(_ domid: UInt32) -> ShutdownPolicy? {
        guard let json = try? storedDomainConfig(for: domid),
            let config = try? LibxlDomainConfig(json: json, context: self)
        else { return nil }
        return config.shutdownPolicy
    }

    /// Polls until the hypervisor no longer knows the domain; false if it still does after `seconds`.
    /// Polling, because nothing announces the end: Xen raises VIRQ_DOM_EXC when a dying domain is
    /// finally freed, but only xenstored listens to it, and it fires @releaseDomain at "dying",
    /// not then. Every 2 ms: a getinfo hypercall is cheap, and this wait is most of what
    /// `shutdown -w` adds to xl's (which returns at "dying").
    @discardableResult
    public func waitUntilVanished(_ domid: UInt32, seconds: Double = 10) -> Bool {
        let deadline = monotonicSeconds() + seconds
        while true {
            if (try? domainInfo(domid)) == .some(nil) { return true }
            if monotonicSeconds() > deadline { return false }
            usleep(2_000)
        }
    }
}

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
