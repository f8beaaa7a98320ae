import ConfigParser
import Foundation
import Testing
import XenCore

/// Where a config file comes from: regular files, pipes (process substitution, /dev/stdin) and the
/// things that are no config file at all (directories, devices, a FIFO nobody writes to).
@Suite(.serialized) struct ConfigInput {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "xm-input-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    private func refusal(_ path: String) -> Files.InputRefusal? {
        do {
            _ = try Files.readInput(path)
            return nil
        } catch {
            return error
        }
    }

    @Test func aRegularFileIsRead() throws {
        let path = directory + "/vm.cfg"
        try "name = 'vm1'\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try Files.readInput(path) == Array("name = 'vm1'\n".utf8))
    }

    @Test func directoriesAndDevicesAreRefusedUnopened() {
        #expect(refusal(directory) == .directory)
        #expect(refusal("/dev/null") == .device)
        #expect(refusal(directory + "/absent")?.description == "No such file or directory")
    }

    /// A FIFO no process writes to: refused once the wait is over, not read forever.
    @Test func aFIFOWithoutAWriterIsRefusedAfterTheWait() throws {
        let path = directory + "/fifo"
        #expect(mkfifo(path, 0o600) == 0)
        #expect(refusal(path) == .noWriter(seconds: 2))
        let message = try #require(loadError(path))
        #expect(message.contains("it is a FIFO and no process wrote to it within 2 s"), "\(message)")
    }

    /// A pipe whose writer takes longer than the wait to say anything (`xm check <(slow)`) is read
    /// whole: the writer exists, so xm waits for it.
    @Test func aSlowWriterIsWaitedFor() throws {
        let path = directory + "/slow"
        #expect(mkfifo(path, 0o600) == 0)
        let writer = Thread {
            let fd = open(path, O_WRONLY)
            sleep(3)
            _ = "kernel = '/k'\n".withCString { write(fd, $0, 14) }
            close(fd)
        }
        writer.start()
        #expect(try Files.readInput(path, writerWait: 1) == Array("kernel = '/k'\n".utf8))
    }

    /// /dev/stdin and process substitution hand xm an anonymous pipe: read as any pipe.
    @Test func anAnonymousPipeIsRead() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let text = String(repeating: "memory = 512\n", count: 20_000)  // more than a pipe holds
        let input = ends[1]
        let writer = Thread {
            _ = text.withCString { write(input, $0, text.utf8.count) }
            close(input)
        }
        writer.start()
        defer { close(ends[0]) }
        #expect(try Files.readInput("/proc/self/fd/\(ends[0])") == Array(text.utf8))
    }

    /// `xm check` runs the checks `xm create` makes while building libxl's configuration, and
    /// places their findings in the file.
    @Test func checkRefusesWhatCreateRefuses() {
        let cases: [(String, String, String)] = [
            ("vcpus = 100000", "invalid value '100000' for 'vcpus': must be between 1 and 4096", "3:9"),
            ("maxvcpus = 5000", "invalid value '5000' for 'maxvcpus': must be between 1 and 4096", "3:12"),
            ("memory = 18014398509481984", "invalid value '18014398509481984' for 'memory': too large", "3:10"),
            ("maxmem = 18014398509481984", "invalid value '18014398509481984' for 'maxmem': too large", "3:10"),
        ]
        for (line, message, at) in cases {
            let loaded = ConfigLoader.load(text: "name = 'vm1'\nkernel = '/k'\n\(line)\n", path: "t.cfg")
            let error = loaded.diagnostics.errors.first
            #expect(error?.message == message, "\(line): \(loaded.diagnostics.items)")
            #expect(error.map { "\($0.range.start)" } == at, "\(line)")
            #expect(throws: (any Error).self) { try LibxlJSON.render(loaded.config) }
        }
    }

    /// `xm create vm.cfg name=NAME` (Pacemaker's Xen agent with name=): the command line names
    /// the domain; a word that is no key stays a variable the file may read and overrule.
    @Test func commandLineKeysOverrideTheFile() throws {
        let text = "name = 'vm%d' % slot\nkernel = '/k'\nmemory = 256\nslot = 9\n"
        let loaded = ConfigLoader.load(
            text: text, path: "t.cfg", variables: [("slot", "2"), ("name", "ha-vm"), ("memory", "512")])
        #expect(loaded.isValid, "\(loaded.diagnostics.items)")
        #expect(loaded.config.name == "ha-vm")
        #expect(loaded.config.memory == 512)
        #expect(loaded.file.value("slot")?.kind == .int(9))
    }

    @Test func vcpuAvailBecomesAvailVcpus() throws {
        let loaded = ConfigLoader.load(text: "name = 'vm1'\nkernel = '/k'\nvcpus = 4\nvcpu_avail = 5\n", path: "t.cfg")
        #expect(loaded.isValid, "\(loaded.diagnostics.items)")
        let json = try LibxlJSON.render(loaded.config)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let info = object?["b_info"] as? [String: Any]
        #expect(info?["max_vcpus"] as? Int == 4)
        #expect(info?["avail_vcpus"] as? [Int] == [0, 2])
    }

    private func loadError(_ path: String) -> String? {
        do {
            _ = try ConfigLoader.load(path)
            return nil
        } catch {
            return "\(error)"
        }
    }
}
