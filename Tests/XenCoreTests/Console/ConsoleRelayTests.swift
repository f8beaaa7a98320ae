import Glibc
import Testing
import XenCore

/// The relay between the user and a console pty, driven with a pty of the test's own playing
/// xenconsoled: what the guest writes reaches the output, what the user types reaches the
/// guest, and each way of ending a session is told apart.
@Suite(.serialized) struct ConsoleRelayTests {
    @Test func relaysBothWaysUntilInputEnds() throws {
        let pty = try PtyPair()
        let input = TestPipe()
        let output = TestPipe()
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
        let input = TestPipe()
        let output = TestPipe()
        writeString(input.writeEnd, "ping a\n\u{1d}ping b\n")
        // Input stays open: only the escape can end this session.
        let end = ConsoleRelay(input: input.readEnd, output: output.writeEnd, console: pty.slave).run()
        #expect(end == .detached)
        #expect(drain(pty.master) == "ping a\n")
        close(input.writeEnd)
    }

    @Test func consoleHangupEndsTheSession() throws {
        let pty = try PtyPair()
        let input = TestPipe()
        let output = TestPipe()
        let relay = ConsoleRelay(input: input.readEnd, output: output.writeEnd, console: pty.slave)
        let session = RelayThread(relay)
        writeString(pty.master, "XM-GUEST-POWEROFF\r\n")
        // Linux drops what the slave has not read when the master closes: hang up only after
        // the relay has passed the line on, as xenconsoled does when a domain dies.
        var seen = ""
        for _ in 0..<200 where !seen.contains("\n") {
            seen += drain(output.readEnd)
            usleep(10_000)
        }
        pty.closeMaster()
        #expect(session.join().end == .consoleClosed)
        #expect(seen == "XM-GUEST-POWEROFF\r\n")
        close(input.writeEnd)
    }

    @Test func closedOutputEndsTheSession() throws {
        let pty = try PtyPair()
        let input = TestPipe()
        let output = TestPipe()
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
        let input = TestPipe()
        let output = TestPipe()
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
    @Test func idleSessionDoesNotSpin() throws {
        let pty = try PtyPair()
        let input = TestPipe()
        let output = TestPipe()
        let relay = ConsoleRelay(input: input.readEnd, output: output.writeEnd, console: pty.slave)
        let session = RelayThread(relay)
        usleep(500_000)
        writeString(input.writeEnd, "\u{1d}")
        let (end, used) = session.join()
        #expect(end == .detached)
        #expect(used < 0.2, "the relay used \(used) s of CPU in 0.5 s of idling")
        close(input.writeEnd)
    }
}

/// Runs a relay on a thread of its own, as xm console does, and measures that thread's CPU time.
/// Not a Task: the relay blocks in poll(2), and the cooperative pool (two threads on a two-core
/// machine) may be busy with other suites' tests, which would start it late; nor the process's
/// CPU time, which those tests would fill.
private final class RelayThread: @unchecked Sendable {
    private let relay: ConsoleRelay
    private var thread = pthread_t()
    private var result: (end: ConsoleEnd, cpuSeconds: Double)?

    init(_ relay: ConsoleRelay) {
        self.relay = relay
        let box = Unmanaged.passRetained(self).toOpaque()
        let rc = pthread_create(
            &thread, nil,
            { box in
                let me = Unmanaged<RelayThread>.fromOpaque(box!).takeRetainedValue()
                let before = threadCPUSeconds()
                let end = me.relay.run()
                me.result = (end, threadCPUSeconds() - before)
                return nil
            }, box)
        precondition(rc == 0, "pthread_create: \(rc)")
    }

    func join() -> (end: ConsoleEnd, cpuSeconds: Double) {
        pthread_join(thread, nil)
        return result!
    }
}

/// CPU time (user + system) the calling thread has used so far.
private func threadCPUSeconds() -> Double {
    let rusageThread: Int32 = 1  // RUSAGE_THREAD (Linux 2.6.26), which Glibc hides behind _GNU_SOURCE
    var usage = rusage()
    getrusage(rusageThread, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}
