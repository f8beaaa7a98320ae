import CXen
import Glibc

/// The stages of a migration, named in its errors so an admin knows where it stopped.
public enum MigrationStage: String, Sendable, Hashable {
    case connect = "connecting to the receiver"
    case banner = "waiting for the receiver's banner"
    case suspend = "suspending the domain"
    case stream = "sending the domain"
    case receiverRestore = "the receiver's restore"
    case finalHandshake = "the final handshake"
}

/// Where the domain is after a failed migration. The sender resumes its copy only when it knows
/// the receiver did not start one: a domain runs on at most one host.
public enum SourceState: Sendable, Hashable {
    /// Never suspended, or resumed: it runs here as before.
    case running
    /// Suspended here under `name`; the receiver may or may not have started its copy.
    case undecided(name: String)
}

/// A migration that worked, timed on the sender's clock.
public struct MigrationResult: Sendable, Hashable {
    /// From the banner to the receiver's report, in seconds.
    public var total: Double
    /// From the guest's suspension to the receiver's report that it runs there.
    public var downtime: Double?
    /// Set when the suspended copy here (NAME--migratedaway) could not be destroyed: why.
    public var leftBehind: String? = nil
}

extension LibxlContext {
    /// Sends a domain over `channel`, to a receiver that speaks xl's migration protocol (xm's
    /// relocation server, `xm migrate-receive`, or `xl migrate-receive`). On success the domain
    /// runs at the receiver and is destroyed here. Every failure throws `migrationFailed` with the
    /// stage and with the domain running here, except after the receiver was told to start it and
    /// its answer was lost: then the domain is left suspended here as NAME--migratedaway.
    public func migrate(
        _ domid: UInt32, over channel: ByteChannel, live: Bool, progress: ((SaveProgress) -> Void)? = nil
    ) throws -> MigrationResult {
        try refuseDomain0(domid, "migrate")
        guard let name = name(of: domid) else { throw XenError.domainNotFound(String(domid)) }
        let header = SaveFileHeader(configJSON: try configForSaving(domid))
        let start = monotonicSeconds()
        func fail(_ stage: MigrationStage, _ reason: String, _ state: SourceState = .running) -> XenError {
            .migrationFailed(stage: stage, reason: reason, source: state)
        }

        do {
            let banner = try channel.read(upTo: MigrationMessages.banner.count)
            if banner.isEmpty {
                throw fail(.banner, "the other end closed the connection without a word (not in its hosts-allow?)")
            }
            guard banner == MigrationMessages.banner else {
                throw fail(.banner, "the other end is not an xm or xl migration receiver")
            }
            try channel.write(header.encoded())
        } catch let failure as ByteChannel.Failure {
            throw fail(.banner, failure.description)
        }

        var suspendedAt: Double?
        do {
            try suspend(domid, to: channel.writeFD, live: live) { report in
                if report.isSuspension, suspendedAt == nil { suspendedAt = monotonicSeconds() }
                progress?(report)
            }
        } catch {
            resumeAfterFailure(domid)
            throw fail(suspendedAt == nil ? .suspend : .stream, "\(error)")
        }

        // The receiver builds the domain from the stream before it answers: allow it time.
        var slow = channel
        slow.timeout = max(channel.timeout, 300)
        do {
            guard try slow.expect(MigrationMessages.ready) else {
                throw fail(.receiverRestore, "the receiver sent something other than its ready message")
            }
        } catch let failure as ByteChannel.Failure {
            resumeAfterFailure(domid)
            throw fail(.receiverRestore, "the receiver did not restore the domain (\(failure))")
        } catch {
            resumeAfterFailure(domid)
            throw error
        }

        let awayName = MigrationMessages.migratedAwayName(name)
        do {
            try rename(domid, from: name, to: awayName)
        } catch {
            resumeAfterFailure(domid)
            throw fail(.finalHandshake, "renaming the domain here failed: \(error)")
        }
        do {
            try channel.write(MigrationMessages.permissionToGo)
        } catch {
            // Nothing of the message reached the receiver whole, so it will not start its copy.
            try? rename(domid, from: awayName, to: name)
            resumeAfterFailure(domid)
            throw fail(.finalHandshake, "the receiver did not take the permission to start (\(error))")
        }
        let status: UInt8
        do {
            guard try slow.expect(MigrationMessages.report) else {
                throw fail(.finalHandshake, "the receiver's report is garbled", .undecided(name: awayName))
            }
            status = try slow.read(exactly: 1)[0]
        } catch let failure as ByteChannel.Failure {
            throw fail(.finalHandshake, "the receiver's report was lost (\(failure))", .undecided(name: awayName))
        }
        guard status == 0 else {
            // The receiver failed to start its copy, destroyed it, and hands the domain back.
            let handedBack = (try? slow.expect(MigrationMessages.permissionToGo)) ?? false
            guard handedBack else {
                throw fail(
                    .finalHandshake,
                    "the receiver failed to start the domain (status \(status)) and did not hand it back",
                    .undecided(name: awayName))
            }
            try? rename(domid, from: awayName, to: name)
            resumeAfterFailure(domid)
            throw fail(.receiverRestore, "the receiver could not start the domain (status \(status))")
        }
        let end = monotonicSeconds()
        var result = MigrationResult(total: end - start, downtime: suspendedAt.map { end - $0 })
        // The domain runs at the receiver now: a copy here that will not go is worth a warning,
        // not a failed migration.
        do {
            try destroy(domid)
        } catch {
            result.leftBehind = "the suspended copy \(awayName) (id \(domid)) could not be destroyed here: \(error)"
        }
        return result
    }
}
