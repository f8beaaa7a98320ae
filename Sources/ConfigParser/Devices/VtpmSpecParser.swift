/// Parses one `vtpm` entry: xl's `backend=DOMAIN,uuid=UUID` and xm's `instance=N,backend=DOM,type=T`.
/// xl requires `backend`; xm did not (the vTPM manager lived in dom0): a missing backend is a warning.
public enum VtpmSpecParser {
    static let keys = ["backend", "uuid", "instance", "type"]

    public static func parse(_ spec: String, warnings: inout [String]) -> Result<VtpmSpec, DeviceSpecError> {
        var vtpm = VtpmSpec()
        vtpm.original = spec
        for item in KeyValueSpec(spec).items {
            guard let value = item.value else {
                return .failure(DeviceSpecError("'\(item.key)' in vtpm spec should be key=value", near: item.key))
            }
            switch item.key {
            case "backend": vtpm.backend = value
            case "uuid":
                guard let uuid = UUIDSyntax.canonical(value) else {
                    return .failure(DeviceSpecError("malformed vtpm uuid '\(value)'", near: value))
                }
                vtpm.uuid = uuid
            case "instance", "type":
                if item.key == "instance" { vtpm.instance = value } else { vtpm.type = value }
                warnings.append("vtpm '\(item.key)' is xm's (xend's vTPM manager); xl rejects it and libxl ignores it")
            default:
                return .failure(
                    DeviceSpecError(
                        "unknown vtpm option '\(item.key)'", near: item.key,
                        hint: Suggestion.hint(for: item.key, among: keys)))
            }
        }
        if vtpm.backend == nil {
            warnings.append("vtpm without backend=: xl requires the domain running the vTPM manager")
        }
        return .success(vtpm)
    }
}
