extension DomainConfigBuilder {
    mutating func buildLifecycle() {
        config.onPoweroff = action("on_poweroff")
        config.onReboot = action("on_reboot")
        config.onCrash = action("on_crash")
        config.onWatchdog = action("on_watchdog")
        config.onSoftReset = action("on_soft_reset")
        buildXMRestart()
    }

    private mutating func action(_ key: String) -> DomainConfig.Action? {
        guard let v = value(key), let s = ValueReader(key: key).string(v, &diagnostics) else { return nil }
        if let a = DomainConfig.Action.named(s) { return a }
        let valid = DomainConfig.Action.allCases.map(\.rawValue)
        error(
            "unknown \(key) action '\(s)' (valid: \(valid.joined(separator: ", ")))", at: v.range,
            hint: Suggestion.hint(for: s, among: valid))
        return nil
    }

    /// xm's deprecated `restart`: onreboot restarts on reboot only, always restarts on every exit,
    /// never restarts on none. It fills only the on_* keys the file did not set.
    private mutating func buildXMRestart() {
        guard let v = value("restart"), let s = ValueReader(key: "restart").string(v, &diagnostics) else { return }
        let (poweroff, reboot, crash): (DomainConfig.Action, DomainConfig.Action, DomainConfig.Action)
        switch s {
        case "onreboot": (poweroff, reboot, crash) = (.destroy, .restart, .destroy)
        case "always": (poweroff, reboot, crash) = (.restart, .restart, .restart)
        case "never": (poweroff, reboot, crash) = (.destroy, .destroy, .destroy)
        default:
            error("unknown restart policy '\(s)' (valid: onreboot, always, never)", at: v.range)
            return
        }
        warn(
            "xl ignores xm's deprecated 'restart'; mapped to on_poweroff/on_reboot/on_crash as xm did",
            at: nameRange("restart"))
        if value("on_poweroff") == nil { config.onPoweroff = poweroff }
        if value("on_reboot") == nil { config.onReboot = reboot }
        if value("on_crash") == nil { config.onCrash = crash }
    }
}
