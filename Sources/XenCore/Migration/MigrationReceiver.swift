import CXen
import Glibc

extension LibxlContext {
    /// The receiving end of xl's migration protocol on `channel`: the banner, the domain built as
    /// NAME--incoming from the stream, "ready", and after the sender's permission the domain
    /// renamed and (unless `paused`) unpaused. The domain is destroyed on any failure before that,
    /// and the sender is told so and may resume its copy. While the domain arrives, a marker in
    /// `markers` names it, so that one left by a receiver that died is found and destroyed.
    /// `note` hears each stage, for the relocation server's log.
    public func receiveMigration(
        over channel: ByteChannel, paused: Bool, markers: IncomingMarkers = IncomingMarkers(),
        progress: ((SaveProgress) -> Void)? = nil, note: (String) -> Void = { _ in }
    ) throws -> CreatedDomain {
        func fail(_ stage: MigrationStage, _ reason: String) -> XenError {
            .migrationFailed(stage: stage, reason: reason, source: .running)
        }
        do {
            try channel.write(MigrationMessages.banner)
        } catch {
            throw fail(.banner, "cannot send the banner: \(error)")
        }
        let header: SaveFileHeader
        do {
            header = try readSaveHeader(from: channel)
        } catch XenError.saveFileInvalid(.empty) {
            throw fail(.stream, "the sender closed the connection before sending a domain")
        }
        guard let json = header.configJSON else { throw XenError.saveFileInvalid(.noConfig) }
        let name = try LibxlDomainConfig(json: json, context: self).name
        let incoming = MigrationMessages.incomingName(name)
        note("receiving domain \(name) as \(incoming)")

        try markers.record(incoming)
        defer { markers.clear(incoming) }
        let domain: CreatedDomain
        do {
            domain = try restoreDomain(
                from: channel.readFD, header: header, name: incoming, sendBackFD: channel.writeFD, progress: progress)
        } catch {
            throw fail(.stream, "\(error)")
        }
        note("domain \(incoming) (id \(domain.id)) received; asking for permission to start it")

        var started = false
        defer { if !started { try? destroy(domain.id) } }
        do {
            try channel.write(MigrationMessages.ready)
            var slow = channel
            slow.timeout = max(channel.timeout, 300)
            guard try slow.expect(MigrationMessages.permissionToGo) else {
                throw fail(.finalHandshake, "the sender sent something other than its permission to start")
            }
        } catch let failure as ByteChannel.Failure {
            throw fail(.finalHandshake, "no permission to start from the sender (\(failure))")
        }

        var status: UInt8 = 0
        do {
            try rename(domain.id, from: incoming, to: name)
            if !paused { try unpause(domain.id) }
        } catch {
            note("cannot start domain \(name): \(error)")
            status = 1
        }
        if status != 0 {
            // The sender resumes its own copy once ours is gone and it has our permission.
            try? destroy(domain.id)
            started = true
            try? channel.write(MigrationMessages.report + [status])
            try? channel.write(MigrationMessages.permissionToGo)
            throw fail(.receiverRestore, "the domain could not be started here; the sender resumes it")
        }
        started = true
        do {
            try channel.write(MigrationMessages.report + [0])
        } catch {
            // We had the permission: ours is the copy that runs. The sender keeps its suspended.
            note("the sender did not get our report (\(error)); domain \(name) runs here")
        }
        return CreatedDomain(id: domain.id, name: name)
    }
}
