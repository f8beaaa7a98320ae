import Testing

/// `xm console`'s command line; attaching itself is proven against real Xen (scenarios 5x).
@Suite struct ConsoleCommandLine {
    @Test func helpNamesTheEscapeAndOptions() throws {
        let r = try XMRun("console", "--help")
        #expect(r.status == 0)
        #expect(r.stdout.contains("Ctrl-]"))
        for option in ["--num", "--type", "--quiet"] { #expect(r.stdout.contains(option)) }
    }

    @Test func badTypeAndMissingDomainAreUsageErrors() throws {
        let badType = try XMRun("console", "-t", "vga", "vm1")
        #expect(badType.status == 1)
        #expect(badType.stderr.hasPrefix("Error: "))
        #expect(badType.stderr.contains("vga"))
        let noDomain = try XMRun("console")
        #expect(noDomain.status == 1)
        #expect(noDomain.stderr.hasPrefix("Error: "))
    }

    @Test(.enabled(if: !hasXen)) func withoutXenOneLine() throws {
        let r = try XMRun("console", "vm1")
        #expect(r.status == 1)
        #expect(r.stderr.contains("not running Xen"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }
}
