import Foundation
import Testing

/// Runs the built `xm` binary as a user would and checks what it prints and how it exits.
/// These run on a machine without Xen; what touches domains is proven by Tests/Integration.
struct XMRun {
    let status: Int32
    let stdout: String
    let stderr: String

    static let binary: URL = {
        let dir = Bundle.main.bundleURL
        for candidate in [
            dir.appendingPathComponent("xm"), dir.deletingLastPathComponent().appendingPathComponent("xm"),
        ]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        return dir.appendingPathComponent("xm")
    }()

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path

    init(_ arguments: String...) throws { try self.init(arguments: arguments) }

    init(arguments: [String]) throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        stdout = String(decoding: outData, as: UTF8.self)
        stderr = String(decoding: errData, as: UTF8.self)
    }
}

let hasXen = FileManager.default.fileExists(atPath: "/proc/xen/privcmd")

@Suite struct DryRun {
    @Test func printsLibxlJSONAndExitsZero() throws {
        let r = try XMRun("create", "--dryrun", XMRun.fixtures + "/valid/xmexample2.cfg", "vmid=5")
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let cInfo = json?["c_info"] as? [String: Any]
        #expect(cInfo?["name"] as? String == "VM5")
        let disks = json?["disks"] as? [[String: Any]]
        #expect(disks?.first?["pdev_path"] as? String == "sda12")
    }

    @Test func shortFlagAndSXP() throws {
        let r = try XMRun("create", "-n", "--sxp", XMRun.fixtures + "/valid/xmexample2.cfg", "vmid=1")
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("(vm\n"))
        #expect(r.stdout.contains("(name VM1)"))
        #expect(r.stdout.contains("(uname phy:sda8)"))
    }

    @Test func searchesThePath() throws {
        let r = try XMRun("create", "-n", "--path", "/nonexistent:" + XMRun.fixtures + "/valid", "xmexample1.cfg")
        #expect(r.status == 0, "\(r.stderr)")
        let missing = try XMRun("create", "-n", "--path", "/nonexistent", "xmexample1.cfg")
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("Error: Cannot open config file \"xmexample1.cfg\""))
    }

    @Test func invalidFilePrintsCompilerStyleDiagnostics() throws {
        let path = XMRun.fixtures + "/invalid/bad-mac.cfg"
        let r = try XMRun("create", "-n", path)
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("\(path):8:8: error: "))
        #expect(r.stderr.contains("\n           'bridge=xenbr1,mac=00:16:3e:zz:01:02']\n"))
        #expect(r.stderr.contains("^~~"))
        #expect(r.stderr.contains("Error: \(path): 1 error in the domain configuration"))
    }

    @Test func warningsGoToStderrAndQuietDropsThem() throws {
        let path = XMRun.fixtures + "/valid/typo-keys-warnings.cfg"
        let r = try XMRun("create", "-n", path)
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning: unknown key 'vcups' (did you mean 'vcpus'?)"))
        #expect(r.stdout.hasPrefix("{"))
        let quiet = try XMRun("create", "-n", "-q", path)
        #expect(quiet.stderr.isEmpty)
    }

    @Test func missingFileArgument() throws {
        let r = try XMRun("create")
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("Error: "))
    }
}

@Suite struct Check {
    @Test func validatesManyFilesAndSummarises() throws {
        let r = try XMRun(
            "check", XMRun.fixtures + "/valid/xmexample1.cfg", XMRun.fixtures + "/invalid/bad-uuid.cfg",
            XMRun.fixtures + "/invalid/bad-vdev.cfg")
        #expect(r.status == 1)
        #expect(r.stderr.contains("3 files checked: 1 valid, 2 invalid"))
        #expect(r.stderr.contains("bad-uuid.cfg:4:8: error: "))
        let ok = try XMRun("check", XMRun.fixtures + "/valid/xmexample1.cfg")
        #expect(ok.status == 0)
    }

    @Test func warningsAsErrors() throws {
        let r = try XMRun("check", "-W", XMRun.fixtures + "/valid/typo-keys-warnings.cfg")
        #expect(r.status == 1)
    }
}

