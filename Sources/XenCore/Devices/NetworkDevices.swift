import CXen
import ConfigParser
import Glibc

/// A virtual network card of a running domain, as libxl and the frontend report it.
public struct NetworkDeviceInfo: Sendable, Hashable {
    public var devid: Int
    public var backendID: Int
    /// Lower-case `xx:xx:xx:xx:xx:xx`.
    public var mac: String
    public var state: Int
    public var eventChannel: Int
    public var txRingRef: Int
    public var rxRingRef: Int
    public var backendPath: String
    public var bridge: String

    public init(
        devid: Int, backendID: Int, mac: String, state: Int, eventChannel: Int, txRingRef: Int, rxRingRef: Int,
        backendPath: String, bridge: String
    ) {
        self.devid = devid
        self.backendID = backendID
        self.mac = mac
        self.state = state
        self.eventChannel = eventChannel
        self.txRingRef = txRingRef
        self.rxRingRef = rxRingRef
        self.backendPath = backendPath
        self.bridge = bridge
    }
}

extension LibxlContext {
    /// Hot-plugs a network card (libxl picks a MAC in Xen's 00:16:3e range unless the spec has
    /// one). libxl records it in the stored configuration.
    public func attachNic(_ domain: DomainInfo, _ spec: VifSpec) throws {
        try requireRunning(domain, "attach a network card to")
        if let mac = spec.mac {
            // One xenstore lookup, not the whole list: an attach is timed against xl's.
            var existing = libxl_device_nic()
            libxl_device_nic_init(&existing)
            defer { libxl_device_nic_dispose(&existing) }
            if libxl_mac_to_device_nic(ctx, domain.id, mac, &existing) == 0 {
                throw DeviceError.macInUse(mac: mac, domain: domain.name)
            }
            _ = log.takeRecentErrors()
        }
        var nic = libxl_device_nic()
        libxl_device_nic_init(&nic)
        defer { libxl_device_nic_dispose(&nic) }
        try DomainConfigMapper.fill(&nic, from: spec)
        try check("attaching a network card to domain \(domain.id)", libxl_device_nic_add(ctx, domain.id, &nic, nil))
    }

    /// Unplugs a network card named by its devid or MAC address. Without `force` the guest is
    /// asked to release it (libxl forces it after 10 s all the same: a NIC has no safe removal).
    public func detachNic(_ domain: DomainInfo, _ device: String, force: Bool) throws {
        try requireRunning(domain, "detach a network card from")
        let cards = try networkDevices(of: domain.id)
        let wanted =
            device.contains(":")
            ? MACAddress.normalized(device).flatMap { mac in cards.first { $0.mac == mac } }
            : Int(device).flatMap { id in cards.first { $0.devid == id } }
        guard let card = wanted else { throw DeviceError.notConnected(device: device, domain: domain.name) }
        var nic = libxl_device_nic()
        libxl_device_nic_init(&nic)
        defer { libxl_device_nic_dispose(&nic) }
        guard libxl_devid_to_device_nic(ctx, domain.id, Int32(card.devid), &nic) == 0 else {
            _ = log.takeRecentErrors()
            throw DeviceError.notConnected(device: device, domain: domain.name)
        }
        let rc =
            force
            ? libxl_device_nic_destroy(ctx, domain.id, &nic, nil)
            : libxl_device_nic_remove(ctx, domain.id, &nic, nil)
        try check("detaching network card \(card.devid) from domain \(domain.id)", rc)
    }

    public func networkDevices(of domid: UInt32) throws -> [NetworkDeviceInfo] {
        var count: Int32 = 0
        guard let nics = libxl_device_nic_list(ctx, domid, &count) else {
            _ = log.takeRecentErrors()
            return []
        }
        defer { libxl_device_nic_list_free(nics, count) }
        var result: [NetworkDeviceInfo] = []
        for i in 0..<Int(count) {
            var info = libxl_nicinfo()
            libxl_nicinfo_init(&info)
            defer { libxl_nicinfo_dispose(&info) }
            guard libxl_device_nic_getinfo(ctx, domid, nics + i, &info) == 0 else {
                _ = log.takeRecentErrors()
                continue
            }
            let n = nics[i]
            result.append(
                NetworkDeviceInfo(
                    devid: Int(info.devid), backendID: Int(info.backend_id), mac: Self.macText(n.mac),
                    state: Int(info.state), eventChannel: Int(info.evtch), txRingRef: Int(info.rref_tx),
                    rxRingRef: Int(info.rref_rx), backendPath: info.backend.map { String(cString: $0) } ?? "",
                    bridge: n.bridge.map { String(cString: $0) } ?? ""))
        }
        return result
    }

    /// `00:16:3e:01:02:03`, as xm and xl print a MAC.
    static func macText(_ mac: libxl_mac) -> String {
        withUnsafeBytes(of: mac) { $0.map { b in (b < 16 ? "0" : "") + String(b, radix: 16) } }.joined(separator: ":")
    }
}
