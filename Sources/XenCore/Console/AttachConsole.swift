import Glibc

/// Attaches this process's standard input and output to a domain's console until the user
/// types Ctrl-], standard input ends, the console goes away or a signal arrives. The terminal
/// (when standard input is one) is raw for the session and restored however it ends.
/// Self-contained, so `xm console` and `xm create -c` share it.
///
/// - Parameters:
///   - type: nil picks the domain's primary console (serial for HVM, PV otherwise).
///   - number: the console's index (`xm console --num`).
///   - wait: how long to wait for the pty to be published (a domain just created).
@discardableResult
public func attachConsole(
    ctx: LibxlContext, domid: UInt32, type: ConsoleType?, number: Int = 0, wait: Double = 10
) throws -> ConsoleEnd {
    // xenconsoled serves no console for dom0; attaching would wait forever for nothing.
    guard domid != 0 else { throw XenError.domain0HasNoConsole }
    let chosen = try type ?? ctx.defaultConsoleType(domid: domid)
    let ttyPath = try ctx.waitForConsoleTTY(domid: domid, number: number, type: chosen, wait: wait)
    let lock = try ConsoleLock(domid: domid)
    defer { lock?.release() }

    let pty = open(ttyPath, O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard pty >= 0 else {
        throw XenError.consolePtyUnopenable(path: ttyPath, errno: errno)
    }
    defer { close(pty) }
    // The pty carries the guest's bytes unchanged; the guest's own tty does the line handling.
    let ptyMode = RawTerminal(fd: pty)
    defer { ptyMode?.restore() }

    let signals = try SignalPipe()
    defer { signals.close() }
    let terminal = RawTerminal(fd: STDIN_FILENO)
    defer { terminal?.restore() }

    let relay = ConsoleRelay(console: pty, stop: signals.readEnd)
    return relay.run(signalOf: { signals.take() })
}
