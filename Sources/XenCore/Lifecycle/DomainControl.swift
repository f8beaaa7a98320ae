import CXen

/// The triggers `xm trigger` can send (libxl_trigger; xm's names).
public enum DomainTrigger: String, Sendable, CaseIterable {
    case nmi, reset, `init`, power, sleep, s3resume

    var libxlValue: libxl_trigger {
        switch self {
        case .nmi: LIBXL_TRIGGER_NMI
        case .reset: LIBXL_TRIGGER_RESET
        case .`init`: LIBXL_TRIGGER_INIT
        case .power: LIBXL_TRIGGER_POWER
        case .sleep: LIBXL_TRIGGER_SLEEP
        case .s3resume: LIBXL_TRIGGER_S3RESUME
        }
    }
}

/// How a guest was asked to stop.
public enum ShutdownRequest: Sendable {
    /// Through the PV control node (control/shutdown), which the guest's own OS obeys.
    case controlNode
    /// The guest has no PV drivers: an ACPI power (or reset) button press instead, as xl -F does.
    case acpiButton
}

extension LibxlContext {
    /// Asks the guest to power off (`reboot: false`) or reboot. An HVM guest without PV drivers
    /// gets the ACPI button instead; xm did not make the administrator ask for that.
    @discardableResult
    public func shutdown(_ domid: UInt32, reboot: Bool) throws -> ShutdownRequest {
        try refuseDomain0(domid, reboot ? "reboot" : "shut down")
        let rc = reboot ? libxl_domain_reboot(ctx, domid, nil) : libxl_domain_shutdown(ctx, domid, nil)
        if rc == ERROR_NOPARAVIRT.rawValue {
            _ = log.takeRecentErrors()
            try sendTrigger(domid, reboot ? .reset : .power)
            return .acpiButton
        }
        try check(reboot ? "rebooting domain \(domid)" : "shutting down domain \(domid)", rc)
        return .controlNode
    }

    public func destroy(_ domid: UInt32) throws {
        try refuseDomain0(domid, "destroy")
        try check("destroying domain \(domid)", libxl_domain_destroy(ctx, domid, nil))
    }

    public func pause(_ domid: UInt32) throws {
        try refuseDomain0(domid, "pause")
        try check("pausing domain \(domid)", libxl_domain_pause(ctx, domid, nil))
    }

    public func unpause(_ domid: UInt32) throws {
        try check("unpausing domain \(domid)", libxl_domain_unpause(ctx, domid, nil))
    }

    /// Renames a domain; libxl checks in one xenstore transaction that the old name still holds
    /// and that no other domain has the new one.
    public func rename(_ domid: UInt32, from oldName: String, to newName: String) throws {
        guard !newName.isEmpty else { throw XenError.emptyDomainName }
        if let other = try listDomains().first(where: { $0.name == newName && $0.id != domid }) {
            throw XenError.domainExists(name: newName, id: other.id)
        }
        try check("renaming domain \(domid) to '\(newName)'", libxl_domain_rename(ctx, domid, oldName, newName))
    }

    public func sendSysrq(_ domid: UInt32, _ key: Character) throws {
        guard let ascii = key.asciiValue else { throw XenError.invalidSysrqKey(key) }
        try check("sending sysrq '\(key)' to domain \(domid)", libxl_send_sysrq(ctx, domid, CChar(bitPattern: ascii)))
    }

    public func sendTrigger(_ domid: UInt32, _ trigger: DomainTrigger, vcpu: UInt32 = 0) throws {
        try check(
            "sending trigger '\(trigger.rawValue)' to domain \(domid)",
            libxl_send_trigger(ctx, domid, trigger.libxlValue, vcpu, nil))
    }

    /// xm reset, as xend did it: a hard restart. The domain is destroyed and created again from
    /// its current configuration, devices attached since its start included (a new domid, the
    /// same name and uuid).
    public func hardReset(_ domid: UInt32) throws -> CreatedDomain {
        try refuseDomain0(domid, "reset")
        let json = try (try? configForSaving(domid)) ?? storedDomainConfig(for: domid)
        try destroy(domid)
        _ = waitUntilVanished(domid)
        return try createDomain(json: json, paused: false)
    }

    func refuseDomain0(_ domid: UInt32, _ what: String) throws {
        if domid == 0 { throw XenError.domain0Refused(action: what) }
    }
}
