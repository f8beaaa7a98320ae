import Foundation
import Testing
import XenCore

// Foundation stays out of the xm binary (start-up time), so these small POSIX helpers replace it
// there; here Foundation is the independent reference they are checked against.

@Suite("POSIX files and clock")
struct FilesAndClockTests {
    @Test func readsListsAndClassifiesLikeFileManager() throws {
        let dir = NSTemporaryDirectory() + "xm-files-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let big = String(repeating: "vm.cfg line\n", count: 5000)  // more than one read() chunk
        try big.write(toFile: dir + "/big.cfg", atomically: true, encoding: .utf8)
        try Data([0x23, 0x20, 0xe9, 0x0a]).write(to: URL(fileURLWithPath: dir + "/latin1.cfg"))

        #expect(Files.readText(dir + "/big.cfg") == big)
        #expect(Files.readText(dir + "/latin1.cfg") == "# \u{fffd}\n")  // repaired, not refused
        #expect(Files.read(dir + "/missing") == nil)
        #expect(Files.read(dir + "/sub") == nil)
        #expect(Files.kind(of: dir + "/big.cfg") == .regular)
        #expect(Files.kind(of: dir + "/sub") == .directory)
        #expect(Files.kind(of: dir + "/missing") == nil)
        #expect(Set(Files.entries(of: dir)) == Set(try FileManager.default.contentsOfDirectory(atPath: dir)))
        #expect(Files.entries(of: dir + "/missing").isEmpty)
    }

    @Test func procFilesReportSizeZeroButAreReadWhole() throws {
        let ours = try #require(Files.readText("/proc/self/status"))
        #expect(ours.hasPrefix("Name:"))
        #expect(ours.contains("\nPid:"))
    }

    @Test func clockAgreesWithFoundation() {
        let before = Date().timeIntervalSince1970
        let now = WallClock.now()
        #expect(abs(now - before) < 5)
        #expect(WallClock.utcStamp(0) == "1970-01-01 00:00:00.000 +0000")
        #expect(WallClock.utcStamp(1_795_800_454.0625) == "2026-11-27 17:27:34.062 +0000")
        // Foundation's description of the same instant, but for the milliseconds
        #expect(
            WallClock.utcStamp(1_795_800_454.5).replacingOccurrences(of: ".500", with: "")
                == "\(Date(timeIntervalSince1970: 1_795_800_454))")
        #expect(WallClock.localClock(now).count == 8)
    }
}
