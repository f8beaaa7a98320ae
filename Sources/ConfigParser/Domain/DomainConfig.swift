/// The typed domain configuration: what a vm.cfg means, independent of how it was spelt (xm or xl
/// dialect) and of libxl. XenCore turns it into a `libxl_domain_config`.
///
/// Optional fields are "not set in the file": the toolstack's default applies. Memory is in MiB as
/// in vm.cfg; XenCore converts to libxl's KiB.
public struct DomainConfig: Sendable, Hashable {
    public enum GuestType: String, Sendable, Hashable, CaseIterable { case pv, pvh, hvm }

    public enum Action: String, Sendable, Hashable, CaseIterable {
        case destroy, restart, preserve
        case renameRestart = "rename-restart"
        case coredumpDestroy = "coredump-destroy"
        case coredumpRestart = "coredump-restart"
        case softReset = "soft-reset"

        /// `init(rawValue:)` as a switch: the synthesized one searched an array of the names,
        /// made anew at each call.
        static func named(_ name: String) -> Action? {
            switch name {
            case "destroy": .destroy
            case "restart": .restart
            case "preserve": .preserve
            case "rename-restart": .renameRestart
            case "coredump-destroy": .coredumpDestroy
            case "coredump-restart": .coredumpRestart
            case "soft-reset": .softReset
            default: nil
            }
        }
    }

    // MARK: identity
    public var name: String = ""
    public var uuid: String?
    public var type: GuestType = .pv
    public var pool: String?
    public var seclabel: String?

    // MARK: memory (all MiB, as in vm.cfg)
    public var memory: Int?
    public var maxmem: Int?
    public var shadowMemory: Int?
    /// HVM video memory.
    public var videoram: Int?

    // MARK: CPUs
    public var vcpus: Int?
    public var maxvcpus: Int?
    /// xend's `vcpu_avail`: bit i set when vCPU i is online at boot (libxl's avail_vcpus). With it,
    /// `vcpus` is xend's count of vCPUs, all of which exist; without, the first `vcpus` are online.
    public var vcpuAvail: Int?
    /// Physical CPUs every vCPU may run on (xm's "0-3,^1" already expanded); nil = no restriction.
    public var cpus: CPUSet?
    /// Per-vCPU affinity when `cpus` was given as a list (xl) — one set per vCPU, in vCPU order.
    public var cpusPerVcpu: [CPUSet]?
    /// Credit scheduler weight (relative, 1-65535).
    public var cpuWeight: Int?
    /// Credit scheduler cap, percent of one physical CPU (0 = no cap); xm's `cpu_cap`, xl's `cap`.
    public var cpuCap: Int?

    // MARK: boot
    public var kernel: String?
    public var ramdisk: String?
    /// The kernel command line: xl's `cmdline`, or as xm composed it from `root`, xm's kernel IP
    /// keys (`ip=`), `nfs_root` (`nfsroot=`) and `extra`.
    public var cmdline: String?
    public var root: String?
    public var extra: String?
    public var bootloader: String?
    /// Boot loader arguments (xl's `bootloader_args`, or xm's `bootargs` split on blanks).
    public var bootloaderArgs: [String] = []
    /// HVM boot order, e.g. "cd" (the letters of xm/xl's `boot`).
    public var boot: String?

    // MARK: lifecycle
    public var onPoweroff: Action?
    public var onReboot: Action?
    public var onCrash: Action?
    public var onWatchdog: Action?
    public var onSoftReset: Action?

    // MARK: devices
    public var disks: [DiskSpec] = []
    public var vifs: [VifSpec] = []
    public var vfbs: [VfbSpec] = []
    public var pcis: [PciSpec] = []
    public var pciPermissive: Bool?
    public var pciMsitranslate: Bool?
    public var pciPowerMgmt: Bool?
    public var pciSeize: Bool?
    public var vtpms: [VtpmSpec] = []
    /// xl channels: keys `name`, `connection` (pty|socket), `path`, `backend`.
    public var channels: [[String: String]] = []
    /// Legacy I/O port ranges passed through.
    public var ioports: [IOPortRange] = []
    /// Physical IRQs passed through.
    public var irqs: [Int] = []

