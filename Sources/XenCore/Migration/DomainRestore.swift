import CXen
import Glibc

extension LibxlContext {
    /// Reads xl's header from the start of a save file or an incoming migration stream.
    public func readSaveHeader(from channel: ByteChannel) throws -> SaveFileHeader {
        do {
            return try SaveFileHeader.read { count throws(ByteChannel.Failure) in try channel.read(upTo: count) }
        } catch let failure as ByteChannel.Failure {
            throw XenError.streamFailed(stage: "reading the save header", failure)
        } catch let invalid as SaveFileError {
            throw XenError.saveFileInvalid(invalid)
        }
    }

    /// Builds a domain from libxl's stream on `fd`, whose header (already read) is `header`. The
    /// domain is left paused. `name` replaces the saved name (a migration arrives as
    /// NAME--incoming); `sendBackFD` is the migration's return channel (-1 for a file). The
    /// configuration stored with the domain for its monitor is the saved one, under its own name.
    /// A failed restore leaves no domain behind.
    public func restoreDomain(
        from fd: Int32, header: SaveFileHeader, name: String? = nil, sendBackFD: Int32 = -1,
        progress: ((SaveProgress) -> Void)? = nil
    ) throws -> CreatedDomain {
        guard let json = header.configJSON else { throw XenError.saveFileInvalid(.noConfig) }
        let config = try LibxlDomainConfig(json: json, context: self)
        let savedName = config.name
        let finalName = name ?? savedName
        if finalName != savedName {
            do {
                try config.withUnsafeConfig { raw throws(LibxlError) in
                    try CMemory.replace(&raw.pointee.c_info.name, with: finalName, key: "name")
                }
            } catch { throw XenError.libxlConfig(error) }
        }
        let lock = try CreateLock()
        defer { lock.release() }
        // Only the name it is built under: a migration between two xm on one host arrives as
        // NAME--incoming while NAME is still the sender's.
        if let domain = try listDomains().first(where: { $0.name == finalName }) {
            throw XenError.domainExists(name: finalName, id: domain.id)
        }
        var params = libxl_domain_restore_params()
        libxl_domain_restore_params_init(&params)
        defer { libxl_domain_restore_params_dispose(&params) }
        params.stream_version = header.streamVersion
        params.checkpointed_stream = Int32(LIBXL_CHECKPOINTED_STREAM_NONE.rawValue)

        log.onProgress = progress
        defer { log.onProgress = nil }
        var domid = UInt32.max
        _ = log.takeRecentErrors()
        let rc = config.withUnsafeConfig {
            libxl_domain_create_restore(ctx, $0, &domid, fd, sendBackFD, &params, nil, nil)
        }
        try settleNewDomain("restoring domain '\(savedName)'", rc: rc, domid: domid, json: json)
        return CreatedDomain(id: domid, name: finalName)
    }
}
