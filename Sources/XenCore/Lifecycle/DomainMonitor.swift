import CXen
import Glibc

/// The per-domain monitor (what xl forks after create): waits for the guest to stop and applies
/// the config's on_poweroff / on_reboot / on_crash / on_watchdog / on_soft_reset. Runs in a
/// process of its own (`xm __monitor DOMID`) with its own libxl context, and ends when the domain
/// is destroyed for good, preserved, or handed to whoever suspended it.
public final class DomainMonitor {
    private let context: LibxlContext
    /// The configuration a restart creates the domain from: libxl's stored one, read again
    /// before each restart, so that devices attached or detached meanwhile are kept that way.
    private var json: String
    public let name: String
    public let policy: ShutdownPolicy
    public private(set) var domid: UInt32
    /// Where the monitor says what it does (the CLI writes it, timestamped, to the monitor's log).
    public var report: (String) -> Void = { _ in }
    /// Directory for core files of the coredump-* actions (xl's XEN_DUMP_DIR).
    public var dumpDirectory = "/var/lib/xen/dump"

    public init(context: LibxlContext, domid: UInt32) throws {
        self.context = context
        self.domid = domid
        json = try context.storedDomainConfig(for: domid)
        let config = try LibxlDomainConfig(json: json, context: context)
        name = config.name
        policy = config.shutdownPolicy
    }

    public func run() throws {
        report(
            "monitoring domain \(name) (id \(domid)): poweroff \(policy.onPoweroff.rawValue), reboot \(policy.onReboot.rawValue), crash \(policy.onCrash.rawValue)"
        )
        while true {
            let event = try nextEvent()
            guard case .shutdown(let reason) = event else {
                report("domain \(domid) has been destroyed; monitor exits")
                return
            }
            let decision = policy.decision(for: reason)
            report(
                "domain \(domid) shut down (\(reason.rawValue)): \(policy.action(for: reason)?.rawValue ?? "nothing")")
            if decision.dumpCore { dumpCore() }
            switch decision.then {
            case .leaveToSuspender:
                // A save or migration suspended it: it ends up destroyed (saved, or moved away) or
                // resumed (save -c, a migration that failed), and then it is ours again.
                guard waitWhileSuspended() else {
                    report("domain \(domid) is gone after its suspension; monitor exits")
                    return
                }
                report("domain \(domid) resumed; monitoring goes on")
            case .preserve:
                report("leaving domain \(domid) as it is; monitor exits")
                return
            case .destroy:
                try context.destroy(domid)
                report("domain \(domid) destroyed; monitor exits")
                return
            case .restart:
                reloadConfig()
                try context.destroy(domid)
                context.waitUntilVanished(domid)
                try restart()
            case .renameRestart:
                reloadConfig()
                try keepUnderNewName()
                try restart()
            }
        }
    }

    /// Polls until the suspended domain runs again (true) or is gone (false). Polling, because
    /// libxl has no event for a resume; once a second costs nothing.
    private func waitWhileSuspended() -> Bool {
        while true {
            guard let info = try? context.domainInfo(domid), !info.dying else { return false }
            if !info.shutdown { return true }
            sleep(1)
        }
    }

    /// One shutdown or death of the current domain. The watch is made afresh for each domid, so a
    /// shutdown that happened before it began is still reported.
    private func nextEvent() throws -> DomainEvent {
        let watch = try DomainWatch(context: context, domids: [domid])
        return try watch.next().event
    }

    /// libxl merges what it stored with what xenstore still has: hot-plugged devices in, unplugged
    /// ones out. If that fails, the last configuration is the best there is.
    private func reloadConfig() {
        do {
            json = try context.configForSaving(domid)
        } catch {
            report("cannot read the stored configuration of domain \(domid) (\(error)); restarting with the last one")
        }
    }

    private func restart() throws {
        let created = try context.createDomain(json: json, paused: false)
        report("domain \(name) restarted as id \(created.id)")
        domid = created.id
    }

    /// rename-restart: the dead domain stays, named `<name>-<UTC time>` with a new uuid, so its
    /// name and uuid are free for the new one (xl's suffix format).
    private func keepUnderNewName() throws {
        let suffix = WallClock.utc("-%Y%m%dT%H%MZ")
        let config = try LibxlDomainConfig(json: json, context: context)
        var uuid = libxl_uuid()
        libxl_uuid_generate(&uuid)
        let rc = config.withUnsafeConfig { libxl_domain_preserve(context.ctx, domid, &$0.pointee.c_info, suffix, uuid) }
        try context.check("keeping domain \(domid) as \(name)\(suffix)", rc)
        report("domain \(domid) kept as \(name)\(suffix)")
    }

    /// Failure to dump is reported and the action goes on, as in xl: the guest must not stay down
    /// for want of disk space.
    private func dumpCore() {
        mkdir("/var/lib/xen", 0o755)
        mkdir(dumpDirectory, 0o700)
        let file = "\(dumpDirectory)/\(name)"
        do {
            try context.check(
                "dumping the core of domain \(domid)", libxl_domain_core_dump(context.ctx, domid, file, nil))
            report("core of domain \(domid) written to \(file)")
        } catch {
            report("core dump failed: \(error)")
        }
    }
}
