import CXen
import Glibc
import Logging

/// Carries libxl's log (xentoollog) into swift-log, and remembers libxl's recent errors so a
/// failed call can be reported with libxl's own reason rather than a bare error code.
package final class LibxlLog: @unchecked Sendable {
    let logger: Logger
    /// The first error-level line since the last take and the last few after it, newest last; read
    /// after a call fails. The first is kept because a failure deep in libxl is followed by the
    /// errors of its cleanup, which bury the cause.
    private(set) var recentErrors: [String] = []

    /// Called with libxc's progress while a domain is saved, migrated or restored; set for the
    /// length of that operation by whoever shows it.
    package var onProgress: ((SaveProgress) -> Void)?

    package init(logger: Logger) { self.logger = logger }

    package func takeRecentErrors() -> [String] {
        defer { recentErrors.removeAll() }
        return recentErrors
    }

    fileprivate func receive(level: Int32, errnoval: Int32, context: String?, message: String) {
        let swiftLevel: Logger.Level
        switch xentoollog_level(UInt32(level)) {
        case XTL_DEBUG: swiftLevel = .trace
        case XTL_VERBOSE, XTL_DETAIL: swiftLevel = .debug
        case XTL_PROGRESS, XTL_INFO: swiftLevel = .info
        case XTL_NOTICE: swiftLevel = .notice
        case XTL_WARN: swiftLevel = .warning
        case XTL_ERROR: swiftLevel = .error
        default: swiftLevel = .critical
        }
        var text = message
        if errnoval > 0, swiftLevel >= .error { text += " (\(String(cString: strerror(errnoval))))" }
        if swiftLevel >= .error {
            recentErrors.append(text)
            if recentErrors.count > 8 { recentErrors.remove(at: 1) }
        }
        logger.log(level: swiftLevel, "\(text)", metadata: context.map { ["context": "\($0)"] })
    }

    /// The least severe xentoollog level anybody will see: what the Logger shows, and always errors,
    /// which `recentErrors` keeps for failed calls.
    package var minimumLevel: xentoollog_level {
        switch logger.logLevel {
        case .trace: XTL_DEBUG
        case .debug: XTL_VERBOSE
        case .info: XTL_PROGRESS
        case .notice: XTL_NOTICE
        case .warning: XTL_WARN
        case .error, .critical: XTL_ERROR
        }
    }

    /// A xentoollog_logger whose lines arrive in `receive`. The logger keeps `self` alive through
    /// an unretained pointer: the owner (LibxlContext) outlives it and destroys it first.
    package func makeCLogger() -> UnsafeMutablePointer<xentoollog_logger>? {
        let user = Unmanaged.passUnretained(self).toOpaque()
        return cxen_bridge_logger_new(
            { user, level, errnoval, context, message in
                guard let user, let message else { return }
                let log = Unmanaged<LibxlLog>.fromOpaque(user).takeUnretainedValue()
                log.receive(
                    level: level, errnoval: errnoval, context: context.map { String(cString: $0) },
                    message: String(cString: message))
            },
            { user, _, doingWhat, percent, done, total in
                guard let user, let doingWhat else { return }
                let log = Unmanaged<LibxlLog>.fromOpaque(user).takeUnretainedValue()
                log.onProgress?(
                    SaveProgress(
                        phase: String(cString: doingWhat), percent: Int(percent), done: UInt64(done),
                        total: UInt64(total)))
            },
            user, minimumLevel)
    }
}
