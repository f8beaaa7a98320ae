/// Parses one `vfb` entry. xl's keys: vnc, sdl, opengl, vncunused (0/1), vnclisten, vncpasswd,
/// vncdisplay, keymap, display, xauthority. xm also accepted `type=vnc|sdl` (meaning vnc=1 or
/// sdl=1), and `videoram`, `serial`, `monitor`, which xl silently ignores: those are accepted with a
/// warning. Unknown keys are errors, as they were for xm ("unknown to vfbs"); xl ignores them.
public enum VfbSpecParser {
    static let keys = [
        "type", "vnc", "sdl", "opengl", "vncunused", "vnclisten", "vncpasswd", "vncdisplay",
        "keymap", "display", "xauthority", "videoram", "serial", "monitor",
    ]

    public static func parse(_ spec: String, warnings: inout [String]) -> Result<VfbSpec, DeviceSpecError> {
        var vfb = VfbSpec()
        vfb.original = spec
        for item in KeyValueSpec(spec).items {
            guard let value = item.value else {
                return .failure(
                    DeviceSpecError(
                        "'\(item.key)' in vfb spec should be key=value", near: item.key,
                        hint: Suggestion.hint(for: item.key, among: keys)))
            }
            func flag() -> Result<Bool, DeviceSpecError> { deviceFlag(value, key: item.key) }
            switch item.key {
            case "type":
                switch value {
                case "vnc": vfb.vnc = true
                case "sdl": vfb.sdl = true
                default:
                    return .failure(DeviceSpecError("unknown vfb type '\(value)' (valid: vnc, sdl)", near: value))
                }
                warnings.append("xl ignores 'type=\(value)' in a vfb spec; write \(value)=1")
            case "vnc":
                switch flag() {
                case .success(let b): vfb.vnc = b
                case .failure(let e): return .failure(e)
                }
            case "sdl":
                switch flag() {
                case .success(let b): vfb.sdl = b
                case .failure(let e): return .failure(e)
                }
            case "opengl":
                switch flag() {
                case .success(let b): vfb.opengl = b
                case .failure(let e): return .failure(e)
                }
            case "vncunused":
                switch flag() {
                case .success(let b): vfb.vncunused = b
                case .failure(let e): return .failure(e)
                }
            case "vncdisplay":
                guard let n = Int(value), n >= 0 else {
                    return .failure(DeviceSpecError("vfb vncdisplay=\(value): expected a display number", near: value))
                }
                vfb.vncdisplay = n
            case "vnclisten": vfb.vnclisten = value
            case "vncpasswd": vfb.vncpasswd = value
            case "keymap": vfb.keymap = value
            case "display": vfb.display = value
            case "xauthority": vfb.xauthority = value
            case "videoram", "serial", "monitor":
                warnings.append("vfb '\(item.key)' (xm's qemu-dm option) is ignored by xl and by libxl")
            default:
                return .failure(
                    DeviceSpecError(
                        "unknown vfb option '\(item.key)'", near: item.key,
                        hint: Suggestion.hint(for: item.key, among: keys)))
            }
        }
        return .success(vfb)
    }
}
