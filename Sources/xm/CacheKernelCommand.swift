import ArgumentParser
import Glibc
import XenCore

/// The kernel cache as xm uses it: on unless XM_KERNEL_CACHE says otherwise ("off", or another
/// directory). See XenCore's KernelCache and man/xm.1, "KERNEL CACHE".
enum KernelCacheSetting {
    static var cache: KernelCache? {
        guard let value = getenv("XM_KERNEL_CACHE").map({ String(cString: $0) }), !value.isEmpty else {
            return KernelCache()
        }
        if ["off", "no", "0", "false"].contains(value.lowercased()) { return nil }
        return value.hasPrefix("/") ? KernelCache(directory: value) : KernelCache()
    }
}

/// After a create whose kernel libxenguest had to unpack: unpack it once more, into the cache, in
/// a process of its own at the lowest priority, so neither this create nor the guest's boot waits
/// for it. The next create of that kernel (or the domain's restart) then skips the unpacking.
func cacheKernelInBackground(_ kernel: String) {
    do {
        try HelperProcess.launch(.kernelCacheFiller, arguments: ["__cache-kernel", kernel], logName: "kernel-cache")
    } catch {
        // Only a later create's speed is at stake; the domain is up.
        printError("Warning: kernel cache: \(error)")
    }
}

/// `xm __cache-kernel FILE`: the filler itself. Not for people; hidden from help.
struct CacheKernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "__cache-kernel",
        abstract: "Unpack a PV/PVH kernel into xm's kernel cache (internal).",
        shouldDisplay: false
    )

    @Argument var kernel: String

    func run() throws {
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        guard let cache = KernelCacheSetting.cache else { return }
        let stamp = "\(WallClock.utcStamp()) [\(getpid())]"
        do {
            switch try cache.fill(from: kernel) {
            case .stored(let path, let bytes): printError("\(stamp) \(kernel): unpacked into \(path) (\(bytes) bytes)")
            case .present(let path): printError("\(stamp) \(kernel): already in the cache as \(path)")
            case .notPacked: printError("\(stamp) \(kernel): not a packed bzImage; nothing to cache")
            }
        } catch {
            printError("\(stamp) \(kernel): not cached: \(error)")
            throw ExitCode.failure
        }
    }
}
