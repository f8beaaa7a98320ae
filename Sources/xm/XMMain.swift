import ArgumentParser
import ConfigParser
import Glibc
import XenCore

/// What `main.swift` runs: global flags, then FastPath or the parser, and every error printed
/// the way xm printed it.
enum XMMain {
    static func main() {
        do {
            let arguments = Session.takeGlobalFlags(Array(CommandLine.arguments.dropFirst()))
            Session.bootstrapLogging()
            if let plain = FastPath.parse(arguments) {
                try FastPath.run(plain)
                return
            }
            var command = try XM.parseAsRoot(arguments)
            try command.run()
        } catch {
            exit(report(error))
        }
    }

    /// Prints an error the way xm did and returns the exit status.
    static func report(_ error: Error) -> Int32 {
        switch error {
        case let e as XenError:
            printError("Error: \(e)")
            return 1
        case let e as XMError:
            printError("Error: \(e)")
            return 1
        case let e as DeviceError:
            printError("Error: \(e)")
            return 1
        case let e as ExitCode:
            return e.rawValue
        default:
            let code = XM.exitCode(for: error)
            if code == .success {
                // --help and --version
                print(XM.fullMessage(for: error))
                return 0
            }
            let message = XM.message(for: error)
            printError("Error: \(message)")
            printError("Try 'xm help' or 'xm <command> --help' for usage.")
            return 1
        }
    }
}

/// Writes `text` as one line on stderr, where xm's errors, warnings and diagnostics go, after
/// whatever print() has left in stdout's buffer (so the two streams keep their order on a terminal).
/// Any character a terminal would act on is shown escaped: messages quote config files, domain
/// names and paths, none of which may drive the admin's terminal.
func printError(_ text: String) {
    var line = DisplayText.escaped(text, keepingLineBreaks: true)
    if !line.hasSuffix("\n") { line += "\n" }
    var bytes = Array(line.utf8)[...]
    fflush(nil)  // what print() left in stdout's buffer comes first
    while !bytes.isEmpty {  // stderr is unbuffered: one write, unless a signal cuts it short
        let n = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        if n < 0 && errno != EINTR { return }
        if n > 0 { bytes = bytes.dropFirst(n) }
    }
}

/// Prints diagnostics in compiler style on stderr, most useful first within each file.
func printDiagnostics(_ loaded: LoadedConfig, showWarnings: Bool = true) {
    printDiagnostics(loaded.diagnostics, in: loaded.source, showWarnings: showWarnings)
}

func printDiagnostics(_ diagnostics: Diagnostics, in source: SourceFile, showWarnings: Bool = true) {
    for d in diagnostics.sorted where showWarnings || d.severity == .error {
        printError(d.rendered(in: source))
    }
    if let note = diagnostics.omissionNote(in: source, countingWarnings: showWarnings) { printError(note) }
}
