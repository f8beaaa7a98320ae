import XenCore

/// `xm block-list`, `network-list`, `vtpm-list` and `pci-list` (xm/main.py's format strings,
/// trailing spaces included). A header is printed before the first device only: a domain without
/// devices prints nothing, as in xm.
package enum DeviceListFormat {
    package static let blockHeader = "Vdev  BE handle state evt-ch ring-ref BE-path"
    package static let networkHeader = "Idx BE     MAC Addr.     handle state evt-ch tx-/rx-ring-ref BE-path"
    package static let vtpmHeader = "Idx  BE handle state evt-ch ring-ref BE-path"

    /// `"%(idx)-5d  %(backend-id)-3d  %(handle)-3d   %(state)-3d    %(event-ch)-3d    %(ring-ref)-5d %(be-path)-30s  "`;
    /// a vbd frontend has no handle, so xm's default 0 is what it showed.
    package static func blockRow(_ d: BlockDeviceInfo) -> String {
        PyFormat.d(d.devid, 5, left: true) + "  " + PyFormat.d(d.backendID, 3, left: true) + "  "
            + PyFormat.d(0, 3, left: true) + "   " + PyFormat.d(d.state, 3, left: true) + "    "
            + PyFormat.d(d.eventChannel, 3, left: true) + "    " + PyFormat.d(d.ringRef, 5, left: true) + " "
            + PyFormat.s(d.backendPath, 30, left: true) + "  "
    }

    /// `"%(idx)-3d %(backend-id)-3d%(mac)-17s    %(handle)-3d   %(state)-3d    %(event-ch)-3d   %(tx-ring-ref)-5d/%(rx-ring-ref)-5d   %(be-path)-30s  "`
    /// (no space between the backend and the MAC, as in xm); a vif's handle is its devid.
    package static func networkRow(_ n: NetworkDeviceInfo) -> String {
        PyFormat.d(n.devid, 3, left: true) + " " + PyFormat.d(n.backendID, 3, left: true)
            + PyFormat.s(n.mac, 17, left: true) + "    " + PyFormat.d(n.devid, 3, left: true) + "   "
            + PyFormat.d(n.state, 3, left: true) + "    " + PyFormat.d(n.eventChannel, 3, left: true) + "   "
            + PyFormat.d(n.txRingRef, 5, left: true) + "/" + PyFormat.d(n.rxRingRef, 5, left: true) + "   "
            + PyFormat.s(n.backendPath, 30, left: true) + "  "
    }

    /// `"%(idx)-3d   %(backend-id)-3d  %(handle)-3d   %(state)-3d    %(event-ch)-3d    %(ring-ref)-5d %(be-path)-30s  "`
    package static func vtpmRow(_ v: VTPMDeviceInfo) -> String {
        PyFormat.d(v.devid, 3, left: true) + "   " + PyFormat.d(v.backendID, 3, left: true) + "  "
            + PyFormat.d(0, 3, left: true) + "   " + PyFormat.d(v.state, 3, left: true) + "    "
            + PyFormat.d(v.eventChannel, 3, left: true) + "    " + PyFormat.d(v.ringRef, 5, left: true) + " "
            + PyFormat.s(v.backendPath, 30, left: true) + "  "
    }

    /// The lines of `xm pci-list`: `Vdev Device` and `-4s`-wide guest slots when any device has
    /// a slot of its own, `Device` alone otherwise; sorted by address.
    package static func pciLines(_ devices: [PCIDeviceInfo]) -> [String] {
        guard !devices.isEmpty else { return [] }
        let sorted = devices.sorted { $0.address < $1.address }
        guard sorted.contains(where: { $0.virtualSlot != nil }) else { return ["Device"] + sorted.map(\.address) }
        return ["Vdev Device"]
            + sorted.map { d in
                let slot = d.virtualSlot.map { PyFormat.zeroHex($0 >> 3, 2) + "." + String($0 & 7, radix: 16) } ?? "-"
                return PyFormat.s(slot, 4, left: true) + " " + d.address
            }
    }

    /// `-l`: the device's frontend directory as xend's PrettyPrint showed it, `(DEVID ((key value) ...))`.
    package static func long(devid: Int, _ entries: [XenstoreEntry]) -> String {
        SXP.list([.atom(String(devid)), .list(entries.map { SXP.pair($0.key, $0.value) })]).rendered()
    }
}

extension PyFormat {
    /// `%02x`
    package static func zeroHex(_ value: Int, _ width: Int) -> String {
        let text = String(value, radix: 16)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
