import CXen

extension ShutdownAction {
    init(_ action: libxl_action_on_shutdown) {
        switch action {
        case LIBXL_ACTION_ON_SHUTDOWN_RESTART: self = .restart
        case LIBXL_ACTION_ON_SHUTDOWN_RESTART_RENAME: self = .renameRestart
        case LIBXL_ACTION_ON_SHUTDOWN_PRESERVE: self = .preserve
        case LIBXL_ACTION_ON_SHUTDOWN_COREDUMP_DESTROY: self = .coredumpDestroy
        case LIBXL_ACTION_ON_SHUTDOWN_COREDUMP_RESTART: self = .coredumpRestart
        case LIBXL_ACTION_ON_SHUTDOWN_SOFT_RESET: self = .softReset
        default: self = .destroy
        }
    }
}

extension ShutdownPolicy {
    /// The actions of a libxl configuration. Read before create: libxl fills its own defaults in
    /// during create, so a field still 0 here means "not given" and takes xl's default.
    init(_ c: libxl_domain_config) {
        func pick(_ a: libxl_action_on_shutdown, _ fallback: ShutdownAction) -> ShutdownAction {
            a.rawValue == 0 ? fallback : ShutdownAction(a)
        }
        let d = ShutdownPolicy()
        self.init(
            onPoweroff: pick(c.on_poweroff, d.onPoweroff), onReboot: pick(c.on_reboot, d.onReboot),
            onCrash: pick(c.on_crash, d.onCrash), onWatchdog: pick(c.on_watchdog, d.onWatchdog),
            onSoftReset: pick(c.on_soft_reset, d.onSoftReset))
    }
}

extension LibxlDomainConfig {
    public var shutdownPolicy: ShutdownPolicy { withUnsafeConfig { ShutdownPolicy($0.pointee) } }

    /// The domain's name (c_info.name).
    public var name: String { withUnsafeConfig { $0.pointee.c_info.name.map { String(cString: $0) } ?? "" } }
}
