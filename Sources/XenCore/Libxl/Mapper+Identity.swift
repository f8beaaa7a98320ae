import CXen
import ConfigParser

extension DomainConfigMapper {
    /// c_info, and the build-info type that everything after it depends on.
    mutating func fillIdentity() throws(LibxlError) {
        let c = cInfo
        if let label = config.seclabel {
            try CMemory.replace(&c.pointee.ssid_label, with: label, key: "seclabel")
        }
        // xl runs the hotplug scripts itself unless xl.conf says otherwise, and says so explicitly.
        libxl_defbool_set(&c.pointee.run_hotplug_scripts, true)
        c.pointee.type = libxlType
        if let hap = config.hap { libxl_defbool_set(&c.pointee.hap, hap) }
        try CMemory.replace(&c.pointee.name, with: config.name, key: "name")
        if let uuid = config.uuid {
            guard libxl_uuid_from_string(&c.pointee.uuid, uuid) == 0 else {
                throw .invalidValue(key: "uuid", value: uuid, reason: "not a UUID")
            }
        } else if options.generateUUID {
            libxl_uuid_generate(&c.pointee.uuid)
        }
        if let oos = config.oos { libxl_defbool_set(&c.pointee.oos, oos) }
        if let pool = config.pool { try CMemory.replace(&c.pointee.pool_name, with: pool, key: "pool") }
        if !config.extraXenstore.isEmpty {
            // libxl writes c_info.xsdata under the domain's /local/domain/<id>/ (xl never sets it).
            let pairs = config.extraXenstore.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] }
            c.pointee.xsdata = try CMemory.stringList(pairs, key: "xenstore")
        }
        libxl_domain_build_info_init_type(bInfo, libxlType)
    }

    /// The credit scheduler's weight and cap (`cpu_weight`, `cap`).
    mutating func fillScheduling() throws(LibxlError) {
        let b = bInfo
        if let weight = config.cpuWeight {
            b.pointee.sched_params.weight = try int32(weight, key: "cpu_weight")
        }
        if let cap = config.cpuCap {
            b.pointee.sched_params.cap = try int32(cap, key: "cap")
        }
    }

    /// What xl takes from its own defaults (xl.conf as Debian ships it, all commented out) and
    /// writes explicitly: claim mode on, grant table limits left to the hypervisor.
    mutating func fillHostDefaults() {
        let b = bInfo
        libxl_defbool_set(&b.pointee.claim_mode, true)
        b.pointee.max_grant_frames = UInt32.max
        b.pointee.max_maptrack_frames = UInt32.max
        b.pointee.max_grant_version = -1
    }

    func int32(_ value: Int, key: String) throws(LibxlError) -> Int32 {
        guard let v = Int32(exactly: value) else {
            throw .invalidValue(key: key, value: String(value), reason: "out of range")
        }
        return v
    }
}
