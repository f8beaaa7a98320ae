/// Errors of the toolstack, worded for an administrator at a dom0 shell. The CLI prints
/// `Error: <description>` and exits 1.
public enum XenError: Error, Sendable, CustomStringConvertible {
    /// No hypervisor, or not allowed to talk to it.
    case noHypervisor(String)
    /// A libxl call failed: the operation, and libxl's error code.
    case libxl(operation: String, code: Int32)
    /// A libxl call failed and libxl said why in its log.
    case libxlFailed(operation: String, code: Int32, detail: String?)
    case domainNotFound(String)
    /// Create refused: a domain of that name is running (xend's wording).
    case domainExists(name: String, id: UInt32)
    case configInvalid(path: String, errors: Int)
    case configNotFound(String, searched: [String])
    case io(String)
    case unsupported(String)

    public var description: String {
        switch self {
        case .noHypervisor(let why): return why
        case .libxl(let op, let code): return "\(op) failed: \(Self.describe(libxlCode: code))"
        case .libxlFailed(let op, let code, let detail):
            return "\(op) failed: " + (detail ?? Self.describe(libxlCode: code))
        case .domainNotFound(let d): return "Domain '\(d)' does not exist."
        case .domainExists(let name, let id): return "Domain '\(name)' already exists with ID '\(id)'"
        case .configInvalid(let path, let n):
            return "\(path): \(n) error\(n == 1 ? "" : "s") in the domain configuration"
        case .configNotFound(let name, let searched):
            return "Cannot open config file \"\(name)\""
                + (searched.isEmpty ? "" : " (searched \(searched.joined(separator: ":")))")
        case .io(let m): return m
        case .unsupported(let m): return m
        }
    }

    /// libxl's error codes (libxl_types.idl `libxl_error`) in words.
    public static func describe(libxlCode code: Int32) -> String {
        switch code {
        case -1: return "unspecified error"
        case -2: return "libxl version mismatch"
        case -3: return "operation failed (see the log with -v)"
        case -4: return "not implemented by this libxl"
        case -5: return "out of memory"
        case -6: return "invalid argument"
        case -7: return "failure during cleanup after an error"
        case -8: return "the guest did not respond in time"
        case -9: return "timed out"
        case -10: return "the guest has no PV drivers"
        case -11: return "not ready"
        case -12: return "could not register for OS events"
        case -13: return "buffer too small"
        case -14: return "unknown child process"
        case -15: return "could not take the lock"
        case -16: return "the stored JSON configuration is empty"
        case -17: return "the device already exists"
        case -18: return "checkpoint device operations do not match"
        case -19: return "checkpoint device not supported"
        case -20: return "invalid vNUMA configuration"
        case -21: return "no such domain"
        case -22: return "aborted"
        case -23: return "not found"
        case -24: return "the domain was destroyed"
        case -25: return "feature removed from this Xen"
        case -26: return "QMP protocol error talking to the device model"
        case -27: return "unknown QMP error from the device model"
        case -28: return "the device model reported an error"
        case -29: return "the device model does not know the QMP command"
        case -30: return "the device is not active in the device model"
        case -31: return "the device model has no such device"
        case -32: return "QEMU API error"
        default: return "libxl error \(code)"
        }
    }
}
