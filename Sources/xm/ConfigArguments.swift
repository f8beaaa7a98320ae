import ArgumentParser
import XenCore

/// The config file and `name=value` words as xm took them: `xm create FILE [name=value ...]`.
/// xm accepted the words in any order; the first that is not an assignment is the file.
struct ConfigArguments: ParsableArguments {
    @Option(name: [.customShort("f"), .customLong("defconfig")], help: "The domain configuration file (xm's -f).")
    var defconfig: String?

    @Option(name: .long, help: "Colon-separated directories searched for a config file given by bare name.")
    var path: String = ConfigWords.defaultPath

    @Argument(
        help: ArgumentHelp(
            "The config file, then variables as name=value, visible to the file as names.",
            valueName: "file|name=value"))
    var words: [String] = []

    var plain: ConfigWords { ConfigWords(defconfig: defconfig, path: path, words: words) }
}

/// What ConfigArguments holds, as a plain value (FastPath builds one without the parser).
package struct ConfigWords: Equatable {
    static let defaultPath = ConfigLoader.defaultSearchPath.joined(separator: ":")

    var defconfig: String?
    var path: String
    var words: [String]

    package init(defconfig: String? = nil, path: String = defaultPath, words: [String] = []) {
        self.defconfig = defconfig
        self.path = path
        self.words = words
    }

    var searchPath: [String] { path.split(separator: ":", omittingEmptySubsequences: false).map(String.init) }

    /// Splits the words into files and variables. A variable name must be an identifier.
    func split() throws -> (files: [String], variables: [(name: String, value: String)]) {
        var files: [String] = defconfig.map { [$0] } ?? []
        var variables: [(name: String, value: String)] = []
        for word in words {
            if let eq = word.firstIndex(of: "="), isIdentifier(word[..<eq]) {
                variables.append((String(word[..<eq]), String(word[word.index(after: eq)...])))
            } else {
                files.append(word)
            }
        }
        return (files, variables)
    }

    /// The one file and the variables, for commands that read a single config (`xm create`,
    /// `xm cpupool-create`); `command` names the command in the errors.
    package func singleFile(for command: String) throws -> (file: String, variables: [(name: String, value: String)]) {
        let (files, variables) = try split()
        guard let file = files.first else {
            throw XMError.noConfigFile(command: command, usage: "FILE [name=value ...]")
        }
        if files.count > 1 {
            throw XMError.unexpectedArgument(files[1])
        }
        return (file, variables)
    }

    private func isIdentifier(_ s: Substring) -> Bool {
        guard let first = s.first, first.isLetter || first == "_" else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
