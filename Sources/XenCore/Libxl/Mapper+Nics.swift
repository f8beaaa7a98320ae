import CXen
import ConfigParser

extension DomainConfigMapper {
    /// Network interfaces, numbered 0, 1, ... in file order as xl numbers them unless a spec
    /// gives its own `devid`.
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
            default:
                throw .invalidValue(key: "vif", value: shown, reason: "type must be 'vif' or 'ioemu', not '\(type)'")
            }
        }
        if let mac = spec.mac {
            guard let octets = macOctets(mac) else {
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
            switch VifRate.parse(rate) {
            case .success(let r):
                n.pointee.rate_bytes_per_interval = r.bytesPerInterval
                n.pointee.rate_interval_usecs = r.intervalMicroseconds
            case .failure(let why):
                throw .invalidValue(key: "vif", value: shown, reason: why.message)
            }
        }
        if let mtu = spec.mtu {
            guard let m = Int32(exactly: mtu), m > 0 else {
                throw .invalidValue(key: "vif", value: shown, reason: "mtu must be a positive number")
            }
            n.pointee.mtu = m
        }
        if let devid = spec.devid {
            guard let d = Int32(exactly: devid), d >= 0 else {
                throw .invalidValue(key: "vif", value: shown, reason: "devid must be a number ≥ 0")
            }
            n.pointee.devid = d
        }
        if let trusted = spec.trusted { libxl_defbool_set(&n.pointee.trusted, trusted) }
        // xl prints "unrecognized argument" for a colo_ key it does not know and goes on.
        for (key, value) in spec.colo.sorted(by: { $0.key < $1.key }) {
            guard let field = NicColoFields.field(for: key) else { continue }
            try CMemory.replace(&n.pointee[keyPath: field], with: value, key: "vif")
        }
        // `accel` is not supported by xl (it warns and ignores it), nor by libxl.
    }

    /// Six hex octets separated by ':' (the config layer has already normalised the spelling).
    package static func macOctets(_ text: String) -> (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)? {
        let groups = text.split(separator: ":", omittingEmptySubsequences: false)
        guard groups.count == 6 else { return nil }
        var o: [UInt8] = []
        for g in groups {
            guard (1...2).contains(g.count), let v = UInt8(g, radix: 16) else { return nil }
            o.append(v)
        }
        return (o[0], o[1], o[2], o[3], o[4], o[5])
    }
}
