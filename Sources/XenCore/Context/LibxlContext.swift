import CXen
import Glibc
import Logging

/// The one libxl context of an xm process. Opening it is what tells us whether a hypervisor is
/// there: without Xen, libxl_ctx_alloc fails (it cannot open the privcmd handle) and we say so
/// in one line instead of letting libxl print its internals.
public final class LibxlContext: @unchecked Sendable {
    /// The libxl_ctx, for XenCore's own libxl calls; never handed out.
    let ctx: OpaquePointer
    private let cLogger: UnsafeMutablePointer<xentoollog_logger>
    let log: LibxlLog
    /// Where creates look for unpacked PV and PVH kernels; nil: libxenguest unpacks every time.
    public var kernelCache: KernelCache?

    /// libxl's messages go to `logger` (label "xen.libxl"); the CLI sets its level with -v.
    public init(logger: Logger = Logger(label: "xen.libxl")) throws {
        try Self.checkHypervisorPresent()
        let log = LibxlLog(logger: logger)
        guard let cLogger = log.makeCLogger() else { throw XenError.loggerUnavailable }
        var ctx: OpaquePointer?
        let rc = libxl_ctx_alloc(&ctx, Int32(LIBXL_VERSION), 0, cLogger)
        guard rc == 0, let ctx else {
            xtl_logger_destroy(cLogger)
            if getuid() != 0 { throw XenError.notRoot }
            throw XenError.connectionFailed(code: rc, detail: log.takeRecentErrors().last)
        }
        self.ctx = ctx
        self.cLogger = cLogger
        self.log = log
    }

    deinit {
        libxl_ctx_free(ctx)
        xtl_logger_destroy(cLogger)
    }

    /// Checks a libxl call's result: nonzero throws `failure(operation, rc)`.
    func check(_ operation: String, _ rc: Int32) throws(XenError) {
        guard rc != 0 else {
            _ = log.takeRecentErrors()
            return
        }
        throw failure(operation, rc)
    }

    /// A failed libxl call as an error naming the operation and carrying libxl's own last
    /// complaint from its log, which is usually the useful part.
    func failure(_ operation: String, _ rc: Int32) -> XenError {
        .libxl(operation: operation, code: rc, detail: log.takeRecentErrors().last)
    }

    /// As `failure`, with libxl's first complaint: for the long operations (save, restore) whose
    /// cause is followed by the errors of libxl's own cleanup.
    func failureAtItsCause(_ operation: String, _ rc: Int32) -> XenError {
        .libxl(operation: operation, code: rc, detail: log.takeRecentErrors().first)
    }

    /// Whether this machine can reach a hypervisor at all: Xen's privcmd device, which libxl opens
    /// first, under /proc/xen (xenfs) or /dev/xen. Checking first gives a plain answer on an
    /// ordinary machine, where libxl would only report "cannot open libxc handle".
    static func checkHypervisorPresent() throws {
        if access("/proc/xen/privcmd", F_OK) == 0 || access("/dev/xen/privcmd", F_OK) == 0 { return }
        if access("/proc/xen", F_OK) == 0 { throw XenError.xenfsNotMounted }
        throw XenError.notXenHost
    }
}
