import Glibc

/// What went wrong in XenCore, one case per failure, worded for an administrator at a dom0 shell:
/// the CLI prints `Error: <description>` and exits 1, so each description is a message users and
/// scripts see (XenErrorTests pins them). Failures of an operating-system call carry the errno;
/// the description says it in words (strerror).
///
/// Two parts of the layer have a typed error of their own, used with typed throws inside it:
/// `LibxlError`, the DomainConfig → libxl mapping's (what xl_parse.c refuses), which a create
/// that fails on it throws as `.libxlConfig`; and `Files.InputRefusal`, why a config input is
/// not read, which ConfigLoader reports as `.configUnreadable`.
public enum XenError: Error, Sendable, Equatable, CustomStringConvertible {
    // MARK: Reaching the hypervisor

    /// No privcmd device and no /proc/xen: an ordinary machine, or a guest.
    case notXenHost
    /// /proc/xen exists but xenfs is not mounted on it, so there is no privcmd device.
    case xenfsNotMounted
    /// libxl could not open its context, and we are not root.
    case notRoot
    /// libxl could not open its context as root; `detail` is libxl's last complaint.
    case connectionFailed(code: Int32, detail: String?)
    /// The bridge that carries libxl's log could not be allocated.
    case loggerUnavailable

    // MARK: libxl

    /// A libxl call failed: the operation, libxl's error code and, when libxl said why in its
    /// log, its last complaint (which then replaces the code's meaning in the message).
    case libxl(operation: String, code: Int32, detail: String? = nil)
    /// The configuration cannot become a `libxl_domain_config` (xl would refuse it too).
    case libxlConfig(LibxlError)
    /// libxl has a domain's configuration but could not write it as JSON.
    case storedConfigNotConvertible(domid: UInt32)

    // MARK: Config files

    /// No file of that name, directly or on the search path (`searched`, when it was used).
    case configNotFound(String, searched: [String])
    /// A config file was found but could not be read, or is no file to read (`reason`).
    case configUnreadable(path: String, reason: String)

    // MARK: Domains

    case domainNotFound(String)
    /// Create or rename refused: a domain of that name is running (xend's wording).
    case domainExists(name: String, id: UInt32)
    /// Shutdown, reboot, destroy, pause or reset asked of Domain-0; `action` is the verb.
    case domain0Refused(action: String)
    case emptyDomainName
    case invalidSysrqKey(Character)
    /// vcpu-set outside 1...maxvcpus.
    case vcpuCountOutOfRange(domain: String, requested: Int, maximum: Int)
    /// A CPU number beyond the host's CPUs (vcpu-pin, cpupool-create).
    case noSuchCPU(Int, hostCPUs: Int)
    /// After a reboot, no domain of that name ran again within `seconds`.
    case notBackAfterReboot(domain: String, seconds: Int)

    // MARK: CPU pools

    case noSuchPool(String)
    case poolExists(String)
    case unknownScheduler(String)
    /// A CPU that is in a pool already was asked to join another.
    case cpuNotFree(Int)
    case cpuNotInPool(cpu: Int, pool: String)
    case poolHasDomains(pool: String, count: Int)
    case pool0Indestructible
    /// cpupool-create with a count of CPUs the host does not have free.
    case notEnoughFreeCPUs(pool: String, needed: Int, free: Int)

    // MARK: Consoles

    case domain0HasNoConsole
    /// No pty for that console appeared in xenstore within `waited` seconds.
    case noConsolePty(domid: UInt32, type: ConsoleType, number: Int, waited: Int)
    /// xenconsole's lock is held: another `xm console` or `xl console` is attached.
    case consoleInUse(domid: UInt32)
    case consoleLockUnopenable(path: String, errno: Int32)
    case consoleLockFailed(path: String, errno: Int32)
    case consolePipeFailed(errno: Int32)
    case consolePtyUnopenable(path: String, errno: Int32)

    // MARK: Creating domains and helper processes

    case createLockUnopenable(path: String, errno: Int32)
    case createLockFailed(path: String, errno: Int32)
    /// A helper process (the domain monitor, the kernel-cache filler) could not be started.
    case launchFailed(HelperProcess.Kind, errno: Int32)

    // MARK: Save, restore and migration

    /// A PV guest saved before its kernel has published its memory map (it is still booting);
    /// `detail` is libxc's own words.
    case guestNotReadyToSave(domid: UInt32, detail: String)
    /// The save file cannot be created or written (a full disk, an unwritable directory).
    case saveFileUnwritable(path: String, errno: Int32)
    case saveFileUnreadable(path: String, errno: Int32)
    /// The file (or an incoming stream) is not a save file xm can restore.
    case saveFileInvalid(SaveFileError)
    /// Reading or writing a stream failed at `stage` ("reading the save header").
    case streamFailed(stage: String, ByteChannel.Failure)
    /// A migration stopped at `stage`; `source` says where the domain is now.
    case migrationFailed(stage: MigrationStage, reason: String, source: SourceState)
    /// The mark of a domain being received could not be written.
    case markerUnwritable(path: String, errno: Int32)

