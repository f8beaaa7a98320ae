import Glibc

/// The write end of the active SignalPipe, for the signal handler (which can capture nothing).
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Turns the signals that end a console session into bytes on a pipe, so the relay's poll(2)
/// wakes up for them and the terminal is restored on the normal path (the self-pipe trick: a
/// flag checked between poll calls would miss a signal arriving just before poll).
/// The previous dispositions come back with `close()`, which matters for `xm create -c`, whose
/// process goes on after the console.
package final class SignalPipe {
    static let caught: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    package let readEnd: Int32
    private let writeEnd: Int32
    private var previous: [(Int32, sigaction)] = []
    private var previousPipeAction = sigaction()

    package init() throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            throw XenError.consolePipeFailed(errno: errno)
        }
        readEnd = fds[0]
        writeEnd = fds[1]
        // Non-blocking: a handler must never block on a full pipe, nor take() on an empty one.
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
        }
        signalPipeWriteEnd = writeEnd
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            var byte = UInt8(truncatingIfNeeded: signal)
            _ = write(signalPipeWriteEnd, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        for signal in Self.caught {
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous.append((signal, old))
        }
        // A closed stdout or pty must come back as EPIPE from write, not kill the process
        // before the terminal is restored.
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        sigaction(SIGPIPE, &ignore, &previousPipeAction)
    }

    /// The signal that arrived, once the read end polled readable.
    package func take() -> Int32? {
        var byte: UInt8 = 0
        return read(readEnd, &byte, 1) == 1 ? Int32(byte) : nil
    }

    package func close() {
        guard signalPipeWriteEnd == writeEnd else { return }
        for (signal, old) in previous {
            var action = old
            sigaction(signal, &action, nil)
        }
        sigaction(SIGPIPE, &previousPipeAction, nil)
        signalPipeWriteEnd = -1
        _ = Glibc.close(readEnd)
        _ = Glibc.close(writeEnd)
    }

    deinit { close() }
}
