import Foundation

/// Reading Fixtures/: the `.cfg` files of a folder and the `# vars: a=1 b=x` header that gives the
/// command-line variables a fixture is checked with. Shared by the tests and the benchmark so
/// the convention has one reading.
public enum FixtureCorpus {
    /// Every `.cfg` file of `directory`, sorted by name, with its text.
    public static func files(in directory: String) -> [(path: String, text: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".cfg") }.sorted().map { name in
            let path = directory + "/" + name
            return (path, String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self))
        }
    }

    /// The variables of every `# vars:` line, in order.
    public static func variables(in text: String) -> [(name: String, value: String)] {
        var variables: [(name: String, value: String)] = []
        for line in text.split(separator: "\n") where line.hasPrefix("# vars:") {
            for word in line.dropFirst("# vars:".count).split(whereSeparator: { $0 == " " || $0 == "\r" }) {
                let parts = word.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { variables.append((String(parts[0]), String(parts[1]))) }
            }
        }
        return variables
    }
}
