/// libxl's `ERROR_*` return codes (libxl_types.idl, `libxl_error`) in words an administrator
/// understands; libxl's own names ("FAIL", "INVAL") say little outside its source.
public enum LibxlErrorCode {
    public static func meaning(of code: Int32) -> String {
        let text: String
        switch code {
        case -1: text = "unspecified error"
        case -2: text = "libxl version mismatch"
        case -3: text = "operation failed (see the libxl log for the cause)"
        case -4: text = "not implemented by this libxl"
        case -5: text = "out of memory"
        case -6: text = "invalid argument"
        case -7: text = "failed badly (the domain may be left in an inconsistent state)"
        case -8: text = "the guest did not respond in time"
        case -9: text = "timed out"
        case -10: text = "the guest has no paravirtual drivers to handle the request"
        case -11: text = "not ready yet"
        case -12: text = "could not register for OS events"
        case -13: text = "buffer too small"
        case -14: text = "unknown child process"
        case -15: text = "could not take a lock"
        case -16: text = "the stored JSON configuration is empty"
        case -17: text = "the device already exists"
        case -18: text = "checkpoint device operations do not match"
        case -19: text = "checkpoint device not supported"
        case -20: text = "invalid vNUMA configuration"
        case -21: text = "no such domain"
        case -22: text = "aborted"
        case -23: text = "not found"
        case -24: text = "the domain was destroyed"
        case -25: text = "the feature was removed from Xen"
        case -26: text = "QMP protocol error talking to the device model"
        case -27: text = "unknown QMP error from the device model"
        case -28: text = "the device model reported an error"
        case -29: text = "the device model does not know the QMP command"
        case -30: text = "the device is not active in the device model"
        case -31: text = "the device model has no such device"
        case -32: text = "QEMU API error"
        default: text = "libxl error"
        }
        return "\(text) (libxl error \(code))"
    }
}
