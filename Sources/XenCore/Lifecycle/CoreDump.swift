import CXen
import Glibc

/// What becomes of a domain after `xm dump-core`.
public enum AfterCoreDump: Sendable {
    /// It runs on (unpaused, if the dump paused it).
    case resume
    /// It is destroyed (`-C`): the core is what is left of it.
    case crash
    /// It is destroyed and created again from its stored configuration (`-R`).
    case reset
}

extension LibxlContext {
    /// xm's name for a core file: `/var/xen/dump/NAME/2011-0315-1402.07-NAME.5.core` (local time).
    public static func defaultCoreFile(for domain: DomainInfo, at seconds: Double = WallClock.now()) -> String {
        let name = domain.name.split(separator: "/").last.map(String.init) ?? domain.name
        return "/var/xen/dump/\(name)/\(WallClock.local("%Y-%m%d-%H%M.%S", seconds))-\(name).\(domain.id).core"
    }

    /// Writes the domain's memory and vCPU state as an ELF core file (libxc's format, which
    /// crash(8) and gdb read). Unless `live`, the domain is paused while it is written, so that
    /// the image is of one moment, as xend did. A failed dump leaves no file that looks whole:
    /// what was written is kept as `FILE-incomplete`.
    public func dumpCore(_ domain: DomainInfo, to file: String, live: Bool, then after: AfterCoreDump) throws {
        try refuseDomain0(domain.id, "dump the core of")
        guard !domain.dying else { throw DeviceError.domainNotRunning(domain.name) }
        var status = stat()
        if stat(file, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw DeviceError.coreFileUnusable(path: file, reason: "it is a directory")
        }
        // The dump directories are root's alone (0700), as xend made them: cores hold guest memory.
        if let slash = file.lastIndex(of: "/"), slash != file.startIndex,
            let failed = Files.makeDirectories(String(file[..<slash]), mode: 0o700)
        {
            throw DeviceError.coreFileUnusable(
                path: file, reason: "\(failed.component): \(String(cString: strerror(failed.errno)))")
        }
        let pausedHere = !live && !domain.paused
        if pausedHere { try pause(domain.id) }
        let rc = libxl_domain_core_dump(ctx, domain.id, file, nil)
        if rc != 0 {
            let error = failure("dumping the core of domain \(domain.id) to \(file)", rc)
            Glibc.rename(file, file + "-incomplete")
            if pausedHere { try? unpause(domain.id) }
            throw error
        }
        switch after {
        case .resume: if pausedHere { try unpause(domain.id) }
        case .crash: try destroy(domain.id)
        case .reset: _ = try hardReset(domain.id)
        }
    }
}
