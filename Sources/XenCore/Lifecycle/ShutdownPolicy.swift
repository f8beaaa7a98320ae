/// What a domain's config asks for when the guest stops (xl.cfg on_poweroff, on_reboot, on_crash,
/// on_watchdog, on_soft_reset), and the monitor's choice for one shutdown. Pure values, so the
/// choice is tested without a hypervisor.
public enum ShutdownAction: String, Sendable, Hashable, CaseIterable {
    case destroy
    case restart
    case renameRestart = "rename-restart"
    case preserve
    case coredumpDestroy = "coredump-destroy"
    case coredumpRestart = "coredump-restart"
    case softReset = "soft-reset"
}

/// The monitor's reaction to one shutdown of the domain.
public struct MonitorDecision: Sendable, Hashable {
    public enum Then: Sendable, Hashable {
        /// Destroy the domain and stop watching.
        case destroy
        /// Destroy it and create it again from the same configuration (a new domid, same name).
        case restart
        /// Keep the dead domain under a new name and create a fresh one with the original name.
        case renameRestart
        /// Leave the dead domain as it is (state s or c) for inspection; stop watching.
        case preserve
        /// Nothing to do: a suspended domain belongs to whoever suspended it (save, migrate).
        case leaveToSuspender
    }
    /// Write a core file before acting (coredump-destroy, coredump-restart).
    public var dumpCore: Bool
    public var then: Then

    public init(dumpCore: Bool = false, then: Then) {
        self.dumpCore = dumpCore
        self.then = then
    }
}

public struct ShutdownPolicy: Sendable, Hashable {
    public var onPoweroff: ShutdownAction
    public var onReboot: ShutdownAction
    public var onCrash: ShutdownAction
    public var onWatchdog: ShutdownAction
    public var onSoftReset: ShutdownAction

    /// xl's defaults (libxl_types.idl): destroy, restart, destroy, destroy, soft-reset.
    public init(
        onPoweroff: ShutdownAction = .destroy, onReboot: ShutdownAction = .restart,
        onCrash: ShutdownAction = .destroy, onWatchdog: ShutdownAction = .destroy,
        onSoftReset: ShutdownAction = .softReset
    ) {
        self.onPoweroff = onPoweroff
        self.onReboot = onReboot
        self.onCrash = onCrash
        self.onWatchdog = onWatchdog
        self.onSoftReset = onSoftReset
    }

    /// The action the config names for a shutdown reason; an unknown reason is destroyed, as xl does.
    public func action(for reason: DomainInfo.ShutdownReason?) -> ShutdownAction? {
        switch reason {
        case .poweroff: onPoweroff
        case .reboot: onReboot
        case .crash: onCrash
        case .watchdog: onWatchdog
        case .softReset: onSoftReset
        case .suspend: nil
        case .unknown, nil: .destroy
        }
    }

    public func decision(for reason: DomainInfo.ShutdownReason?) -> MonitorDecision {
        guard let action = action(for: reason) else { return MonitorDecision(then: .leaveToSuspender) }
        switch action {
        case .destroy: return MonitorDecision(then: .destroy)
        case .restart: return MonitorDecision(then: .restart)
        case .renameRestart: return MonitorDecision(then: .renameRestart)
        case .preserve: return MonitorDecision(then: .preserve)
        case .coredumpDestroy: return MonitorDecision(dumpCore: true, then: .destroy)
        case .coredumpRestart: return MonitorDecision(dumpCore: true, then: .restart)
        // libxl's in-place soft reset (kexec) needs the domain's live state handed over; we start
        // the guest afresh from its config instead, which is what it asked for in effect.
        case .softReset: return MonitorDecision(then: .restart)
        }
    }
}
