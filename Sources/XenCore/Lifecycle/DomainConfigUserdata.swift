import CXen

/// The configuration a domain was created from, kept with the domain as libxl userdata under our
/// own id (xl keeps its copy as "xl"). The monitor reads it to start the same domain again after a
/// reboot, and `xm reset` to recreate it. libxl deletes it when the domain is destroyed.
extension LibxlContext {
    static let userdataID = "xm"

    public func storeDomainConfig(json: String, for domid: UInt32) throws {
        var bytes = Array(json.utf8)
        let rc = libxl_userdata_store(ctx, domid, Self.userdataID, &bytes, Int32(bytes.count))
        try check("storing the configuration of domain \(domid)", rc)
    }

    /// Our stored JSON; failing that, what libxl itself recorded for the domain (a domain created
    /// by another toolstack).
    public func storedDomainConfig(for domid: UInt32) throws -> String {
        if let json = xmStoredConfig(for: domid) { return json }
        return try retrievedConfigJSON(domid)
    }

    /// Only the JSON xm stored with the domain: nil for a domain another toolstack built.
    func xmStoredConfig(for domid: UInt32) -> String? {
        var data: UnsafeMutablePointer<UInt8>?
        var length: Int32 = 0
        guard libxl_userdata_retrieve(ctx, domid, Self.userdataID, &data, &length) == 0, let data else {
            _ = log.takeRecentErrors()
            return nil
        }
        defer { free(data) }
        guard length > 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: data, count: Int(length)), as: UTF8.self)
    }

    /// libxl's record of a running domain's configuration, in its JSON; `adjust` may change the
    /// record before it is written.
    func retrievedConfigJSON(
        _ domid: UInt32, adjust: (inout libxl_domain_config) -> Void = { _ in }
    ) throws -> String {
        var config = libxl_domain_config()
        libxl_domain_config_init(&config)
        defer { libxl_domain_config_dispose(&config) }
        try check(
            "reading the configuration of domain \(domid)",
            libxl_retrieve_domain_configuration(ctx, domid, &config, nil))
        adjust(&config)
        guard let text = libxl_domain_config_to_json(ctx, &config) else {
            throw XenError.storedConfigNotConvertible(domid: domid)
        }
        defer { free(text) }
        return String(cString: text)
    }
}
