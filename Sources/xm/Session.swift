import Logging
import XenCore

/// What every command of one xm process shares: the verbosity chosen by leading `-v` flags and
/// the single libxl context, opened on first use.
enum Session {
    nonisolated(unsafe) static var verbosity = 0
    nonisolated(unsafe) private static var context: LibxlContext?

    /// `xm -v ...` shows libxl's informational log, `-vv` its debug log, `-vvv` everything.
    static func bootstrapLogging() {
        let level: Logger.Level =
            switch verbosity {
            case 0: .critical
            case 1: .info
            case 2: .debug
            default: .trace
            }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    static func hypervisor() throws -> LibxlContext {
        if let context { return context }
        let opened = try LibxlContext(logger: Logger(label: "xen.libxl"))
        opened.kernelCache = KernelCacheSetting.cache
        context = opened
        return opened
    }

    /// Takes xm's global flags off the front of the command line (`xm -v list`).
    static func takeGlobalFlags(_ arguments: [String]) -> [String] {
        var rest = arguments[...]
        // A plain character test: this runs at every start, where a regex engine would cost.
        while let first = rest.first,
            first == "--verbose"
                || (first.count > 1 && first.hasPrefix("-") && first.dropFirst().allSatisfy { $0 == "v" })
        {
            verbosity += first.hasPrefix("--") ? 1 : first.count - 1
            rest = rest.dropFirst()
        }
        return Array(rest)
    }
}
