/// Parses one `vif` entry: xm's keys (type, mac, bridge, ip, script, vifname, rate, model,
/// backend, accel, and the ACM policy/label) and xl's (gatewaydev, netdev, mtu, devid,
/// trusted/untrusted, forwarddev, colo_*). An empty string is a NIC with every default.
///
/// Differences from xl, each with a warning: `type=netfront` (xm's default name for a PV NIC) means
/// `type=vif` (xl rejects it); `accel`, `policy` and `label` are accepted and ignored (xl ignores
/// them too, saying so). Unlike xl, which prints and skips an unknown key, an unknown key is an
/// error, as it was for xm ("Invalid vif option").
public enum VifSpecParser {
    static let keys = [
        "type", "mac", "bridge", "ip", "script", "vifname", "rate", "model", "backend",
        "accel", "policy", "label", "gatewaydev", "netdev", "mtu", "devid", "forwarddev",
        "trusted", "untrusted",
    ]

    public static func parse(_ spec: String, warnings: inout [String]) -> Result<VifSpec, DeviceSpecError> {
        var vif = VifSpec()
        if let error = parse(spec, into: &vif, warnings: &warnings) { return .failure(error) }
        return .success(vif)
    }

    /// The parse behind `parse(_:warnings:)`, into a fresh `vif`; nil when it succeeds. For the
    /// builder: a spec returned in a `Result` was copied, each of its strings retained.
    static func parse(_ spec: String, into vif: inout VifSpec, warnings: inout [String]) -> DeviceSpecError? {
        vif.original = spec
        for item in KeyValueSpec(spec).items {
            if item.value == nil {
                switch item.key {
                case "trusted": vif.trusted = true
                case "untrusted": vif.trusted = false
                default:
                    return DeviceSpecError(
                        "'\(item.key)' in vif spec should be key=value", near: item.key,
                        hint: Suggestion.hint(for: item.key, among: keys))
                }
                continue
            }
            let value = item.value!
            switch item.key {
            case "type":
                switch value {
                case "vif", "ioemu": vif.type = value
                case "netfront":
                    vif.type = "vif"
                    warnings.append(
                        "vif type 'netfront' (xm's name for a PV NIC) is type 'vif' in xl, which rejects 'netfront'")
                default:
                    return DeviceSpecError("unknown vif type '\(value)' (valid: vif, ioemu, netfront)", near: value)
                }
            case "mac":
                guard let mac = MACAddress.normalized(value) else {
                    return DeviceSpecError(
                        "malformed MAC address '\(value)' (expected 6 hex pairs like 00:16:3e:01:02:03)", near: value)
                }
                if MACAddress.isMulticast(mac) {
                    warnings.append(
                        "MAC address '\(value)' is a multicast address; a guest NIC needs a unicast one (even first octet)"
                    )
                }
                vif.mac = mac
            case "bridge": vif.bridge = value
            case "ip": vif.ip = value
            case "script": vif.script = value
            case "vifname": vif.vifname = value
            case "model": vif.model = value
            case "backend": vif.backend = value
            case "gatewaydev": vif.gatewaydev = value
            case "netdev":
                vif.gatewaydev = value
                warnings.append("vif 'netdev' is deprecated in xl; write gatewaydev=\(value)")
            case "rate":
                if case .failure(let e) = VifRate.parse(value) { return e }
                vif.rate = value
            case "mtu", "devid":
                guard let n = UInt32(value) else {
                    return DeviceSpecError("vif \(item.key)=\(value): expected a non-negative integer", near: value)
                }
                if item.key == "mtu" { vif.mtu = Int(n) } else { vif.devid = Int(n) }
            case "accel":
                vif.accel = value
                warnings.append("vif 'accel' (xm's accelerator plugin) is not supported by libxl and is ignored")
            case "policy", "label":
                warnings.append("vif '\(item.key)' (xm's ACM security label) is ignored: libxl has no per-vif label")
            case let key where key == "forwarddev" || key.hasPrefix("colo_"):
                vif.colo[key] = value
            default:
                return DeviceSpecError(
                    "unknown vif option '\(item.key)'", near: item.key,
                    hint: Suggestion.hint(for: item.key, among: keys))
            }
        }
        return nil
    }
}
