import Glibc

/// Starts a domain's monitor as a detached process of our own binary: its own session (it must
/// outlive the shell that ran xm create), stdin from /dev/null, output appended to a log. A new
/// process rather than fork(): a Swift process may have threads, and fork keeps only one.
public enum MonitorLauncher {
    public static let logDirectory = "/var/log/xen"

    /// glibc's POSIX_SPAWN_SETSID (spawn.h, glibc 2.26+), hidden from Swift behind _GNU_SOURCE.
    private static let posixSpawnSetsid: Int32 = 0x80

    public static func logPath(for name: String) -> String { "\(logDirectory)/xm-\(name).log" }

    /// Runs `executable arguments...`; returns the monitor's pid.
    @discardableResult
    public static func launch(executable: String = "/proc/self/exe", arguments: [String], logName: String) throws
        -> pid_t
    {
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
            throw XenError.io("cannot start the domain monitor: \(String(cString: strerror(rc)))")
        }
        return pid
    }
}
