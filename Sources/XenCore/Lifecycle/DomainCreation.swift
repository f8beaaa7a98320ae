import CXen
import ConfigParser

/// A domain that `createDomain` started.
public struct CreatedDomain: Sendable, Hashable {
    public let id: UInt32
    public let name: String
    /// The kernel file libxl unpacked for this create because the kernel cache had no copy of it:
    /// worth caching now (nil when the cache served it, is off, or the domain boots otherwise).
    public var uncachedKernel: String? = nil
}

extension LibxlContext {
    /// xm create: builds the libxl configuration (with a fresh uuid when the file has none) and
    /// creates the domain, running unless `paused`.
    public func createDomain(_ config: DomainConfig, paused: Bool) throws -> CreatedDomain {
        let cpus = Int(libxl_get_max_cpus(ctx))
        let options = LibxlDomainConfig.Options(generateUUID: true, hostCPUCount: cpus > 0 ? cpus : nil)
        let libxlConfig = try wrapped { () throws(LibxlError) in try LibxlDomainConfig(config, options: options) }
        // Taken before create: libxl fills in its defaults during create, and a restart must
        // start from what the file said, as xl's stored copy does.
        let json = try wrapped { () throws(LibxlError) in try libxlConfig.json() }
        return try createDomain(libxlConfig, json: json, paused: paused)
    }

    /// Creates the domain a stored configuration describes (the monitor's restart, xm reset).
    public func createDomain(json: String, paused: Bool) throws -> CreatedDomain {
        let config = try LibxlDomainConfig(json: json, context: self)
        return try createDomain(config, json: json, paused: paused)
    }

    /// A mapping error as this layer's error, printed as `Error: ...`.
    private func wrapped<T: ~Copyable>(_ body: () throws(LibxlError) -> T) throws(XenError) -> T {
        do { return try body() } catch { throw XenError.libxlConfig(error) }
    }

    private func createDomain(_ config: borrowing LibxlDomainConfig, json: String, paused: Bool) throws -> CreatedDomain
    {
        let name = config.name
        let lock = try CreateLock()
        defer { lock.release() }
        // libxl refuses a duplicate name too, but deep inside create with a message about
        // xenstore; under our lock this check is exact and the message is xm's.
        if let existing = try listDomains().first(where: { $0.name == name }) {
            throw XenError.domainExists(name: name, id: existing.id)
        }
        let uncachedKernel = useCachedKernel(config)
        var domid = UInt32.max  // INVALID_DOMID
        _ = log.takeRecentErrors()
        let rc = config.withUnsafeConfig { libxl_domain_create_new(ctx, $0, &domid, nil, nil) }
        try settleNewDomain("creating domain '\(name)'", rc: rc, domid: domid, json: json)
        if !paused {
            try check("unpausing domain \(domid)", libxl_domain_unpause(ctx, domid, nil))
        }
        return CreatedDomain(id: domid, name: name, uncachedKernel: uncachedKernel)
    }

    /// What follows libxl's create or restore of a domain. A failure throws libxl's first
    /// complaint (the cause; the teardown's errors follow it) after destroying whatever half-built
    /// domain the call left (ERROR_ABORTED can leave one): never left to the user. A success
    /// stores `json` as xm's copy of the configuration, for the monitor's restarts.
    func settleNewDomain(_ operation: String, rc: Int32, domid: UInt32, json: String) throws {
        if rc != 0 {
            let failure = failureAtItsCause(operation, rc)
            if libxl_domid_valid_guest(domid) != 0 { _ = libxl_domain_destroy(ctx, domid, nil) }
            throw failure
        }
        do {
            try storeDomainConfig(json: json, for: domid)
        } catch {
            // Not fatal: a restart then falls back to the configuration libxl keeps itself.
            log.logger.warning("\(error)")
        }
    }

    /// Points libxl at the kernel cache's unpacked copy of a PV or PVH kernel (the stored config
    /// keeps the file's own path). Returns the kernel file when the cache has no copy yet.
    private func useCachedKernel(_ config: borrowing LibxlDomainConfig) -> String? {
        guard let cache = kernelCache else { return nil }
        return config.withUnsafeConfig { raw -> String? in
            let type = raw.pointee.b_info.type
            guard type == LIBXL_DOMAIN_TYPE_PV || type == LIBXL_DOMAIN_TYPE_PVH,
                raw.pointee.b_info.bootloader == nil, let path = raw.pointee.b_info.kernel
            else { return nil }
            let kernel = String(cString: path)
            switch cache.lookup(kernel) {
            case .missing: return kernel
            case .notCacheable: return nil
            case .cached(let image):
                // without memory for the path, libxl goes on with the original
                if (try? CMemory.replace(&raw.pointee.b_info.kernel, with: image, key: "kernel")) != nil {
                    log.logger.info("kernel \(kernel): using its unpacked copy \(image)")
                }
                return nil
            }
        }
    }
}
