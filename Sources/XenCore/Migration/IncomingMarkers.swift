import Glibc

/// Marks of domains being received: one file per domain, named after its incoming name and
/// holding the receiver's pid. A receiver that dies (killed, or its relocation server killed
/// under it) leaves a paused NAME--incoming domain that nothing will ever start; the relocation
/// server sweeps the marks of dead receivers when it starts and when a receiver ends badly, and
/// destroys what they name. Domains that xl receives have no mark and are left alone.
public struct IncomingMarkers: Sendable {
    public let directory: String

    public init(directory: String = "/var/lib/xm/incoming") { self.directory = directory }

    /// Marks `incomingName` as being received by `pid` (this process).
    package func record(_ incomingName: String, pid: pid_t = getpid()) throws {
        var partial = ""
        for component in directory.split(separator: "/") {
            partial += "/\(component)"
            _ = mkdir(partial, 0o700)
        }
        let path = file(incomingName)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw XenError.markerUnwritable(path: path, errno: errno) }
        defer { close(fd) }
        let text = Array("\(pid)\n".utf8)
        guard text.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == text.count else {
            throw XenError.markerUnwritable(path: path, errno: errno)
        }
    }

    package func clear(_ incomingName: String) { unlink(file(incomingName)) }

    private func file(_ incomingName: String) -> String {
        // A domain name may hold '/'; the file name may not.
        "\(directory)/" + incomingName.split(separator: "/", omittingEmptySubsequences: false).joined(separator: "%2F")
    }

    /// The incoming names whose receivers are gone, with their marks.
    public func orphans() -> [String] {
        Files.entries(of: directory).filter { entry in
            guard let text = Files.readText("\(directory)/\(entry)"),
                let pid = pid_t(text.split(separator: "\n").first ?? "")
            else { return true }
            return !Self.isReceiver(pid)
        }
    }

    /// Whether `pid` is a live xm receiving a migration (not a process that reused the number).
    static func isReceiver(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM, let bytes = Files.read("/proc/\(pid)/cmdline") else { return false }
        let words = bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return words.contains("migrate-receive")
    }

    /// Destroys the domain each orphaned mark names and removes the mark; returns what it did, a
    /// line per mark, for the caller's log.
    public func sweep(using context: LibxlContext) -> [String] {
        orphans().map { entry in
            let name = entry.split(separator: "%2F", omittingEmptySubsequences: false).joined(separator: "/")
            defer { unlink("\(directory)/\(entry)") }
            guard let domain = (try? context.listDomains())?.first(where: { $0.name == name }) else {
                return "receiver of \(name) is gone; no such domain is left"
            }
            do {
                try context.destroy(domain.id)
                return "receiver of \(name) is gone; destroyed its half-received domain \(domain.id)"
            } catch {
                return "receiver of \(name) is gone; destroying domain \(domain.id) failed: \(error)"
            }
        }
    }
}
