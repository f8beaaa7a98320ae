import Glibc
import Testing
import XenCore

@Suite struct IncomingMarkersTests {
    @Test func onlyTheMarksOfReceiversThatAreGoneAreOrphans() throws {
        let directory = "/tmp/xm-markers-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer {
            for entry in ["alive--incoming", "us--incoming", "a%2Fb--incoming"] {
                unlink("\(directory)/incoming/\(entry)")
            }
            rmdir("\(directory)/incoming")
            rmdir(directory)
        }
        let markers = IncomingMarkers(directory: "\(directory)/incoming")
        // A live process whose command line names migrate-receive, as a relocation server's receiver's does.
        var pid: pid_t = 0
        let words = ["/bin/bash", "-c", "exec -a migrate-receive sleep 30"]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer {
            for p in argv { free(p) }
        }
        try #require(posix_spawn(&pid, "/bin/bash", nil, nil, argv, environ) == 0)
        defer {
            kill(pid, SIGKILL)
            waitpid(pid, nil, 0)
        }
        usleep(200_000)  // let bash exec sleep
        try markers.record("alive--incoming", pid: pid)
        try markers.record("dead--incoming", pid: 999_999)
        try markers.record("us--incoming")  // this test process is no receiver
        try markers.record("a/b--incoming", pid: 999_999)
        #expect(Set(markers.orphans()) == ["dead--incoming", "us--incoming", "a%2Fb--incoming"])
        markers.clear("dead--incoming")
        #expect(!markers.orphans().contains("dead--incoming"))
    }
}
