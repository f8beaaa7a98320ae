import CXen
import ConfigParser

extension DomainConfigMapper {
    /// `vtpm = ['backend=DOM,uuid=UUID']`: xl requires a backend. xm's `instance=` and `type=`
    /// mean nothing to libxl.
    mutating func fillVTPMs() throws(LibxlError) {
        guard !config.vtpms.isEmpty else { return }
        let vtpms = try CMemory.array(of: libxl_device_vtpm.self, count: config.vtpms.count) {
            libxl_device_vtpm_init($0)
        }
        target.pointee.vtpms = vtpms
        target.pointee.num_vtpms = Int32(config.vtpms.count)
        for (i, spec) in config.vtpms.enumerated() {
            vtpms[i].devid = Int32(i)
            guard let backend = spec.backend else {
                throw .invalidValue(key: "vtpm", value: spec.original, reason: "a vtpm needs backend= (xl requires it)")
            }
            try CMemory.replace(&vtpms[i].backend_domname, with: backend, key: "vtpm")
            if let uuid = spec.uuid {
                guard libxl_uuid_from_string(&vtpms[i].uuid, uuid) == 0 else {
                    throw .invalidValue(key: "vtpm", value: spec.original, reason: "malformed uuid '\(uuid)'")
                }
            }
        }
    }

    /// `channel = ['name=...,connection=pty|socket[,path=...][,backend=...]']`, already split into
    /// key/value pairs. Unknown keys are ignored, as xl ignores them (with a warning).
    mutating func fillChannels() throws(LibxlError) {
        guard !config.channels.isEmpty else { return }
        let channels = try CMemory.array(of: libxl_device_channel.self, count: config.channels.count) {
            libxl_device_channel_init($0)
        }
        target.pointee.channels = channels
        target.pointee.num_channels = Int32(config.channels.count)
        for (i, spec) in config.channels.enumerated() {
            let c = channels + i
            c.pointee.devid = Int32(i)
            let shown = spec.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            try CMemory.replace(&c.pointee.backend_domname, withOptional: spec["backend"], key: "channel")
            try CMemory.replace(&c.pointee.name, withOptional: spec["name"], key: "channel")
            switch spec["connection"] {
            case "pty":
                libxl_device_channel_init_connection(c, LIBXL_CHANNEL_CONNECTION_PTY)
            case "socket":
                guard let path = spec["path"] else {
                    throw .invalidValue(key: "channel", value: shown, reason: "connection=socket needs path=")
                }
                libxl_device_channel_init_connection(c, LIBXL_CHANNEL_CONNECTION_SOCKET)
                try CMemory.replace(&c.pointee.u.socket.path, with: path, key: "channel")
            case let other?:
                throw .invalidValue(key: "channel", value: shown, reason: "unknown connection '\(other)'")
            case nil:
                throw .invalidValue(key: "channel", value: shown, reason: "a channel needs connection=pty or socket")
            }
        }
    }
}
