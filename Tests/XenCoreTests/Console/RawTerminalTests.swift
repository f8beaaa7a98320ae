import Glibc
import Testing
import XenCore

/// Raw mode on a terminal of the test's own (a pty slave set up cooked, as a login terminal is).
@Suite struct RawTerminalTests {
    @Test func rawWhileActiveAndCookedAfterRestore() throws {
        let pty = try PtyPair()
        var cooked = termios()
        tcgetattr(pty.slave, &cooked)
        cooked.c_lflag |= tcflag_t(ICANON | ECHO | ISIG)
        cooked.c_iflag |= tcflag_t(ICRNL)
        tcsetattr(pty.slave, TCSANOW, &cooked)

        let raw = try #require(RawTerminal(fd: pty.slave))
        var during = termios()
        tcgetattr(pty.slave, &during)
        #expect(during.c_lflag & tcflag_t(ICANON | ECHO | ISIG) == 0)
        #expect(during.c_iflag & tcflag_t(ICRNL) == 0)

        raw.restore()
        raw.restore()
        var after = termios()
        tcgetattr(pty.slave, &after)
        #expect(after.c_lflag & tcflag_t(ICANON | ECHO | ISIG) == tcflag_t(ICANON | ECHO | ISIG))
        #expect(after.c_iflag & tcflag_t(ICRNL) != 0)
    }

    @Test func notATerminalIsLeftAlone() {
        let p = TestPipe()
        #expect(RawTerminal(fd: p.readEnd) == nil)
        close(p.readEnd)
        close(p.writeEnd)
    }
}
