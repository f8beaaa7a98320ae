import Testing

/// Shell completion scripts come from swift-argument-parser through xm's own main (which takes
/// leading -v flags off first): they must still be generated, and offer every command `xm --help`
/// lists.
@Suite struct Completion {
    /// The command names of `xm --help`'s SUBCOMMANDS section (first word of each entry).
    static func subcommands() throws -> [String] {
        let help = try XMRun("--help").stdout
        guard let section = help.range(of: "SUBCOMMANDS:") else { return [] }
        let entries = help[section.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .dropFirst().prefix { !$0.isEmpty }
        return entries.compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            let name = line.dropFirst(2).prefix { $0 != " " && $0 != "," }
            return name.isEmpty ? nil : String(name)
        }
    }

    @Test func helpListsTheCommandsTheTestRelieOn() throws {
        let names = try Self.subcommands()
        for expected in ["create", "check", "console", "list"] { #expect(names.contains(expected), "\(names)") }
    }

    @Test func bashScriptOffersEveryCommand() throws {
        let r = try XMRun("--generate-completion-script", "bash")
        #expect(r.status == 0, "\(r.stderr)")
        // The list bash completes the first word from: compgen -W 'create check ...'
        let offered = r.stdout.split(separator: "\n").first { $0.contains("compgen -W 'create") }
        let words = Set((offered ?? "").split(whereSeparator: { $0 == " " || $0 == "'" }).map(String.init))
        for name in try Self.subcommands() { #expect(words.contains(name), "bash completion lacks \(name)") }
        #expect(r.stdout.contains("-F _xm xm"))
    }

    @Test(arguments: ["zsh", "fish"]) func otherShellsMentionEveryCommand(_ shell: String) throws {
        let r = try XMRun("--generate-completion-script", shell)
        #expect(r.status == 0, "\(r.stderr)")
        for name in try Self.subcommands() {
            #expect(r.stdout.contains("'\(name)"), "\(shell) completion lacks \(name)")
        }
    }

    @Test func verboseFlagInFrontDoesNotGetInTheWay() throws {
        let plain = try XMRun("--generate-completion-script", "bash")
        let verbose = try XMRun("-v", "--generate-completion-script", "bash")
        #expect(verbose.status == 0)
        #expect(verbose.stdout == plain.stdout)
    }

    @Test func unknownShellIsAnError() throws {
        let r = try XMRun("--generate-completion-script", "tcsh")
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("Error: "))
    }
}