    // MARK: HVM platform
    public var acpi: Bool?
    public var apic: Bool?
    public var pae: Bool?
    public var hap: Bool?
    public var nestedHvm: Bool?
    /// Hyper-V enlightenment groups as xl names them (`base`, `freq`, ..., `all`, `defaults`,
    /// `!name` to disable one); `[]` for viridian = 0, `["defaults"]` for viridian = 1.
    public var viridian: [String]?
    public var timerMode: TimerMode?
    /// libxl's tsc_mode name: default, always_emulate, native, native_paravirt.
    public var tscMode: String?
    public var vptAlign: Bool?
    public var nomigrate: Bool?
    public var oos: Bool?
    public var hpet: Bool?
    public var localtime: Bool?
    /// Seconds added to the guest's RTC.
    public var rtcTimeoffset: Int?
    public var stdvga: Bool?
    /// xl's `vga`: stdvga, cirrus, none or qxl.
    public var vga: String?
    public var serial: [String] = []
    /// Whether `serial` was written as a list: xl keeps the two forms apart (serial_list vs serial).
    public var serialListForm = false
    public var soundhw: String?
    public var usb: Bool?
    public var usbdevices: [String] = []
    /// Whether `usbdevice` was written as a list (usbdevice_list vs usbdevice in libxl).
    public var usbdevicesListForm = false
    /// HVM firmware: `seabios`, `rombios` or `ovmf` (xl's `bios`, or `firmware` naming one).
    public var bios: String?
    /// HVM: a custom firmware image given by path in `firmware`.
    public var firmwarePath: String?
    public var nographic: Bool?
    public var vnc: VncSettings?
    public var sdl: SdlSettings?
    public var keymap: String?
    public var deviceModelVersion: String?
    public var deviceModelOverride: String?
    public var deviceModelArgs: [String] = []
    public var xenPlatformPci: Bool?
    public var e820Host: Bool?

    // MARK: misc
    public var description: String?
    /// Keys that belong to Oracle VM / xend and mean nothing to libxl; kept so `--sxp` and
    /// `xm list -l` can show them.
    public var oracleVM: [String: String] = [:]
    public var extraXenstore: [String: String] = [:]

    public init() {}
}

public enum TimerMode: String, Sendable, Hashable, CaseIterable {
    case delayForMissedTicks = "delay_for_missed_ticks"
    case noDelayForMissedTicks = "no_delay_for_missed_ticks"
    case noMissedTicksPending = "no_missed_ticks_pending"
    case oneMissedTickPending = "one_missed_tick_pending"
}

/// A set of physical CPUs, kept as sorted unique numbers; `all` means no restriction.
public struct CPUSet: Sendable, Hashable {
    public var cpus: [Int]
    public var all: Bool
    public init(cpus: [Int], all: Bool = false) {
        // Sorted, each CPU once: repeats are dropped after sorting, which spares hashing every
        // number into a Set and copying that back into an array.
        var unique = cpus.sorted()
        var kept = 0
        for i in unique.indices where kept == 0 || unique[i] != unique[kept - 1] {
            unique[kept] = unique[i]
            kept += 1
        }
        unique.removeLast(unique.count - kept)
        self.cpus = unique
        self.all = all
    }
    public static let any = CPUSet(cpus: [], all: true)
}

public struct VncSettings: Sendable, Hashable {
    public var enabled: Bool = true
    public var listen: String?
    public var display: Int?
    public var findUnused: Bool?
    public var password: String?
    public init() {}
}

public struct SdlSettings: Sendable, Hashable {
    public var enabled: Bool = true
    public var display: String?
    public var xauthority: String?
    public var opengl: Bool?
    public init() {}
}