    // MARK: The kernel cache (reported in its filler's log; a create never fails on them)

    /// A file operation of the cache failed: `action` is what was done to what ("open /var/...").
    case kernelCacheIO(action: String, errno: Int32)
    /// The cache directory is not the effective user's alone; it is not used.
    case kernelCacheUntrusted(directory: String)
    case kernelNotRegularFile(String)
    case kernelChangedWhileUnpacking(String)
    case kernelPayloadNotELF(String)
    /// Packed in a way libxenguest unpacks itself and the cache does not (bzip2, lzo, lz4).
    case kernelPackingNotCached(BzImage.Packing)
    /// The payload ended before its stream did; `format` names the stream (xz, gzip, zstd).
    case kernelPayloadTruncated(format: String)
    case kernelPayloadTooLarge(format: String)
    /// The kernel unpacks to more than libxenguest's own limit (1 GiB).
    case kernelTooLarge
    /// A decompression library failed or refused the payload; `detail` is what it said.
    case decompressorFailed(library: String, detail: String)

    public var description: String {
        switch self {
        case .notXenHost:
            return "this machine is not running Xen (no /proc/xen/privcmd): xm must run in the dom0 of a Xen host"
        case .xenfsNotMounted: return "Xen is running but xenfs is not mounted: mount -t xenfs xenfs /proc/xen"
        case .notRoot: return "cannot connect to the Xen hypervisor: xm must run as root in dom0"
        case .connectionFailed(let code, let detail):
            let why = detail.map { ": \($0)" } ?? ""
            return "cannot connect to the Xen hypervisor (libxl error \(code))\(why); is xenstored running?"
        case .loggerUnavailable: return "cannot create the libxl logger"

        case .libxl(let operation, let code, let detail):
            return "\(operation) failed: " + (detail ?? Self.describe(libxlCode: code))
        case .libxlConfig(let error): return error.description
        case .storedConfigNotConvertible(let domid):
            return "libxl could not convert the configuration of domain \(domid) to JSON"

        case .configNotFound(let name, let searched):
            return "Cannot open config file \"\(name)\""
                + (searched.isEmpty ? "" : " (searched \(searched.joined(separator: ":")))")
        case .configUnreadable(let path, let reason): return "Cannot read config file \"\(path)\": \(reason)"

        case .domainNotFound(let d): return "Domain '\(d)' does not exist."
        case .domainExists(let name, let id): return "Domain '\(name)' already exists with ID '\(id)'"
        case .domain0Refused(let action): return "Cannot \(action) the privileged domain Domain-0"
        case .emptyDomainName: return "The new domain name is empty"
        case .invalidSysrqKey(let key): return "A sysrq key is one ASCII character, not '\(key)'"
        case .vcpuCountOutOfRange(let domain, let requested, let maximum):
            return "Domain \(domain) can have between 1 and \(maximum) VCPUs (its maxvcpus), not \(requested)"
        case .noSuchCPU(let cpu, let hostCPUs): return "CPU \(cpu) does not exist on this host (it has \(hostCPUs))"
        case .notBackAfterReboot(let domain, let seconds):
            return "Domain \(domain) did not come back after its reboot (\(seconds) s)"

        case .noSuchPool(let pool): return "Pool '\(pool)' does not exist."
        case .poolExists(let pool): return "A pool named '\(pool)' already exists."
        case .unknownScheduler(let name): return "Unknown scheduler '\(name)' (credit, credit2, rtds, arinc653, null)"
        case .cpuNotFree(let cpu):
            return "CPU \(cpu) is not free: remove it from its pool first (xm cpupool-cpu-remove)"
        case .cpuNotInPool(let cpu, let pool): return "CPU \(cpu) is not in pool '\(pool)'"
        case .poolHasDomains(let pool, let count):
            return "Pool '\(pool)' still has \(count) domain(s): migrate or destroy them first"
        case .pool0Indestructible: return "Pool-0 cannot be destroyed"
        case .notEnoughFreeCPUs(let pool, let needed, let free):
            return
                "Pool '\(pool)' needs \(needed) free CPU(s), the host has \(free): free some with xm cpupool-cpu-remove"

        case .domain0HasNoConsole: return "Domain-0 has no console to attach to"
        case .noConsolePty(let domid, let type, let number, let waited):
            let which = type == .pv ? "PV console" : "serial port"
            return "domain \(domid) has no \(which) \(number) (no pty published in xenstore after \(waited) s)"
        case .consoleInUse(let domid): return "another console (xm or xl) is already attached to domain \(domid)"
        case .consoleLockUnopenable(let path, let errno):
            return "cannot open the console lock \(path): \(Self.describe(errno: errno))"
        case .consoleLockFailed(let path, let errno): return "cannot lock \(path): \(Self.describe(errno: errno))"
        case .consolePipeFailed(let errno):
            return "cannot create a pipe for the console: \(Self.describe(errno: errno))"
        case .consolePtyUnopenable(let path, let errno):
            return "cannot open the console pty \(path): \(Self.describe(errno: errno))"

        case .createLockUnopenable(let path, let errno):
            return "cannot open the create lock \(path): \(Self.describe(errno: errno))"
        case .createLockFailed(let path, let errno):
            return "cannot take the create lock \(path): \(Self.describe(errno: errno))"
        case .launchFailed(let helper, let errno): return "cannot start \(helper): \(Self.describe(errno: errno))"

        case .saveFileUnwritable(let path, let errno):
            return "cannot write the save file \(path): \(Self.describe(errno: errno))"
        case .saveFileUnreadable(let path, let errno):
            return "cannot read the save file \(path): \(Self.describe(errno: errno))"
        case .guestNotReadyToSave(let domid, let detail):
            return "domain \(domid) cannot be saved yet: its kernel has not set up its memory map"
                + " (is it still booting?): \(detail)"
        case .saveFileInvalid(let why): return "cannot restore: \(why)"
        case .streamFailed(let stage, let failure): return "\(stage) failed: \(failure)"
        case .migrationFailed(let stage, let reason, let source):
            let state =
                switch source {
                case .running: "the domain runs on at this host"
                case .undecided(let name):
                    "the domain is left suspended here as \(name): check the other host before you resume or destroy it"
                }
            return "migration failed (\(stage.rawValue)): \(reason); \(state)"
        case .markerUnwritable(let path, let errno):
            return "cannot write \(path): \(Self.describe(errno: errno))"

        case .kernelCacheIO(let action, let errno): return "cannot \(action): \(Self.describe(errno: errno))"
        case .kernelCacheUntrusted(let directory):
            return "\(directory) is not a directory of this user closed to others; not using it"
        case .kernelNotRegularFile(let kernel): return "\(kernel) is not a regular file"
        case .kernelChangedWhileUnpacking(let kernel): return "\(kernel) changed while it was unpacked"
        case .kernelPayloadNotELF(let kernel): return "\(kernel): the unpacked payload is not an ELF image"
        case .kernelPackingNotCached(let packing): return "\(packing.rawValue) kernels are not cached"
        case .kernelPayloadTruncated(let format): return "the \(format) payload is truncated"
        case .kernelPayloadTooLarge(let format): return "the \(format) payload is too large"
        case .kernelTooLarge: return "the kernel unpacks to more than 1 GiB"
        case .decompressorFailed(let library, let detail): return "\(library): \(detail)"
        }
    }

