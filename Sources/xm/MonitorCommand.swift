import ArgumentParser
import Glibc
import XenCore

/// Starts the detached monitor of a domain we just created, or created again (`xm reset`); xl
/// forks one per domain. It is this same binary, run as `xm __monitor DOMID`, logging to
/// /var/log/xen/xm-<name>.log.
func launchMonitor(for domain: CreatedDomain) throws {
    try HelperProcess.launch(.domainMonitor, arguments: ["__monitor", String(domain.id)], logName: domain.name)
}

/// `xm __monitor DOMID`: the monitor process itself. Not for people; hidden from help.
package struct MonitorCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "__monitor",
        abstract: "Watch a domain and apply its on_poweroff/on_reboot/on_crash actions (internal).",
        shouldDisplay: false
    )

    package init() {}

    @Argument package var domid: UInt32

    package func run() throws { try Self.monitor(domid) }

    static func monitor(_ domid: UInt32) throws {
        setsid()  // already our own session when started by HelperProcess; harmless otherwise
        let monitor = try DomainMonitor(context: Session.hypervisor(), domid: domid)
        monitor.report = { line in
            printError("\(WallClock.utcStamp()) [\(getpid())] \(line)")
        }
        do {
            try monitor.run()
        } catch {
            printError("\(WallClock.utcStamp()) [\(getpid())] monitor of domain \(monitor.domid) stops: \(error)")
            throw error
        }
    }
}
