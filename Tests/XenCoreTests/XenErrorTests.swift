import Glibc
import Testing
import XenCore

/// Each XenError's text is what `xm` prints after `Error: `, and scripts and the real-Xen suite
/// match on it: a change of wording must be deliberate, so every case is pinned here.
@Suite("XenError messages")
struct XenErrorTests {
    static let texts: [(XenError, String)] = [
        (
            .notXenHost,
            "this machine is not running Xen (no /proc/xen/privcmd): xm must run in the dom0 of a Xen host"
        ),
        (.xenfsNotMounted, "Xen is running but xenfs is not mounted: mount -t xenfs xenfs /proc/xen"),
        (.notRoot, "cannot connect to the Xen hypervisor: xm must run as root in dom0"),
        (
            .connectionFailed(code: -3, detail: "cannot open xenstore"),
            "cannot connect to the Xen hypervisor (libxl error -3): cannot open xenstore; is xenstored running?"
        ),
        (
            .connectionFailed(code: -3, detail: nil),
            "cannot connect to the Xen hypervisor (libxl error -3); is xenstored running?"
        ),
        (.loggerUnavailable, "cannot create the libxl logger"),
        (.libxl(operation: "libxl_domain_info", code: -21), "libxl_domain_info failed: no such domain"),
        (
            .libxl(operation: "destroying domain 7", code: -3, detail: "domain_destroy: no such domain"),
            "destroying domain 7 failed: domain_destroy: no such domain"
        ),
        (
            .libxlConfig(.maxvcpusBelowVcpus(maxvcpus: 2, vcpus: 4)),
            "'maxvcpus' (2) is less than 'vcpus' (4)"
        ),
        (.storedConfigNotConvertible(domid: 7), "libxl could not convert the configuration of domain 7 to JSON"),
        (.configNotFound("vm1.cfg", searched: []), "Cannot open config file \"vm1.cfg\""),
        (
            .configNotFound("vm1.cfg", searched: [".", "/etc/xen"]),
            "Cannot open config file \"vm1.cfg\" (searched .:/etc/xen)"
        ),
        (
            .configUnreadable(path: "/x", reason: "it is a directory"),
            "Cannot read config file \"/x\": it is a directory"
        ),
        (.domainNotFound("vm1"), "Domain 'vm1' does not exist."),
        (.domainExists(name: "vm1", id: 7), "Domain 'vm1' already exists with ID '7'"),
        (.domain0Refused(action: "shut down"), "Cannot shut down the privileged domain Domain-0"),
        (.emptyDomainName, "The new domain name is empty"),
        (.invalidSysrqKey("é"), "A sysrq key is one ASCII character, not 'é'"),
        (
            .vcpuCountOutOfRange(domain: "vm1", requested: 9, maximum: 4),
            "Domain vm1 can have between 1 and 4 VCPUs (its maxvcpus), not 9"
        ),
        (.noSuchCPU(9, hostCPUs: 8), "CPU 9 does not exist on this host (it has 8)"),
        (.notBackAfterReboot(domain: "vm1", seconds: 30), "Domain vm1 did not come back after its reboot (30 s)"),
        (.noSuchPool("p"), "Pool 'p' does not exist."),
        (.poolExists("p"), "A pool named 'p' already exists."),
        (.unknownScheduler("bvt"), "Unknown scheduler 'bvt' (credit, credit2, rtds, arinc653, null)"),
        (.cpuNotFree(3), "CPU 3 is not free: remove it from its pool first (xm cpupool-cpu-remove)"),
        (.cpuNotInPool(cpu: 3, pool: "p"), "CPU 3 is not in pool 'p'"),
        (.poolHasDomains(pool: "p", count: 2), "Pool 'p' still has 2 domain(s): migrate or destroy them first"),
        (.pool0Indestructible, "Pool-0 cannot be destroyed"),
        (
            .notEnoughFreeCPUs(pool: "p", needed: 2, free: 1),
            "Pool 'p' needs 2 free CPU(s), the host has 1: free some with xm cpupool-cpu-remove"
        ),
        (.domain0HasNoConsole, "Domain-0 has no console to attach to"),
        (
            .noConsolePty(domid: 3, type: .pv, number: 0, waited: 10),
            "domain 3 has no PV console 0 (no pty published in xenstore after 10 s)"
        ),
        (
            .noConsolePty(domid: 3, type: .serial, number: 1, waited: 10),
            "domain 3 has no serial port 1 (no pty published in xenstore after 10 s)"
        ),
        (.consoleInUse(domid: 3), "another console (xm or xl) is already attached to domain 3"),
        (
            .consoleLockUnopenable(path: "/var/lock/xenconsole.3", errno: EACCES),
            "cannot open the console lock /var/lock/xenconsole.3: Permission denied"
        ),
        (
            .consoleLockFailed(path: "/var/lock/xenconsole.3", errno: ENOLCK),
            "cannot lock /var/lock/xenconsole.3: No locks available"
        ),
        (.consolePipeFailed(errno: EMFILE), "cannot create a pipe for the console: Too many open files"),
        (
            .consolePtyUnopenable(path: "/dev/pts/9", errno: ENOENT),
            "cannot open the console pty /dev/pts/9: No such file or directory"
        ),
        (
            .createLockUnopenable(path: "/var/lock/xm", errno: EROFS),
            "cannot open the create lock /var/lock/xm: Read-only file system"
        ),
        (
            .createLockFailed(path: "/var/lock/xm", errno: ENOLCK),
            "cannot take the create lock /var/lock/xm: No locks available"
        ),
        (
            .launchFailed(.domainMonitor, errno: EAGAIN),
            "cannot start the domain monitor: Resource temporarily unavailable"
        ),
        (
            .launchFailed(.kernelCacheFiller, errno: ENOMEM),
            "cannot start the kernel-cache filler: Cannot allocate memory"
        ),
        (
            .saveFileUnwritable(path: "/full/vm1.save", errno: ENOSPC),
            "cannot write the save file /full/vm1.save: No space left on device"
        ),
        (.saveFileUnreadable(path: "/srv", errno: EISDIR), "cannot read the save file /srv: Is a directory"),
        (.saveFileInvalid(.empty), "cannot restore: the file is empty"),
        (
            .guestNotReadyToSave(domid: 23, detail: "Bad mfn 0 for p2m frame list list: Internal error"),
            "domain 23 cannot be saved yet: its kernel has not set up its memory map (is it still booting?):"
                + " Bad mfn 0 for p2m frame list list: Internal error"
        ),
        (
            .streamFailed(stage: "reading the save header", .timedOut(seconds: 60)),
            "reading the save header failed: nothing arrived for 60 s"
        ),
        (
            .migrationFailed(
                stage: .receiverRestore, reason: "the receiver could not start the domain (status 1)", source: .running),
            "migration failed (the receiver's restore): the receiver could not start the domain (status 1); the domain runs on at this host"
        ),
        (
            .markerUnwritable(path: "/var/lib/xm/incoming/a", errno: EROFS),
            "cannot write /var/lib/xm/incoming/a: Read-only file system"
        ),
        (
            .kernelCacheIO(action: "open /var/cache/xm/kernels", errno: EACCES),
            "cannot open /var/cache/xm/kernels: Permission denied"
        ),
        (
            .kernelCacheUntrusted(directory: "/tmp/k"),
            "/tmp/k is not a directory of this user closed to others; not using it"
        ),
        (.kernelNotRegularFile("/boot"), "/boot is not a regular file"),
        (.kernelChangedWhileUnpacking("/boot/vmlinuz"), "/boot/vmlinuz changed while it was unpacked"),
        (.kernelPayloadNotELF("/boot/vmlinuz"), "/boot/vmlinuz: the unpacked payload is not an ELF image"),
        (.kernelPackingNotCached(.bzip2), "bzip2 kernels are not cached"),
        (.kernelPayloadTruncated(format: "xz"), "the xz payload is truncated"),
        (.kernelPayloadTooLarge(format: "gzip"), "the gzip payload is too large"),
        (.kernelTooLarge, "the kernel unpacks to more than 1 GiB"),
        (
            .decompressorFailed(library: "liblzma", detail: "corrupt payload (9)"),
            "liblzma: corrupt payload (9)"
        ),
    ]

    @Test(arguments: texts)
    func eachCaseSaysWhatWentWrong(error: XenError, text: String) {
        #expect(error.description == text)
    }

    @Test func libxlCodesInWords() {
        #expect(XenError.describe(libxlCode: -28) == "the device model reported an error")
        #expect(XenError.describe(libxlCode: -999) == "libxl error -999")
    }

    @Test func mappingErrorsNameTheKey() {
        #expect(
            LibxlError.invalidValue(key: "vif", value: "mac=zz", reason: "malformed").description
                == "invalid value 'mac=zz' for 'vif': malformed")
        #expect(LibxlError.nothingToBoot(type: "PV").description.contains("'kernel' or a 'bootloader'"))
    }
}