    /// An errno in words, as strerror(3) says it.
    static func describe(errno: Int32) -> String { String(cString: strerror(errno)) }

    /// libxl's error codes (libxl_types.idl `libxl_error`) in words.
    public static func describe(libxlCode code: Int32) -> String {
        switch code {
        case -1: return "unspecified error"
        case -2: return "libxl version mismatch"
        case -3: return "operation failed (see the log with -v)"
        case -4: return "not implemented by this libxl"
        case -5: return "out of memory"
        case -6: return "invalid argument"
        case -7: return "failure during cleanup after an error"
        case -8: return "the guest did not respond in time"
        case -9: return "timed out"
        case -10: return "the guest has no PV drivers"
        case -11: return "not ready"
        case -12: return "could not register for OS events"
        case -13: return "buffer too small"
        case -14: return "unknown child process"
        case -15: return "could not take the lock"
        case -16: return "the stored JSON configuration is empty"
        case -17: return "the device already exists"
        case -18: return "checkpoint device operations do not match"
        case -19: return "checkpoint device not supported"
        case -20: return "invalid vNUMA configuration"
        case -21: return "no such domain"
        case -22: return "aborted"
        case -23: return "not found"
        case -24: return "the domain was destroyed"
        case -25: return "feature removed from this Xen"
        case -26: return "QMP protocol error talking to the device model"
        case -27: return "unknown QMP error from the device model"
        case -28: return "the device model reported an error"
        case -29: return "the device model does not know the QMP command"
        case -30: return "the device is not active in the device model"
        case -31: return "the device model has no such device"
        case -32: return "QEMU API error"
        default: return "libxl error \(code)"
        }
    }
}
