import ArgumentParser
import Foundation
import XenCore

enum XMMain {
    static func main() {
        do {
            let arguments = Session.takeGlobalFlags(Array(CommandLine.arguments.dropFirst()))
            Session.bootstrapLogging()
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

func printError(_ text: String) {
    var line = text
    if !line.hasSuffix("\n") { line += "\n" }
    FileHandle.standardError.write(Data(line.utf8))
}
