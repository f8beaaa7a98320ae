import ArgumentParser
import Foundation
import Testing
import xm

/// Sources/xm/README.md maps every command to its type, its file and what it calls in XenCore.
/// This keeps the table whole: every subcommand of `XM` (and of any nested group) has a row, by
/// its command name, and the row names the command's type and a file that declares it.
@Suite struct CommandTable {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/xm")

    /// The table's rows by command name (the first word of the first cell, without backticks).
    static func rows() throws -> [String: [String]] {
        let readme = try String(contentsOf: sources.appendingPathComponent("README.md"), encoding: .utf8)
        var rows: [String: [String]] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = cells.first?.split(separator: " ").first else { continue }
            rows[name.trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = cells
        }
        return rows
    }

    /// Every subcommand under `command`, nested groups included, with its command name.
    static func subcommands(of command: ParsableCommand.Type) -> [(name: String, type: ParsableCommand.Type)] {
        command.configuration.subcommands.flatMap { sub in
            [(sub.configuration.commandName ?? "", sub)] + subcommands(of: sub)
        }
    }

    @Test func everySubcommandHasARow() throws {
        let rows = try Self.rows()
        let commands = Self.subcommands(of: XM.self)
        #expect(commands.count >= 39)
        for (name, type) in commands {
            #expect(!name.isEmpty, "\(type) has no commandName")
            guard let row = rows[name] else {
                Issue.record("Sources/xm/README.md has no row for `\(name)` (\(type))")
                continue
            }
            #expect(row.count == 4, "\(name): \(row)")
            guard row.count == 4 else { continue }
            let typeName = String(describing: type)
            #expect(row[1] == "`\(typeName)`", "\(name): the row names \(row[1]), the command is \(typeName)")
            let file = row[2].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let text = try? String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            #expect(text?.contains("struct \(typeName):") == true, "\(name): \(file) does not declare \(typeName)")
            #expect(!row[3].isEmpty, "\(name): no XenCore entry point")
        }
    }

    @Test func theTableNamesNoCommandXMLacks() throws {
        let names = Set(Self.subcommands(of: XM.self).map(\.name))
        for name in try Self.rows().keys { #expect(names.contains(name), "README row `\(name)` is not a command") }
    }
}
