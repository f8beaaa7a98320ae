import ArgumentParser
import Glibc
import XenCore

/// `xm save` and `xm restore` (xl's xl_saverestore.c): a domain to a file in xl's save format and
/// back, so that xl restores xm's files and xm restores xl's.
struct SaveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "save",
        abstract: "Save a domain's state to a file.",
        discussion: """
            The file is xl's save format (the domain's configuration and libxl's stream): xl restore
            reads it too. It is written under a temporary name and renamed when complete, so a failed
            save leaves no partial file, and the domain runs on. The file holds the guest's memory and
            is readable by root only.
            """
    )
    @Flag(name: [.customShort("c"), .long], help: "Leave the domain running after saving it (a checkpoint).")
    var checkpoint = false
    @Flag(name: [.customShort("p"), .customLong("paused")], help: "Leave the domain paused after saving it.")
    var leavePaused = false
    @OptionGroup var target: DomainArgument
    @Argument(help: "The file to write.") var file: String

    func run() throws {
        let (xen, domain) = try target.resolve()
        let display = ProgressDisplay(task: "Saving \(domain.name)")
        defer { display.finish() }
        _ = try xen.saveDomain(
            domain.id, to: file, checkpoint: checkpoint, leavePaused: leavePaused, progress: display.show)
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a domain from a saved state.",
        discussion: "Reads files written by xm save or xl save."
    )
    @Flag(name: [.customShort("p"), .long], help: "Leave the restored domain paused.")
    var paused = false
    @Argument(help: "The save file.") var file: String

    func run() throws {
        let fd = try SaveFileInput.open(file)
        defer { close(fd) }
        let xen = try Session.hypervisor()
        let header = try xen.readSaveHeader(from: ByteChannel(readFD: fd, writeFD: -1))
        let display = ProgressDisplay(task: "Restoring \(file)")
        let domain: CreatedDomain
        do {
            defer { display.finish() }
            domain = try xen.restoreDomain(from: fd, header: header, progress: display.show)
        }
        if !paused {
            do {
                try xen.unpause(domain.id)
            } catch {
                try? xen.destroy(domain.id)
                throw error
            }
        }
        try launchMonitor(for: domain)
        print("Restored domain \(domain.name) (id=\(domain.id))")
    }
}

/// Opening a save file for restore: only a file or a stream, with the reason in words otherwise.
enum SaveFileInput {
    static func open(_ path: String) throws -> Int32 {
        if Files.kind(of: path) == .directory { throw XenError.saveFileUnreadable(path: path, errno: EISDIR) }
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw XenError.saveFileUnreadable(path: path, errno: errno) }
        return fd
    }
}
