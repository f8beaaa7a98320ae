import CXen
import Logging
import Testing
import XenCore

/// The bridge from libxl's xentoollog to swift-log, driven through xentoollog's own entry point as
/// libxl calls it (no hypervisor needed).
@Suite("libxl log bridge")
struct LibxlLogTests {
    private func send(_ logger: UnsafeMutablePointer<xentoollog_logger>, _ level: xentoollog_level, _ text: String) {
        withVaList([]) { xtl_logv(logger, level, -1, "test", text, $0) }
    }

    @Test func linesBelowTheLevelShownAreDroppedButErrorsAreAlwaysKept() throws {
        var quiet = Logger(label: "test.quiet")
        quiet.logLevel = .error
        let log = LibxlLog(logger: quiet)
        #expect(log.minimumLevel == XTL_ERROR)
        let c = try #require(log.makeCLogger())
        defer { xtl_logger_destroy(c) }
        send(c, XTL_DEBUG, "debug line")
        send(c, XTL_WARN, "warning line")
        send(c, XTL_ERROR, "libxl said no")
        #expect(log.takeRecentErrors() == ["libxl said no"])
    }

    @Test func theCBridgeDropsLinesBelowItsLevelBeforeFormattingThem() throws {
        final class Lines { var levels: [Int32] = [] }
        let lines = Lines()
        let user = Unmanaged.passUnretained(lines).toOpaque()
        let bridge = cxen_bridge_logger_new(
            { user, level, _, _, _ in Unmanaged<Lines>.fromOpaque(user!).takeUnretainedValue().levels.append(level) },
            nil, user, XTL_WARN)
        let c = try #require(bridge)
        defer { xtl_logger_destroy(c) }
        for level in [XTL_DEBUG, XTL_VERBOSE, XTL_INFO, XTL_WARN, XTL_ERROR] { send(c, level, "line") }
        #expect(lines.levels == [Int32(XTL_WARN.rawValue), Int32(XTL_ERROR.rawValue)])
    }

    @Test func libxcProgressReachesTheHandlerWhateverTheLogLevel() throws {
        let log = LibxlLog(logger: Logger(label: "test.quiet"))  // .info by default; errors only below
        let c = try #require(log.makeCLogger())
        defer { xtl_logger_destroy(c) }
        final class Seen { var reports: [SaveProgress] = [] }
        let seen = Seen()
        log.onProgress = { seen.reports.append($0) }
        xtl_progress(c, "xc", "Frames iteration 1", 512, 1024)
        xtl_progress(c, "xc", "Domain now suspended", 0, 0)
        log.onProgress = nil
        xtl_progress(c, "xc", "End of stream", 0, 0)
        #expect(seen.reports.map(\.phase) == ["Frames iteration 1", "Domain now suspended"])
        #expect(seen.reports[0].percent == 50 && seen.reports[0].done == 512 && seen.reports[0].total == 1024)
        #expect(seen.reports[1].isSuspension && !seen.reports[0].isSuspension)
    }

    @Test func verboseLoggersLowerTheThreshold() {
        var loud = Logger(label: "test.loud")
        loud.logLevel = .trace
        #expect(LibxlLog(logger: loud).minimumLevel == XTL_DEBUG)
        loud.logLevel = .info
        #expect(LibxlLog(logger: loud).minimumLevel == XTL_PROGRESS)
        loud.logLevel = .warning
        #expect(LibxlLog(logger: loud).minimumLevel == XTL_WARN)
    }
}
