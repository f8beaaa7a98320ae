import Glibc

/// xm's helper processes, each this same binary run with a hidden command: a domain's monitor
/// (`xm __monitor DOMID`, started by create and reset) and the kernel cache's filler
/// (`xm __cache-kernel FILE`, started after a create that missed the cache). Each is detached:
/// its own session (it must outlive the shell that ran xm), stdin from /dev/null, output appended
/// to /var/log/xen/xm-<logName>.log. A new process rather than fork(): a Swift process may have
/// threads, and fork keeps only one.
public enum HelperProcess {
    /// Which helper: it names the helper in an error when it cannot be started.
    public enum Kind: Sendable, Hashable, CustomStringConvertible {
        /// Applies a domain's on_poweroff, on_reboot and on_crash actions (DomainMonitor).
        case domainMonitor
        /// Unpacks a kernel into the kernel cache (KernelCache.fill).
        case kernelCacheFiller

        public var description: String {
            switch self {
            case .domainMonitor: "the domain monitor"
            case .kernelCacheFiller: "the kernel-cache filler"
            }
        }
    }

    static let logDirectory = "/var/log/xen"

    /// glibc's POSIX_SPAWN_SETSID (spawn.h, glibc 2.26+), hidden from Swift behind _GNU_SOURCE.
    private static let posixSpawnSetsid: Int32 = 0x80

    static func logPath(for name: String) -> String { "\(logDirectory)/xm-\(name).log" }

    /// Runs `executable arguments...` as the helper `kind`; returns its pid.
    @discardableResult
    public static func launch(
        _ kind: Kind, executable: String = "/proc/self/exe", arguments: [String], logName: String
    ) throws -> pid_t {
        mkdir(logDirectory, 0o755)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath(for: logName), O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGHUP, SIGINT, SIGPIPE, SIGTERM, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noneBlocked = sigset_t()
        sigemptyset(&noneBlocked)
        posix_spawnattr_setsigmask(&attributes, &noneBlocked)
        posix_spawnattr_setflags(&attributes, Int16(posixSpawnSetsid | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard rc == 0 else {
            throw XenError.launchFailed(kind, errno: rc)
        }
        return pid
    }
}
