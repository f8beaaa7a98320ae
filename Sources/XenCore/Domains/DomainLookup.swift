import CXen

extension LibxlContext {
    /// Every domain the hypervisor knows, Domain-0 first, in domid order.
    public func listDomains() throws -> [DomainInfo] {
        var count: Int32 = 0
        guard let list = libxl_list_domain(ctx, &count) else {
            throw failure("listing domains", ERROR_FAIL.rawValue)
        }
        defer { libxl_dominfo_list_free(list, count) }
        return (0..<Int(count)).map { i in
            DomainInfo(list[i], name: name(of: list[i].domid) ?? "(null)")
        }.sorted { $0.id < $1.id }
    }

    /// One domain's current state; nil when there is no such domain.
    public func domainInfo(_ domid: UInt32) throws -> DomainInfo? {
        var info = libxl_dominfo()
        libxl_dominfo_init(&info)
        defer { libxl_dominfo_dispose(&info) }
        let rc = libxl_domain_info(ctx, &info, domid)
        if rc == ERROR_DOMAIN_NOTFOUND.rawValue { return nil }
        try check("reading domain \(domid)", rc)
        return DomainInfo(info, name: name(of: domid) ?? "(null)")
    }

    public func name(of domid: UInt32) -> String? {
        guard let p = libxl_domid_to_name(ctx, domid) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// Finds a domain as xm did: by name, then by numeric id, then by uuid. Throws
    /// `domainNotFound` with the name as the user wrote it.
    public func resolve(_ domain: String) throws -> DomainInfo {
        let all = try listDomains()
        if let byName = all.first(where: { $0.name == domain }) { return byName }
        if let id = UInt32(domain), let byID = all.first(where: { $0.id == id }) { return byID }
        let lowered = domain.lowercased()
        if let byUUID = all.first(where: { $0.uuid == lowered }) { return byUUID }
        throw XenError.domainNotFound(domain)
    }
}
