extension DomainConfigBuilder {
    mutating func buildDevices() {
        buildDisks()
        buildVifs()
        config.vfbs = specs("vfb") { VfbSpecParser.parse($0, warnings: &$1) }
        buildPCI()
        config.vtpms = specs("vtpm") { VtpmSpecParser.parse($0, warnings: &$1) }
        config.channels = specs("channel") { ChannelSpecParser.parse($0, warnings: &$1) }
        buildIOPorts()
        buildIRQs()
    }

    /// Parses each string of a device list with `parse`, reporting errors and warnings at the
    /// element (its opening quote); the message quotes the spec and the part at fault.
    mutating func specs<Spec>(
        _ key: String,
        _ parse: (String, inout [String]) -> Result<Spec, DeviceSpecError>
    ) -> [Spec] {
        guard let items = stringList(key) else { return [] }
        var out: [Spec] = []
        for (text, range) in items {
            var notes: [String] = []
            switch parse(text, &notes) {
            case .success(let spec): out.append(spec)
            case .failure(let e):
                error("\(key) '\(text)': \(e.message)", at: range, hint: e.hint)
            }
            for note in notes { warn("\(key) '\(text)': \(note)", at: range) }
        }
        return out
    }

    mutating func buildDisks() {
        guard let items = stringList("disk") else { return }
        var firstUse: [String: SourceRange] = [:]  // vdev -> where the disk that took it was written
        for (text, range) in items {
            var notes: [String] = []
            // Parsed in place and moved into the config: a disk taken out of a Result, or
            // appended as a copy, retains each of its strings once more (4% of parse+validate).
            var disk = DiskSpec()
            if let e = DiskSpecParser.parse(text, into: &disk, warnings: &notes) {
                error("disk '\(text)': \(e.message)", at: range)
                continue
            }
            for note in notes { warn("disk '\(text)': \(note)", at: range) }
            if let problem = VirtualDeviceName.problem(with: disk.vdev) {
                error("disk '\(text)': \(problem)", at: range)
                continue
            }
            if let first = firstUse[disk.vdev] {
                error(
                    "disk '\(text)': vdev '\(disk.vdev)' is already used by another disk", at: range,
                    hint: first.isCommandLine ? nil : "first used at line \(first.start.line)")
                continue
            }
            firstUse[disk.vdev] = range
            config.disks.append(consume disk)
        }
    }

    /// As `specs`, the vif parsed in place (see buildDisks).
    mutating func buildVifs() {
        guard let items = stringList("vif") else { return }
        for (text, range) in items {
            var notes: [String] = []
            var vif = VifSpec()
            if let e = VifSpecParser.parse(text, into: &vif, warnings: &notes) {
                error("vif '\(text)': \(e.message)", at: range, hint: e.hint)
            } else {
                config.vifs.append(consume vif)
            }
            for note in notes { warn("vif '\(text)': \(note)", at: range) }
        }
    }

    /// PCI devices, with the pci_* keys as defaults for the entries that do not say otherwise.
    mutating func buildPCI() {
        config.pciPermissive = bool("pci_permissive")
        config.pciMsitranslate = bool("pci_msitranslate")
        config.pciPowerMgmt = bool("pci_power_mgmt")
        config.pciSeize = bool("pci_seize")
        guard let items = stringList("pci") else { return }
        var seen: Set<[Int]> = []
        let checkClashes = items.count > 1  // as for disks: one device cannot clash
        for (text, range) in items {
            switch PciSpecParser.parse(text) {
            case .failure(let e):
                error("pci '\(text)': \(e.message)", at: range, hint: e.hint)
            case .success(var pci):
                if checkClashes, pci.name == nil,
                    !seen.insert([pci.domain, pci.bus, pci.device, pci.function, pci.allFunctions ? 1 : 0]).inserted
                {
                    error("pci '\(text)': the device is already assigned by another entry", at: range)
                    continue
                }
                pci.permissive = pci.permissive ?? config.pciPermissive
                pci.msitranslate = pci.msitranslate ?? config.pciMsitranslate
                pci.powerMgmt = pci.powerMgmt ?? config.pciPowerMgmt
                pci.seize = pci.seize ?? config.pciSeize
                config.pcis.append(pci)
            }
        }
    }

    /// `ioports = ['2f8-2ff']`: hex FROM[-TO], as xm and xl both read them.
    mutating func buildIOPorts() {
        guard let items = stringList("ioports") else { return }
        for (text, range) in items {
            let parts = text.trimmingBlanks().split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            guard let first = UInt32(parts[0], radix: 16),
                let last = parts.count == 2 ? UInt32(parts[1], radix: 16) : first, last >= first
            else {
                error("ioports '\(text)': expected a hex port or range FROM-TO", at: range)
                continue
            }
            config.ioports.append(IOPortRange(first: first, count: last - first + 1))
        }
    }

    /// xl's `irqs`, or xm's `irq`.
    mutating func buildIRQs() {
        var key = "irqs"
        if value("irqs") == nil, value("irq") != nil {
            key = "irq"
            warn("xl reads 'irqs', not 'irq'; applied as irqs", at: nameRange("irq"))
        }
        guard let v = value(key) else { return }
        let elements = v.elements ?? [v]
        if let problem = ValueReader.overlong(key, count: elements.count) {
            error(problem, at: v.range)
            return
        }
        for e in elements {
            let n: Int?
            switch e.kind {
            case .int(let i): n = i
            case .string(let s): n = Int(s.trimmingBlanks())
            default: n = nil
            }
            guard let irq = n, irq >= 0 else {
                error("'\(key)': expected an IRQ number, found \(e.typeName) \(e)", at: e.range)
                continue
            }
            config.irqs.append(irq)
        }
    }
}
