import CXen

/// A config file as libxlutil reads it (`xlu_cfg_*`): xl's own parser, used only as a reference
/// oracle by the differential tests and the benchmark — never to read a user's file.
///
/// libxlutil writes its complaints to a stdio stream; they go to a private temporary file so
/// that nothing reaches the terminal and `report` can show them.
public final class XLUConfig {
    private let handle: OpaquePointer
    private let reportStream: UnsafeMutablePointer<FILE>

    /// One value as libxlutil stores it: every scalar is an atom (its text, numbers included),
    /// and lists may nest.
    public indirect enum Value: Sendable, Hashable {
        case atom(String)
        case list([Value])
    }

    /// `sourceName` is what libxlutil puts in front of its messages.
    public init(sourceName: String = "config") throws(XLUError) {
        guard let stream = tmpfile() else { throw .setupFailed("cannot create a report stream") }
        guard let handle = xlu_cfg_init(stream, sourceName) else {
            fclose(stream)
            throw .setupFailed("xlu_cfg_init failed")
        }
        self.handle = handle
        self.reportStream = stream
    }

    /// Parses `text` (`xlu_cfg_readdata`). libxlutil has no error recovery: after a failure the
    /// values must not be read, so this throws with the errno and libxlutil's report.
    public convenience init(text: String, sourceName: String = "config") throws(XLUError) {
        try self.init(sourceName: sourceName)
        let bytes = Array(text.utf8)
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xlu_cfg_readdata(handle, chars.baseAddress, Int32(chars.count))
            }
        }
        guard status == 0 else { throw .rejected(errno: status, report: report) }
    }

    deinit {
        xlu_cfg_destroy(handle)
        fclose(reportStream)
    }

    /// `xlu_cfg_get_string`: the text of an atom; nil when absent or a list.
    public func string(_ key: String) -> String? {
        var value: UnsafePointer<CChar>?
        guard xlu_cfg_get_string(handle, key, &value, 1) == 0, let value else { return nil }
        return String(cString: value)
    }

    /// `xlu_cfg_get_long`: an atom read by strtol with base 0 (so "0x10" is 16 and "010" is 8,
    /// quoted or not); nil when absent, a list, or not a whole number.
    public func long(_ key: String) -> Int? {
        var value = 0
        guard xlu_cfg_get_long(handle, key, &value, 1) == 0 else { return nil }
        return value
    }

    /// `xlu_cfg_get_list` + `xlu_cfg_get_listitem`: the atoms of a list (a nested list reads as
    /// nil, as xl sees it); nil when absent or not a list.
    public func list(_ key: String) -> [String?]? {
        var list: OpaquePointer?
        var count: Int32 = 0
        guard xlu_cfg_get_list(handle, key, &list, &count, 1) == 0, let list else { return nil }
        return (0..<count).map { i in xlu_cfg_get_listitem(list, i).map { String(cString: $0) } }
    }

    /// The whole value of `key`, nested lists included (`xlu_cfg_get_listitem2`).
    public func value(_ key: String) -> Value? {
        if let s = string(key) { return .atom(s) }
        var list: OpaquePointer?
        var count: Int32 = 0
        guard xlu_cfg_get_list(handle, key, &list, &count, 1) == 0, let list else { return nil }
        return .list(Self.items(of: list, count: count, in: handle))
    }

    private static func items(of list: OpaquePointer, count: Int32, in handle: OpaquePointer) -> [Value] {
        (0..<count).compactMap { i -> Value? in
            guard let item = xlu_cfg_get_listitem2(list, i) else { return nil }
            if xlu_cfg_value_type(item) == XLU_STRING {
                var text: UnsafeMutablePointer<CChar>?
                guard xlu_cfg_value_get_string(handle, item, &text, 1) == 0, let text else { return nil }
                return .atom(String(cString: text))
            }
            var inner: OpaquePointer?
            guard xlu_cfg_value_get_list(handle, item, &inner, 1) == 0, let inner else { return nil }
            var n: Int32 = 0
            while xlu_cfg_get_listitem2(inner, n) != nil { n += 1 }
            return .list(items(of: inner, count: n, in: handle))
        }
    }

    /// Everything libxlutil has reported so far.
    public var report: String {
        fflush(reportStream)
        let length = ftell(reportStream)
        guard length > 0 else { return "" }
        var bytes = [UInt8](repeating: 0, count: length)
        rewind(reportStream)
        let read = fread(&bytes, 1, length, reportStream)
        fseek(reportStream, 0, SEEK_END)
        return String(decoding: bytes.prefix(read), as: UTF8.self)
    }

    /// For `xlu_disk_parse`, which needs a config only for its report stream.
    func withHandle<R>(_ body: (OpaquePointer) -> R) -> R { body(handle) }
}

public enum XLUError: Error, Sendable, Hashable, CustomStringConvertible {
    case setupFailed(String)
    /// libxlutil refused the input: the errno it returned and what it reported.
    case rejected(errno: Int32, report: String)

    public var description: String {
        switch self {
        case .setupFailed(let what): "libxlutil: \(what)"
        case .rejected(let errno, let report):
            "libxlutil rejected the input (errno \(errno))" + (report.isEmpty ? "" : ": \(report)")
        }
    }
}
