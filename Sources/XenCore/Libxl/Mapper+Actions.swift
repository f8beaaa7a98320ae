import CXen
import ConfigParser

extension DomainConfigMapper {
    /// on_poweroff/on_reboot/on_watchdog/on_crash/on_soft_reset, each written explicitly with xl's
    /// default when the file has none (xl's defaults, not xm's: xm restarted on crash).
    mutating func fillActions() throws(LibxlError) {
        target.pointee.on_poweroff = Self.action(config.onPoweroff ?? .destroy)
        target.pointee.on_reboot = Self.action(config.onReboot ?? .restart)
        target.pointee.on_watchdog = Self.action(config.onWatchdog ?? .destroy)
        target.pointee.on_crash = Self.action(config.onCrash ?? .destroy)
        target.pointee.on_soft_reset = Self.action(config.onSoftReset ?? .softReset)
    }

    static func action(_ action: DomainConfig.Action) -> libxl_action_on_shutdown {
        switch action {
        case .destroy: LIBXL_ACTION_ON_SHUTDOWN_DESTROY
        case .restart: LIBXL_ACTION_ON_SHUTDOWN_RESTART
        case .renameRestart: LIBXL_ACTION_ON_SHUTDOWN_RESTART_RENAME
        case .preserve: LIBXL_ACTION_ON_SHUTDOWN_PRESERVE
        case .coredumpDestroy: LIBXL_ACTION_ON_SHUTDOWN_COREDUMP_DESTROY
        case .coredumpRestart: LIBXL_ACTION_ON_SHUTDOWN_COREDUMP_RESTART
        case .softReset: LIBXL_ACTION_ON_SHUTDOWN_SOFT_RESET
        }
    }
}
