import CXen
import Glibc

/// What `xm info` reports about the host: uname, libxl_physinfo and libxl_version_info.
public struct HostInfo: Sendable, Hashable {
    public var system = "", host = "", release = "", version = "", machine = ""
    public var nrCPUs = 0, nrNodes = 0, coresPerSocket = 0, threadsPerCore = 0
    public var cpuKHz = 0
    public var hwCaps: [UInt32] = []
    public var capHVM = false, capHVMDirectIO = false
    public var totalMemoryKiB: UInt64 = 0, freeMemoryKiB: UInt64 = 0
    public var freeCPUs = 0
    public var xenMajor = 0, xenMinor = 0
    public var xenExtra = "", xenCaps = "", xenScheduler = "", xenChangeset = "", xenCommandline = ""
    public var xenPagesize = 0
    public var virtStart: UInt64 = 0
    public var ccCompiler = "", ccCompileBy = "", ccCompileDomain = "", ccCompileDate = ""

    public init() {}
}

extension LibxlContext {
    public func hostInfo() throws -> HostInfo {
        var h = HostInfo()
        var u = utsname()
        if uname(&u) == 0 {
            func field<T>(_ t: T) -> String {
                withUnsafeBytes(of: t) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            }
            h.system = field(u.sysname)
            h.host = field(u.nodename)
            h.release = field(u.release)
            h.version = field(u.version)
            h.machine = field(u.machine)
        }

        var p = libxl_physinfo()
        libxl_physinfo_init(&p)
        defer { libxl_physinfo_dispose(&p) }
        try check("reading the host's physical information", libxl_get_physinfo(ctx, &p))
        let pageKiB = UInt64(4)
        h.nrCPUs = Int(p.nr_cpus)
        h.nrNodes = Int(p.nr_nodes)
        h.coresPerSocket = Int(p.cores_per_socket)
        h.threadsPerCore = Int(p.threads_per_core)
        h.cpuKHz = Int(p.cpu_khz)
        h.hwCaps = withUnsafeBytes(of: p.hw_cap) { Array($0.bindMemory(to: UInt32.self)) }
        h.capHVM = p.cap_hvm
        h.capHVMDirectIO = p.cap_hvm_directio
        h.totalMemoryKiB = p.total_pages * pageKiB
        h.freeMemoryKiB = p.free_pages * pageKiB

        if let free = try? freeCPUs() { h.freeCPUs = free.count }

        guard let v = libxl_get_version_info(ctx)?.pointee else {
            throw failure("reading Xen's version", ERROR_FAIL.rawValue)
        }
        func str(_ p: UnsafeMutablePointer<CChar>?) -> String { p.map { String(cString: $0) } ?? "" }
        h.xenMajor = Int(v.xen_version_major)
        h.xenMinor = Int(v.xen_version_minor)
        h.xenExtra = str(v.xen_version_extra)
        h.xenCaps = str(v.capabilities)
        h.xenChangeset = str(v.changeset)
        h.xenCommandline = str(v.commandline)
        h.xenPagesize = Int(v.pagesize)
        h.virtStart = v.virt_start
        h.ccCompiler = str(v.compiler)
        h.ccCompileBy = str(v.compile_by)
        h.ccCompileDomain = str(v.compile_domain)
        h.ccCompileDate = str(v.compile_date)

        let sched = libxl_get_scheduler(ctx)
        if sched >= 0, let name = libxl_scheduler_to_string(libxl_scheduler(UInt32(sched))) {
            h.xenScheduler = String(cString: name)
        } else {
            h.xenScheduler = "unknown"
        }
        return h
    }
}
