import CXen
import ConfigParser

extension DomainConfigMapper {
    /// Network interfaces, numbered 0, 1, ... in file order as xl numbers them.
    mutating func fillNics() throws(LibxlError) {
        guard !config.vifs.isEmpty else { return }
        let nics = try CMemory.array(of: libxl_device_nic.self, count: config.vifs.count) {
            libxl_device_nic_init($0)
        }
        target.pointee.nics = nics
        target.pointee.num_nics = Int32(config.vifs.count)
        for (i, spec) in config.vifs.enumerated() {
            nics[i].devid = Int32(i)
            try Self.fill(nics + i, from: spec)
        }
    }

    static func fill(_ n: UnsafeMutablePointer<libxl_device_nic>, from spec: VifSpec) throws(LibxlError) {
        let shown = spec.original
        if let type = spec.type {
            switch type {
            case "vif": n.pointee.nictype = LIBXL_NIC_TYPE_VIF
            case "ioemu": n.pointee.nictype = LIBXL_NIC_TYPE_VIF_IOEMU
            default: throw .invalidValue(key: "vif", value: shown, reason: "type must be 'vif' or 'ioemu', not '\(type)'")
            }
        }
        if let mac = spec.mac {
            guard let octets = MACAddress.parse(mac) else {
                throw .invalidValue(key: "vif", value: shown, reason: "malformed MAC address '\(mac)'")
            }
            n.pointee.mac = octets
        }
        try CMemory.replace(&n.pointee.bridge, withOptional: spec.bridge, key: "vif")
        try CMemory.replace(&n.pointee.gatewaydev, withOptional: spec.gatewaydev, key: "vif")
        try CMemory.replace(&n.pointee.ip, withOptional: spec.ip, key: "vif")
        try CMemory.replace(&n.pointee.script, withOptional: spec.script, key: "vif")
        try CMemory.replace(&n.pointee.backend_domname, withOptional: spec.backend, key: "vif")
        try CMemory.replace(&n.pointee.ifname, withOptional: spec.vifname, key: "vif")
        try CMemory.replace(&n.pointee.model, withOptional: spec.model, key: "vif")
        if let rate = spec.rate {
            do {
                let parsed = try VifRate.parse(rate)
                n.pointee.rate_bytes_per_interval = parsed.bytesPerInterval
                n.pointee.rate_interval_usecs = parsed.intervalMicroseconds
            } catch {
                let reason: String
                switch error {
                case let .invalid(text), let .overflow(text): reason = text
                }
                throw .invalidValue(key: "vif", value: shown, reason: reason)
            }
        }
        if let mtu = spec.mtu {
            guard let m = Int32(exactly: mtu), m > 0 else {
                throw .invalidValue(key: "vif", value: shown, reason: "mtu must be a positive number")
            }
            n.pointee.mtu = m
        }
        // `accel` is not supported by xl (it warns and ignores it); nor by libxl.
    }
}
