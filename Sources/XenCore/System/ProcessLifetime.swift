import CXen
import Glibc

public enum ProcessLifetime {
    /// Makes the kernel kill this process when its parent dies (PR_SET_PDEATHSIG), and ends it now
    /// if the parent is already gone: a migration receiver must not outlive its relocation server.
    public static func dieWithParent() {
        let parent = getppid()
        _ = cxen_die_with_parent()
        if getppid() != parent { kill(getpid(), SIGKILL) }
    }
}
