import ArgumentParser
import ConfigParser
import XenCore

/// `xm check`: validate many config files at once, on any machine. Not in the old xm; the
/// administrator's way to vet a repository of vm.cfg files before a migration or an upgrade.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate domain configuration files (no hypervisor needed).",
        aliases: ["validate"]
    )

    @OptionGroup var config: ConfigArguments

    @Flag(name: [.customShort("q"), .long], help: "Print errors only, no warnings and no summary.")
    var quiet = false

    @Flag(name: [.customShort("W"), .customLong("warnings-as-errors")], help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
        let words = config.plain
        let (files, variables) = try words.split()
        let searchPath = words.searchPath
        guard !files.isEmpty else {
            throw XMError.noConfigFile(command: "check", usage: "FILE... [name=value ...]")
        }
        var invalid = 0
        for name in files {
            do {
                let loaded = try ConfigLoader.load(name, searchPath: searchPath, variables: variables)
                printDiagnostics(loaded, showWarnings: !quiet)
                if !loaded.isValid || (strict && !loaded.diagnostics.warnings.isEmpty) { invalid += 1 }
            } catch {
                printError("\(name): error: \(error)")
                invalid += 1
            }
        }
        if !quiet {
            let n = files.count
            printError("\(n) file\(n == 1 ? "" : "s") checked: \(n - invalid) valid, \(invalid) invalid")
        }
        if invalid > 0 { throw ExitCode(1) }
    }
}
