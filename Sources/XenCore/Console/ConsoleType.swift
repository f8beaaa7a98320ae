/// Which of a domain's consoles to attach to (xl's `-t`). PV and PVH guests talk on the PV
/// console (hvc0, served by xenconsoled); an HVM guest's primary console is its emulated serial
/// port, served by the device model.
public enum ConsoleType: String, CaseIterable, Sendable {
    case pv
    case serial
}
