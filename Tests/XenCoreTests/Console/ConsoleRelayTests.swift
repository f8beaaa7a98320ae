import Glibc
import Testing
@testable import XenCore

/// The relay between the user and a console pty, driven with a pty of the test's own playing
/// xenconsoled: what the guest writes reaches the output, what the user types reaches the
/// guest, and each way of ending a session is told apart.
@Suite(.serialized) struct ConsoleRelayTests {
    @Test func relaysBothWaysUntilInputEnds() throws {
        let pty = try PtyPair()
        let input = TestPipe(), output = TestPipe()
        writeString(pty.master, "XM-GUEST-ALIVE 1\r\n")
        writeString(input.writeEnd, "ping hello\n")
        close(input.writeEnd)
        let end = ConsoleRelay(input: input.readEnd, output: output.writeEnd, console: pty.slave).run()
        close(output.writeEnd)
        #expect(end == .inputClosed)
        #expect(drain(output.readEnd) == "XM-GUEST-ALIVE 1\r\n")
        #expect(drain(pty.master) == "ping hello\n")
    }

    @Test func escapeDetachesAndForwardsWhatCameBeforeIt() throws {
        let pty = try PtyPair()
        let input = TestPipe(), output = TestPipe()
        writeString(input.writeEnd, "ping a\n\u{1d}ping b\n")
        // Input stays open: only the escape can end this session.
        let end = ConsoleRelay(input: input.readEnd, output: output.writeEnd, console: pty.slave).run()
        #expect(end == .detached)
        #expect(drain(pty.master) == "ping a\n")
        close(input.writeEnd)
    }

    @Test func consoleHangupEndsTheSession() async throws {
        let pty = try PtyPair()
        let input = TestPipe(), output = TestPipe()
        let relay = ConsoleRelay(input: input.readEnd, output: output.writeEnd, console: pty.slave)
        let session = Task.detached { relay.run() }
        writeString(pty.master, "XM-GUEST-POWEROFF\r\n")
        // Linux drops what the slave has not read when the master closes: hang up only after
        // the relay has passed the line on, as xenconsoled does when a domain dies.
        var seen = ""
        for _ in 0..<200 where !seen.contains("\n") {
            seen += drain(output.readEnd)
            usleep(10_000)
        }
        pty.closeMaster()
        #expect(await session.value == .consoleClosed)
        #expect(seen == "XM-GUEST-POWEROFF\r\n")
        close(input.writeEnd)
    }

    @Test func closedOutputEndsTheSession() throws {
        let pty = try PtyPair()
        let input = TestPipe(), output = TestPipe()
        close(output.readEnd)
        writeString(pty.master, "anything\r\n")
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        let end = ConsoleRelay(input: input.readEnd, output: output.writeEnd, console: pty.slave).run()
        #expect(end == .outputClosed)
        close(input.writeEnd)
    }

    @Test func signalStopsTheSessionAndDispositionsComeBack() throws {
        let pty = try PtyPair()
        let input = TestPipe(), output = TestPipe()
        let before = signal(SIGTERM, SIG_DFL)
        signal(SIGTERM, before)
        let signals = try SignalPipe()
        kill(getpid(), SIGTERM)
        let end = ConsoleRelay(input: input.readEnd, output: output.writeEnd, console: pty.slave, stop: signals.readEnd)
            .run(signalOf: { signals.take() })
        signals.close()
        #expect(end == .interrupted(signal: SIGTERM))
        var now = sigaction()
        sigaction(SIGTERM, nil, &now)
        #expect(unsafeBitCast(now.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(before, to: Int.self))
        close(input.writeEnd)
    }

    /// A session with nothing to relay waits in poll(2): it must not spin (a slave pty that only
    /// the relay has open, as with qemu's serial pty, included).
    @Test func idleSessionDoesNotSpin() async throws {
        let pty = try PtyPair()
        let input = TestPipe(), output = TestPipe()
        let relay = ConsoleRelay(input: input.readEnd, output: output.writeEnd, console: pty.slave)
        let before = cpuSeconds()
        let session = Task.detached { relay.run() }
        usleep(500_000)
        let used = cpuSeconds() - before
        writeString(input.writeEnd, "\u{1d}")
        #expect(await session.value == .detached)
        #expect(used < 0.2, "the relay used \(used) s of CPU in 0.5 s of idling")
        close(input.writeEnd)
    }
}

/// CPU time (user + system) this process has used so far.
private func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}
