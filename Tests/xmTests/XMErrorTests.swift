import Testing
import xm

/// Each XMError's text is what `xm` prints after `Error: `: pinned, so a change of wording is
/// deliberate.
@Suite("XMError messages")
struct XMErrorTests {
    static let texts: [(XMError, String)] = [
        (
            .noConfigFile(command: "create", usage: "FILE [name=value ...]"),
            "No configuration file given: xm create FILE [name=value ...]"
        ),
        (.unexpectedArgument("b.cfg"), "Unexpected argument 'b.cfg': variables are written name=value"),
        (.configInvalid(path: "vm.cfg", errors: 1), "vm.cfg: 1 error in the domain configuration"),
        (.configInvalid(path: "vm.cfg", errors: 2), "vm.cfg: 2 errors in the domain configuration"),
        (.poolConfigInvalid(path: "p.cfg", errors: 1), "p.cfg: 1 error in the CPU pool configuration"),
        (.poolConfigInvalid(path: "p.cfg", errors: 3), "p.cfg: 3 errors in the CPU pool configuration"),
        (.emptyCPUList("1,^1"), "The CPU list '1,^1' leaves no CPU"),
        (
            .wrongScheduler(domain: "vm1", runs: "credit2", asked: "credit"),
            "Domain 'vm1' runs under the credit2 scheduler, not credit"
        ),
        (.hostScheduler("credit2"), "Xen is running with the credit2 scheduler"),
        (.invalidMemorySize("12x"), "Invalid memory size '12x': a number of MiB, or a number followed by k, m or g"),
        (.restartedInsteadOfShutdown(["vm1"]), "Domain 'vm1' did not shut down: its configuration restarted it"),
        (
            .restartedInsteadOfShutdown(["vm1", "vm2"]),
            "Domains 'vm1', 'vm2' did not shut down: their configurations restarted them"
        ),
        (
            .relocationConfigInvalid(path: "/etc/xen/xend-config.sxp"),
            "/etc/xen/xend-config.sxp: the relocation settings cannot be read"
        ),
    ]

    @Test(arguments: texts)
    func eachCaseSaysWhatWentWrong(error: XMError, text: String) {
        #expect(error.description == text)
    }

    @Test func missingConfigFilesNameTheCommandsUsage() throws {
        #expect(throws: XMError.noConfigFile(command: "create", usage: "FILE [name=value ...]")) {
            try ConfigWords().singleFile(for: "create")
        }
        #expect(throws: XMError.unexpectedArgument("b.cfg")) {
            try ConfigWords(words: ["a.cfg", "b.cfg"]).singleFile(for: "create")
        }
    }
}
