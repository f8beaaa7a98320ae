import XenCore

/// What block-list, network-list and vtpm-list share: for each domain, either each device's
/// frontend directory as SXP (-l, xenstore's `kind` directory), or xm's header and one row per
/// device, the header only when there is a device.
struct DeviceListing<Device> {
    let kind: String
    let header: String
    let devid: (Device) -> Int
    let row: (Device) -> String

    func print(_ devices: [Device], of domid: UInt32, long: Bool, in xen: LibxlContext) {
        if long {
            for device in devices {
                let entries = xen.frontendEntries(domid: domid, kind: kind, devid: devid(device))
                Swift.print(DeviceListFormat.long(devid: devid(device), entries))
            }
        } else if !devices.isEmpty {
            Swift.print(header)
            for device in devices { Swift.print(row(device)) }
        }
    }
}
