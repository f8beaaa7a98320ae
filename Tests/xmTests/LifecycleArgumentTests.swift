import Testing

/// The lifecycle commands check their arguments before they touch the hypervisor, so these hold on
/// any machine: each bad command line is `Error: ...` on stderr and exit 1, as with xm.
@Suite struct LifecycleArguments {
    @Test(arguments: [
        (["shutdown"], "No domain parameter given"),
        (["reboot", "-w"], "No domain parameter given"),
        (["shutdown", "-R", "-H", "vm1"], "Can't specify halt and reboot"),
        (["shutdown", "-a", "vm1"], "either -a or a domain"),
        (["sysrq", "vm1", "ab"], "one ASCII letter"),
        (["trigger", "vm1", "bogus"], "bogus"),
        (["rename", "vm1", ""], "new domain name is empty"),
        (["destroy"], "Missing expected argument"),
        (["pause", "vm1", "vm2"], "Unexpected argument"),
    ])
    func refusedBeforeConnecting(arguments: [String], message: String) throws {
        let r = try XMRun(arguments: arguments)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("Error: "), "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func monitorIsHiddenFromHelp() throws {
        let r = try XMRun("--help")
        #expect(r.status == 0)
        #expect(r.stdout.contains("shutdown"))
        #expect(r.stdout.contains("trigger"))
        #expect(!r.stdout.contains("__monitor"))
    }

    @Test(arguments: ["shutdown", "reboot"])
    func waitAndAllAreOffered(command: String) throws {
        let r = try XMRun(command, "--help")
        #expect(r.stdout.contains("-w, --wait"))
        #expect(r.stdout.contains("-a, --all"))
    }
}
