import Foundation
import Testing
import XenCore

@Suite("the create lock")
struct CreateLockTests {
    /// flock is per open file: a second open of the lock file must not get it while the first holds it.
    @Test func excludesASecondHolderUntilReleased() throws {
        let path = NSTemporaryDirectory() + "xm-lock-test-\(getpid())/xm"
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let first = try CreateLock(path: path)
        #expect(try CreateLock.tryAcquire(path: path) == nil)
        first.release()
        let second = try CreateLock.tryAcquire(path: path)
        #expect(second != nil)
        second?.release()
    }

    @Test func unopenableLockFileIsAnError() {
        #expect(throws: XenError.self) { try CreateLock(path: "/proc/no-such-dir/xm") }
    }
}