@Suite struct Errors {
    @Test(.enabled(if: !hasXen), arguments: [["list"], ["list", "6666"], ["shutdown", "vm1"], ["info"], ["dmesg"]])
    func hypervisorCommandsSayThereIsNoXen(_ args: [String]) throws {
        let r = try XMRun(arguments: args)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("Error: "))
        #expect(r.stderr.contains("not running Xen"))
        #expect(r.stderr.split(separator: "\n").count == 1, "one line: \(r.stderr)")
    }

    @Test func unknownCommandAndOption() throws {
        let r = try XMRun("frobnicate")
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("Error: "))
        let o = try XMRun("create", "--no-such-option", "x.cfg")
        #expect(o.status == 1)
        #expect(o.stderr.hasPrefix("Error: "))
    }

    @Test func helpExitsZero() throws {
        let r = try XMRun("--help")
        #expect(r.status == 0)
        #expect(r.stdout.contains("create"))
        #expect(r.stdout.contains("check"))
    }
}

/// Arguments of the listing and resource commands are checked before xm looks for Xen, so a
/// mistake is reported the same way on any machine.
@Suite struct ListingArguments {
    @Test(arguments: [
        ["list", "-x"], ["list", "--state=sleeping"], ["list", "--state=paused", "vm1"], ["list", "-l", "--json"],
        ["mem-set", "vm1", "12x"], ["mem-max", "vm1", ""], ["mem-set", "vm1"],
        ["vcpu-pin", "vm1", "x", "0"], ["vcpu-pin", "vm1", "0", "0-"], ["vcpu-set", "vm1", "two"],
        ["sched-credit", "-w", "512"], ["sched-credit", "-d", "vm1", "-w", "0"],
        ["sched-credit2", "-d", "vm1", "-c", "5"],
        ["top", "-i", "0"], ["domid"], ["uptime", "-x"],
        ["cpupool-create"], ["cpupool-cpu-add", "p"], ["cpupool-cpu-add", "p", "x"], ["cpupool-migrate", "vm1"],
        ["cpupool-list", "-l"],
    ])
    func badArgumentsAreErrorsWithExit1(_ args: [String]) throws {
        let r = try XMRun(arguments: args)
        #expect(r.status == 1, "\(args): \(r.stderr)")
        #expect(r.stderr.hasPrefix("Error: "), "\(args): \(r.stderr)")
        #expect(!r.stderr.contains("not running Xen"), "\(args) should fail on its arguments: \(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test(
        .enabled(if: !hasXen),
        arguments: [
            ["list", "-l"], ["list", "--json"], ["domstate", "vm1"], ["uptime"], ["vcpu-list"],
            ["mem-set", "vm1", "256m"],
            ["vcpu-pin", "vm1", "all", "0-1"], ["sched-credit"], ["top", "-b"], ["domname", "0"],
            ["cpupool-list"], ["cpupool-list", "-c", "Pool-0"], ["cpupool-destroy", "p"],
            ["cpupool-cpu-remove", "Pool-0", "1"],
            ["cpupool-migrate", "vm1", "Pool-0"],
        ])
    func wellFormedCommandsNeedXen(_ args: [String]) throws {
        let r = try XMRun(arguments: args)
        #expect(r.status == 1)
        #expect(r.stderr.contains("not running Xen"), "\(args): \(r.stderr)")
    }

    @Test func everyCommandHasHelp() throws {
        for command in [
            "list", "domid", "domname", "domstate", "uptime", "info", "dmesg", "log", "top", "vcpu-list",
            "vcpu-set", "vcpu-pin", "mem-set", "mem-max", "sched-credit", "sched-credit2",
            "cpupool-create", "cpupool-list", "cpupool-destroy", "cpupool-cpu-add", "cpupool-cpu-remove",
            "cpupool-migrate",
        ] {
            let r = try XMRun(command, "--help")
            #expect(r.status == 0, "\(command)")
            #expect(r.stdout.contains("USAGE: xm \(command)"), "\(command): \(r.stdout)")
        }
    }
}

/// `xm cpupool-create` reads its file before it needs Xen: --dryrun shows the pool anywhere, and a
/// bad file is reported at its line and column.
@Suite struct CPUPoolCreateWithoutXen {
    private func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "xm-pool-\(UUID().uuidString).cfg"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func dryRunPrintsThePool() throws {
        let path = try write("name = 'batch-' + site\nsched = 'credit'\ncpus = '2,3'\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try XMRun(arguments: ["cpupool-create", "-n", path, "site=lab"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "Pool batch-lab: scheduler credit, CPUs 2,3\n")
    }

    @Test func badFileIsAnErrorAtItsPlace() throws {
        let path = try write("name = 'p'\ncpus = '1-x'\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try XMRun(arguments: ["cpupool-create", path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(path):2:8: error: cpus:"), "\(r.stderr)")
        #expect(r.stderr.contains("Error: "))
        #expect(!r.stderr.contains("not running Xen"))
    }
}
