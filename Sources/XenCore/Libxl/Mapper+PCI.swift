import CXen
import ConfigParser

extension DomainConfigMapper {
    /// Passed-through PCI devices. The `pci_*` keys are defaults for every device, a device's own
    /// options override them; a PV guest with devices gets the host's e820 map, as in xl.
    mutating func fillPCI() throws(LibxlError) {
        let b = bInfo
        if config.type == .pv, let e820 = config.e820Host {
            libxl_defbool_set(&b.pointee.u.pv.e820_host, e820)
        }
        guard !config.pcis.isEmpty else { return }

        let devices = try CMemory.array(of: libxl_device_pci.self, count: config.pcis.count) {
            libxl_device_pci_init($0)
        }
        target.pointee.pcidevs = devices
        target.pointee.num_pcidevs = Int32(config.pcis.count)
        // xl copies the domain's reserved-memory policy into each device from b_info.u.hvm even for
        // PV guests, where that union member is unused memory (zero: "strict"); reading the same
        // field keeps the JSON identical to xl's.
        let domainPolicy = b.pointee.u.hvm.rdm.policy
        for (i, spec) in config.pcis.enumerated() {
            let d = devices + i
            if let name = spec.name {
                // A device assigned by name (`xl pci-assignable-add -n`) has no address here.
                try CMemory.replace(&d.pointee.name, with: name, key: "pci")
            } else {
                try checkBDF(spec)
                d.pointee.domain = Int32(spec.domain)
                d.pointee.bus = UInt8(spec.bus)
                d.pointee.dev = UInt8(spec.device)
                // `BB:DD.*`: every function, given as function 0 with the all-functions mask.
                d.pointee.func = spec.allFunctions ? 0 : UInt8(spec.function)
                d.pointee.vfunc_mask = spec.allFunctions ? UInt32.max : 1
            }
            if let slot = spec.vslot {
                guard (0...0x1f).contains(slot) else {
                    throw .invalidValue(key: "pci", value: spec.original, reason: "virtual slot above 0x1f")
                }
                d.pointee.vdevfn = UInt32(slot) << 3
            }
            d.pointee.msitranslate = spec.msitranslate ?? config.pciMsitranslate ?? false
            d.pointee.power_mgmt = spec.powerMgmt ?? config.pciPowerMgmt ?? false
            d.pointee.permissive = spec.permissive ?? config.pciPermissive ?? false
            d.pointee.seize = spec.seize ?? config.pciSeize ?? false
            d.pointee.rdm_policy = domainPolicy
            if let policy = spec.rdmPolicy {
                guard libxl_rdm_reserve_policy_from_string(policy, &d.pointee.rdm_policy) == 0 else {
                    throw .invalidValue(
                        key: "pci", value: spec.original,
                        reason: "rdm_policy must be 'strict' or 'relaxed'")
                }
            }
        }
        if config.type == .pv { libxl_defbool_set(&b.pointee.u.pv.e820_host, true) }
    }

    private func checkBDF(_ spec: PciSpec) throws(LibxlError) {
        guard (0...0xffff).contains(spec.domain), (0...0xff).contains(spec.bus),
            (0...0x1f).contains(spec.device), (0...7).contains(spec.function)
        else {
            throw .invalidValue(
                key: "pci", value: spec.original,
                reason: "PCI address out of range (domain ≤ ffff, bus ≤ ff, device ≤ 1f, function ≤ 7)")
        }
    }
}
