import ConfigParser
import Testing
import XenCore

@Suite("the monitor's choice when a guest stops")
struct ShutdownPolicyTests {
    @Test func eachReasonUsesItsOwnKey() {
        let policy = ShutdownPolicy(
            onPoweroff: .preserve, onReboot: .renameRestart, onCrash: .coredumpRestart,
            onWatchdog: .coredumpDestroy, onSoftReset: .destroy)
        #expect(policy.decision(for: .poweroff) == MonitorDecision(then: .preserve))
        #expect(policy.decision(for: .reboot) == MonitorDecision(then: .renameRestart))
        #expect(policy.decision(for: .crash) == MonitorDecision(dumpCore: true, then: .restart))
        #expect(policy.decision(for: .watchdog) == MonitorDecision(dumpCore: true, then: .destroy))
        #expect(policy.decision(for: .softReset) == MonitorDecision(then: .destroy))
    }

    @Test func suspendIsLeftToTheSuspenderAndUnknownIsDestroyed() {
        let policy = ShutdownPolicy(
            onPoweroff: .restart, onReboot: .restart, onCrash: .restart,
            onWatchdog: .restart, onSoftReset: .restart)
        #expect(policy.decision(for: .suspend) == MonitorDecision(then: .leaveToSuspender))
        #expect(policy.decision(for: .unknown) == MonitorDecision(then: .destroy))
        #expect(policy.decision(for: nil) == MonitorDecision(then: .destroy))
    }

    @Test func xlDefaults() {
        let policy = ShutdownPolicy()
        #expect(policy.decision(for: .poweroff).then == .destroy)
        #expect(policy.decision(for: .reboot).then == .restart)
        #expect(policy.decision(for: .crash).then == .destroy)
        #expect(policy.decision(for: .softReset).then == .restart)
    }

    /// vm.cfg -> DomainConfig -> libxl_domain_config -> the policy the monitor reads.
    @Test func readFromTheLibxlConfiguration() throws {
        let text = """
            name = "p"
            kernel = "/k"
            memory = 128
            on_poweroff = "preserve"
            on_reboot = "rename-restart"
            on_crash = "coredump-destroy"
            """
        let loaded = ConfigLoader.load(text: text, path: "p.cfg")
        #expect(loaded.isValid)
        let libxl = try LibxlDomainConfig(loaded.config, options: .init(generateUUID: false))
        let policy = libxl.shutdownPolicy
        #expect(policy.onPoweroff == .preserve)
        #expect(policy.onReboot == .renameRestart)
        #expect(policy.onCrash == .coredumpDestroy)
        #expect(libxl.name == "p")
    }

    @Test func actionNamesAreXlsSpelling() {
        #expect(
            ShutdownAction.allCases.map(\.rawValue)
                == [
                    "destroy", "restart", "rename-restart", "preserve", "coredump-destroy", "coredump-restart",
                    "soft-reset",
                ])
    }

    @Test func triggersAreXmsNames() {
        #expect(DomainTrigger.allCases.map(\.rawValue) == ["nmi", "reset", "init", "power", "sleep", "s3resume"])
    }
}
