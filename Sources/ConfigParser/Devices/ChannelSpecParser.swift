/// Parses one xl `channel` entry: `name=NAME,connection=pty|socket[,path=PATH][,backend=DOM]`.
/// A socket channel needs a path; the connection is required (xl: "channel has unknown 'connection'").
public enum ChannelSpecParser {
    static let keys = ["backend", "name", "path", "connection"]

    public static func parse(_ spec: String, warnings: inout [String]) -> Result<[String: String], DeviceSpecError> {
        var channel: [String: String] = [:]
        for item in KeyValueSpec(spec).items {
            guard let value = item.value else {
                return .failure(DeviceSpecError("'\(item.key)' in channel spec should be key=value", near: item.key))
            }
            switch item.key {
            case "backend", "name", "path": channel[item.key] = value
            case "connection":
                guard value == "pty" || value == "socket" else {
                    return .failure(
                        DeviceSpecError("unknown channel connection '\(value)' (valid: pty, socket)", near: value))
                }
                channel[item.key] = value
            default:
                warnings.append("unknown channel parameter '\(item.key)' is ignored (as xl does)")
            }
        }
        guard let connection = channel["connection"] else {
            return .failure(DeviceSpecError("channel has no connection= (valid: pty, socket)"))
        }
        if connection == "socket", channel["path"] == nil {
            return .failure(DeviceSpecError("channel connection 'socket' requires path="))
        }
        return .success(channel)
    }
}
