import CXen
import ConfigParser

/// A `libxl_domain_config` built from a DomainConfig the way `xl create` builds it from a config
/// file (tools/xl/xl_parse.c, parse_config_data, Xen 4.17), so that `json()` matches
/// `xl -N create` wherever the two files mean the same thing.
///
/// Owns the C structure: every string and array in it was malloc'd, and the whole is released
/// with `libxl_domain_config_dispose` when this value ends. Not copyable, so it is disposed once.
public struct LibxlDomainConfig: ~Copyable {
    public struct Options: Sendable, Hashable {
        /// xl gives a domain without a `uuid` a fresh random one. Golden tests turn this off so their
        /// output is stable; a nil uuid is left out of the JSON.
        public var generateUUID: Bool
        /// The host's number of physical CPUs (`libxl_get_max_cpus`). xl sizes every CPU map by it,
        /// which shows only where a map is "all". Without a hypervisor it is unknown (nil): `cpus =
        /// "all"` then leaves affinity unset, which libxl reads as the same thing.
        public var hostCPUCount: Int?

        public init(generateUUID: Bool = true, hostCPUCount: Int? = nil) {
            self.generateUUID = generateUUID
            self.hostCPUCount = hostCPUCount
        }
    }

    private let raw: UnsafeMutablePointer<libxl_domain_config>

    public init(_ config: DomainConfig, options: Options = Options()) throws(LibxlError) {
        let raw = UnsafeMutablePointer<libxl_domain_config>.allocate(capacity: 1)
        libxl_domain_config_init(raw)
        do {
            var mapper = DomainConfigMapper(target: raw, config: config, options: options)
            try mapper.fill()
        } catch {
            libxl_domain_config_dispose(raw)
            raw.deallocate()
            throw error
        }
        self.raw = raw
    }

    /// A configuration read back from libxl's JSON (what `json()` wrote), as the monitor does to
    /// start a domain again after a reboot. libxl's parser needs a real context: with a NULL one
    /// it crashes, so this takes the context even though it only parses.
    public init(json: String, context: LibxlContext) throws {
        let raw = UnsafeMutablePointer<libxl_domain_config>.allocate(capacity: 1)
        libxl_domain_config_init(raw)
        let rc = libxl_domain_config_from_json(context.ctx, raw, json)
        guard rc == 0 else {
            libxl_domain_config_dispose(raw)
            raw.deallocate()
            throw context.failure("reading the stored domain configuration", rc)
        }
        self.raw = raw
    }

    deinit {
        libxl_domain_config_dispose(raw)
        raw.deallocate()
    }

    /// libxl's own JSON rendering (`libxl_domain_config_to_json`, which needs no libxl context and
    /// no hypervisor): what `xl -N create` prints.
    public func json() throws(LibxlError) -> String {
        guard let text = libxl_domain_config_to_json(nil, raw) else { throw .jsonConversionFailed }
        defer { free(text) }
        return String(cString: text)
    }

    /// The C structure, for XenCore's libxl calls (create, preserve) and for reading its fields.
    /// It stays owned by this value.
    func withUnsafeConfig<R, E: Error>(
        _ body: (UnsafeMutablePointer<libxl_domain_config>) throws(E) -> R
    ) throws(E) -> R {
        try body(raw)
    }
}

/// The dry run in one call.
public enum LibxlJSON {
    public static func render(_ config: DomainConfig, options: LibxlDomainConfig.Options = .init())
        throws(LibxlError) -> String
    {
        let c = try LibxlDomainConfig(config, options: options)
        return try c.json()
    }
}
