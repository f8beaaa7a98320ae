import CXen
import Glibc

/// What became of a domain that `saveDomain` wrote to a file.
public enum SavedDomainFate: Sendable, Hashable {
    /// Destroyed after a complete save: it lives on in the file only (xm save).
    case destroyed
    /// Running again (xm save -c).
    case running
    /// Left paused (xm save -p).
    case paused
}

extension LibxlContext {
    /// The configuration saved with a domain, as xl saves it: libxl's record of the running
    /// domain, in libxl's JSON. A PV kernel loaded from the kernel cache is named as the config
    /// file named it, since the cache's path means nothing on another host.
    public func configForSaving(_ domid: UInt32) throws -> String {
        try retrievedConfigJSON(domid) { config in
            // Only a kernel inside the cache costs a second look (at the config xm stored).
            guard let loaded = config.b_info.kernel.map({ String(cString: $0) }),
                let configured = configuredKernel(loaded, domid: domid), configured != loaded
            else { return }
            try? CMemory.replace(&config.b_info.kernel, with: configured, key: "kernel")
        }
    }

    /// Writes the domain's state to `fd` as libxl's v2 stream and leaves it suspended: the caller
    /// then resumes it, destroys it, or hands it over. `live` copies memory while the guest runs
    /// (it needs the hypervisor's log-dirty mode); otherwise the guest is suspended first.
    /// `progress` sees libxc's reports while the stream is written.
    public func suspend(
        _ domid: UInt32, to fd: Int32, live: Bool, progress: ((SaveProgress) -> Void)? = nil
    ) throws {
        try refuseDomain0(domid, "save or migrate")
        log.onProgress = progress
        defer { log.onProgress = nil }
        _ = log.takeRecentErrors()
        let rc = libxl_domain_suspend(ctx, domid, fd, live ? LIBXL_SUSPEND_LIVE : 0, nil)
        guard rc != 0 else { return }
        let failure = failureAtItsCause("saving domain \(domid)", rc)
        // libxc's words when a PV kernel has not yet filled in its p2m frame list.
        if case .libxl(_, _, let detail?) = failure, detail.contains("p2m frame list") {
            throw XenError.guestNotReadyToSave(domid: domid, detail: detail)
        }
        throw failure
    }

    /// Resumes a domain whose state was saved (or whose save failed) in place; the guest sees its
    /// suspend call return as cancelled, as after xl's failed save.
    public func resumeSuspended(_ domid: UInt32) throws {
        try check("resuming domain \(domid)", libxl_domain_resume(ctx, domid, 1, nil))
    }

    /// xm save: the header and libxl's stream into `path`, then the domain destroyed, resumed
    /// (`checkpoint`) or left paused (`leavePaused`). The file is written under a temporary name
    /// beside `path` and renamed once complete and on disk, so a failed save leaves whatever was
    /// at `path` before, and no partial file; the domain then runs on.
    public func saveDomain(
        _ domid: UInt32, to path: String, checkpoint: Bool, leavePaused: Bool,
        progress: ((SaveProgress) -> Void)? = nil
    ) throws -> SavedDomainFate {
        try refuseDomain0(domid, "save")
        let header = SaveFileHeader(configJSON: try configForSaving(domid))
        let file = try SaveFileWriter(path: path)
        do {
            try file.write(header.encoded())
        } catch {
            file.discard()
            throw error
        }
        do {
            try suspend(domid, to: file.fd, live: false, progress: progress)
            try file.commit()
        } catch {
            file.discard()
            resumeAfterFailure(domid)
            throw error
        }
        if leavePaused || checkpoint {
            if leavePaused { try pause(domid) }
            try resumeSuspended(domid)
            return leavePaused ? .paused : .running
        }
        try destroy(domid)
        return .destroyed
    }

    /// After a failed save or migration: the domain must run on. A domain that never got as far
    /// as suspending refuses the resume, which is fine.
    func resumeAfterFailure(_ domid: UInt32) {
        guard let info = try? domainInfo(domid), info.shutdown else { return }
        if (try? resumeSuspended(domid)) == nil {
            log.logger.error("domain \(domid) could not be resumed after the failure")
        }
    }
}

/// A save file being written: a temporary file in the target's directory, renamed to the target
/// when complete. A target that is not a regular file (a device, a FIFO) is written in place.
final class SaveFileWriter {
    let fd: Int32
    private var closed = false
    private let path: String
    private let temporary: String?

    init(path: String) throws {
        self.path = path
        var st = stat()
        let exists = stat(path, &st) == 0
        if exists && (st.st_mode & S_IFMT) == S_IFDIR { throw XenError.saveFileUnwritable(path: path, errno: EISDIR) }
        let inPlace = exists && (st.st_mode & S_IFMT) != S_IFREG
        if inPlace {
            temporary = nil
            fd = open(path, O_WRONLY | O_CLOEXEC)
        } else {
            let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
            var template = Array("\(directory.isEmpty ? "/" : directory)/.xm-save-XXXXXX".utf8CString)
            fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            temporary =
                fd >= 0 ? String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
            // The file holds the guest's memory: no one but root reads it (mkstemp's 0600).
        }
        guard fd >= 0 else { throw XenError.saveFileUnwritable(path: path, errno: errno) }
    }

    func write(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + sent, bytes.count - sent) }
            if n < 0 {
                if errno == EINTR { continue }
                throw XenError.saveFileUnwritable(path: path, errno: errno)
            }
            sent += n
        }
    }

    /// On disk and under its name: a save is complete only when it would survive a power cut,
    /// since the domain is destroyed next.
    func commit() throws {
        if fsync(fd) != 0 && errno != EINVAL {
            throw XenError.saveFileUnwritable(path: path, errno: errno)
        }
        closed = true
        guard close(fd) == 0 else { throw XenError.saveFileUnwritable(path: path, errno: errno) }
        if let temporary, rename(temporary, path) != 0 {
            let failure = errno
            unlink(temporary)
            throw XenError.saveFileUnwritable(path: path, errno: failure)
        }
    }

    func discard() {
        if !closed { close(fd) }
        if let temporary { unlink(temporary) }
    }
}