/// A disk in either dialect, normalised the way libxlutil's `xlu_disk_parse` fills a
/// `libxl_device_disk` (see DiskSpecParser for the intentional differences).
/// `target` is the path/target (empty for an empty cd-rom drive), `vdev` the guest device name
/// (`xvda`, `hda`, `sda`...).
public struct DiskSpec: Sendable, Hashable {
    /// `empty` is an empty removable drive (a cd-rom with no medium), as libxl's FORMAT_EMPTY.
    public enum Format: String, Sendable, Hashable, CaseIterable { case raw, qcow, qcow2, vhd, qed, empty }
    public enum Backend: String, Sendable, Hashable, CaseIterable { case phy, qdisk, tap, standalone }
    public enum Specification: String, Sendable, Hashable, CaseIterable { case xen, virtio }
    public var target: String = ""
    /// False for a cd-rom spec that names no target at all (`vdev=hdc,devtype=cdrom`), as against
    /// an empty one (`,hdc:cdrom,r`, `target=`): xlu_disk_parse leaves pdev_path NULL for the first
    /// and "" for the second, and libxl's JSON shows the difference.
    public var hasTarget = true
    public var vdev: String = ""
    /// Always set by the parser: `raw` when the spec names no format (xlu's default), `empty` for a
    /// cd-rom without a target.
    public var format: Format?
    public var backendType: Backend?
    public var backendDomain: String?
    public var readOnly: Bool = false
    public var isCdrom: Bool = false
    /// `w!`: writable even if another domain already has it (xm accepted it; libxl has no such mode).
    public var forceShared: Bool = false
    public var script: String?
    public var directIOSafe: Bool?
    public var discard: Bool?
    public var colo: Bool = false
    public var coloHost: String?
    public var coloPort: Int?
    public var coloExport: String?
    public var activeDisk: String?
    public var hiddenDisk: String?
    public var trusted: Bool?
    public var specification: Specification?
    /// xm's fifth field (`uname,dev,mode,backend,protocol`): a blkif protocol name; libxl has none.
    public var xmProtocol: String?
    /// The deprecated xm prefixes as written (`file:`, `phy:`, `tap:aio:`, `tap:qcow2:`...), for `--sxp`.
    public var xmUname: String?
    /// The spec as written, for messages.
    public var original: String = ""
    public init() {}
}

public struct VifSpec: Sendable, Hashable {
    /// Normalised to lower-case `xx:xx:xx:xx:xx:xx`.
    public var mac: String?
    public var bridge: String?
    public var ip: String?
    public var script: String?
    public var vifname: String?
    /// `ioemu` (emulated + PV on HVM) or `vif` (PV only); xm's `type=netfront` maps to `vif`.
    public var type: String?
    public var model: String?
    public var backend: String?
    /// As written (`10Mb/s`, `100MB/s@20ms`); `VifRate.parse` gives libxl's numbers.
    public var rate: String?
    public var gatewaydev: String?
    public var mtu: Int?
    public var devid: Int?
    public var trusted: Bool?
    /// xm's accelerator plugin; libxl has none (kept for `--sxp`).
    public var accel: String?
    /// xl's COLO keys (`forwarddev`, `colo_*`), passed through by name.
    public var colo: [String: String] = [:]
    public var original: String = ""
    public init() {}
}

public struct VfbSpec: Sendable, Hashable {
    public var vnc: Bool = false
    public var vnclisten: String?
    public var vncdisplay: Int?
    public var vncunused: Bool?
    public var vncpasswd: String?
    public var sdl: Bool = false
    public var display: String?
    public var xauthority: String?
    public var opengl: Bool?
    public var keymap: String?
    public var original: String = ""
    public init() {}
}

public struct PciSpec: Sendable, Hashable {
    public var domain: Int = 0
    public var bus: Int = 0
    public var device: Int = 0
    public var function: Int = 0
    /// `BB:DD.*`: every function of the device (libxl's vfunc_mask = all).
    public var allFunctions: Bool = false
    /// Guest slot (`@slot`), if pinned.
    public var vslot: Int?
    /// xl's `name=` (a device assigned by name with `xl pci-assignable-add -n`), instead of a BDF.
    public var name: String?
    public var permissive: Bool?
    public var msitranslate: Bool?
    public var powerMgmt: Bool?
    public var seize: Bool?
    /// `strict` or `relaxed`.
    public var rdmPolicy: String?
    public var original: String = ""
    public init() {}
}

/// A virtual TPM: xl's `backend=` and `uuid=`, plus xm's `instance=` and `type=` (kept for `--sxp`).
public struct VtpmSpec: Sendable, Hashable {
    public var backend: String?
    public var uuid: String?
    public var instance: String?
    public var type: String?
    public var original: String = ""
    public init() {}
}

/// A legacy I/O port range (hex in the config, `FROM[-TO]`), as libxl's ioport_range.
public struct IOPortRange: Sendable, Hashable {
    public var first: UInt32
    public var count: UInt32
    public init(first: UInt32, count: UInt32) {
        self.first = first
        self.count = count
    }
}
