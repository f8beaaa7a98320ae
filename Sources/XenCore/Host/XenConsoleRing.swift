import CXen

extension LibxlContext {
    /// Xen's message buffer (`xm dmesg`) as one text; `clear` empties it after reading, as
    /// `xm dmesg -c` did. libxl hands it out in chunks that already carry their newlines.
    public func hypervisorMessages(clear: Bool) throws -> String {
        guard let reader = libxl_xen_console_read_start(ctx, clear ? 1 : 0) else {
            throw failure("reading Xen's message buffer", ERROR_FAIL.rawValue)
        }
        defer { libxl_xen_console_read_finish(ctx, reader) }
        var text = ""
        while true {
            var line: UnsafeMutablePointer<CChar>?
            let rc = libxl_xen_console_read_line(ctx, reader, &line)
            if rc < 0 { try check("reading Xen's message buffer", rc) }
            guard rc > 0, let line else { break }
            text += String(cString: line)
        }
        return text
    }

    /// Hands keys to the hypervisor's debug-key handlers (`xm debug-keys`); what they print goes
    /// to Xen's message buffer, where `xm dmesg` shows it.
    public func sendDebugKeys(_ keys: String) throws {
        var copy = Array(keys.utf8CString)
        try check(
            "sending debug keys '\(keys)'",
            copy.withUnsafeMutableBufferPointer { libxl_send_debug_keys(ctx, $0.baseAddress) })
    }
}
