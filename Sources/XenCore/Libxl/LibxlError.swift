/// Why a DomainConfig could not become a `libxl_domain_config`: the checks xl makes while it fills
/// the structure (xl_parse.c). Every case renders as one sentence an administrator can act on.
/// Failures of libxl calls are `XenError.libxl`; a create that fails on one of these throws it
/// as `XenError.libxlConfig`.
public enum LibxlError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A value libxl (or xl before it) would not take, named by its vm.cfg key.
    case invalidValue(key: String, value: String, reason: String)
    /// xl refuses a PV or PVH guest with nothing to boot: no `kernel` and no `bootloader`.
    case nothingToBoot(type: String)
    /// `maxvcpus` below `vcpus` (xl: "maxvcpus < vcpus").
    case maxvcpusBelowVcpus(maxvcpus: Int, vcpus: Int)
    /// malloc or strdup failed while filling the C structure.
    case outOfMemory
    /// `libxl_domain_config_to_json` returned nothing.
    case jsonConversionFailed

    public var description: String {
        switch self {
        case .invalidValue(let key, let value, let reason):
            return "invalid value '\(value)' for '\(key)': \(reason)"
        case .nothingToBoot(let type):
            return "a \(type) guest needs a 'kernel' or a 'bootloader' (neither is set)"
        case .maxvcpusBelowVcpus(let maxvcpus, let vcpus):
            return "'maxvcpus' (\(maxvcpus)) is less than 'vcpus' (\(vcpus))"
        case .outOfMemory:
            return "out of memory while building the libxl domain configuration"
        case .jsonConversionFailed:
            return "libxl could not convert the domain configuration to JSON"
        }
    }
}
