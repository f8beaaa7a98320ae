import Glibc
import Testing
import XenCore

@Suite struct MigrationProtocolTests {
    /// tools/xl/xl.h: the banner goes without its NUL, the other three with theirs.
    @Test func theMessagesAreXls() {
        #expect(MigrationMessages.banner == Array("xl migration receiver ready, send binary domain data.\n".utf8))
        #expect(MigrationMessages.ready.count == 34 && MigrationMessages.ready.last == 0)
        #expect(MigrationMessages.permissionToGo.count == 44 && MigrationMessages.permissionToGo.last == 0)
        #expect(MigrationMessages.report.count == 39 && MigrationMessages.report.last == 0)
        #expect(MigrationMessages.incomingName("vm1") == "vm1--incoming")
        #expect(MigrationMessages.migratedAwayName("vm1") == "vm1--migratedaway")
    }

    @Test func aChannelReadsExactlyWhatItIsAskedAndNoMore() throws {
        let (a, b) = try socketPair()
        defer {
            a.close()
            b.close()
        }
        try a.write(MigrationMessages.banner + [0xAA, 0xBB])
        #expect(try b.expect(MigrationMessages.banner))
        #expect(try b.read(exactly: 1) == [0xAA])  // the rest is left for libxl
        #expect(try b.read(exactly: 1) == [0xBB])
    }

    @Test func aPeerThatClosesMidMessageIsReportedWithWhatArrived() throws {
        let (a, b) = try socketPair()
        defer { b.close() }
        try a.write(Array(MigrationMessages.ready.prefix(5)))
        a.close()
        #expect(throws: ByteChannel.Failure.closed(received: 5)) { try b.read(exactly: MigrationMessages.ready.count) }
        #expect(try b.read(upTo: 4) == [])
    }

    @Test func aSilentPeerTimesOut() throws {
        var (a, b) = try socketPair()
        defer {
            a.close()
            b.close()
        }
        b.timeout = 0.2
        #expect(throws: ByteChannel.Failure.timedOut(seconds: 0)) { try b.read(exactly: 1) }
        _ = a
    }

    @Test func writingToAClosedPeerFailsInsteadOfKillingUs() throws {
        signal(SIGPIPE, SIG_IGN)
        let (a, b) = try socketPair()
        b.close()
        defer { a.close() }
        #expect(throws: ByteChannel.Failure.failed(errno: EPIPE)) { try a.write(MigrationMessages.permissionToGo) }
    }

    @Test func failuresNameTheStageAndWhereTheDomainIs() {
        let kept = XenError.migrationFailed(
            stage: .connect, reason: "cannot connect to b port 8002: refused", source: .running)
        #expect(
            kept.description
                == "migration failed (connecting to the receiver): cannot connect to b port 8002: refused; the domain runs on at this host"
        )
        let undecided = XenError.migrationFailed(
            stage: .finalHandshake, reason: "the receiver's report was lost",
            source: .undecided(name: "vm1--migratedaway"))
        #expect(undecided.description.contains("left suspended here as vm1--migratedaway: check the other host"))
    }

    func socketPair() throws -> (ByteChannel, ByteChannel) {
        var fds: [Int32] = [-1, -1]
        try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
        return (
            ByteChannel(readFD: fds[0], writeFD: fds[0], timeout: 5),
            ByteChannel(readFD: fds[1], writeFD: fds[1], timeout: 5)
        )
    }
}
