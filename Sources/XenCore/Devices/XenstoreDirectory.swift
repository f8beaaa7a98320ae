import CXen
import Glibc

/// A device's frontend directory in xenstore, key by key, in xenstored's order: what xend showed
/// for `xm block-list -l` and `xm network-list -l`. Read-only, through libxenstore.
public struct XenstoreEntry: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

extension LibxlContext {
    /// The keys of `/local/domain/DOMID/device/KIND/DEVID` with their values (empty when the
    /// directory is gone, as it is for a device being removed).
    public func frontendEntries(domid: UInt32, kind: String, devid: Int) -> [XenstoreEntry] {
        guard let handle = xs_open(0) else { return [] }
        defer { xs_close(handle) }
        let path = "/local/domain/\(domid)/device/\(kind)/\(devid)"
        var count: UInt32 = 0
        guard let names = xs_directory(handle, xs_transaction_t(XBT_NULL), path, &count) else { return [] }
        defer { free(names) }
        return (0..<Int(count)).compactMap { i in
            guard let name = names[i] else { return nil }
            let key = String(cString: name)
            var length: UInt32 = 0
            guard let raw = xs_read(handle, xs_transaction_t(XBT_NULL), "\(path)/\(key)", &length) else { return nil }
            defer { free(raw) }
            let value = String(
                decoding: UnsafeRawBufferPointer(start: raw, count: Int(length)).bindMemory(to: UInt8.self),
                as: UTF8.self)
            return XenstoreEntry(key: key, value: value)
        }
    }
}
