import Foundation

/// `xm list --json`: one object per domain with the same keys every time (null where a value is
/// unknown), sorted, so scripts can rely on them. Memory in KiB and MiB, times in seconds.
public enum DomainJSONFormat {
    public static func object(_ d: DomainDetails) -> [String: Any] {
        let i = d.info
        func orNull(_ v: Any?) -> Any { v ?? NSNull() }
        var config: Any = NSNull()
        if let s = d.stored {
            config = [
                "type": s.type.rawValue, "kernel": orNull(s.kernel), "ramdisk": orNull(s.ramdisk),
                "cmdline": orNull(s.cmdline), "bootloader": orNull(s.bootloader),
                "on_poweroff": s.onPoweroff, "on_reboot": s.onReboot, "on_crash": s.onCrash,
                "target_memory_kib": s.targetMemoryKiB, "max_memory_kib": s.maxMemoryKiB, "max_vcpus": s.maxVCPUs,
                "disks": s.disks.map { ["target": $0.target, "vdev": $0.vdev, "writable": $0.writable,
                                        "format": $0.format, "cdrom": $0.cdrom] as [String: Any] },
                "nics": s.nics.map { ["mac": $0.mac, "bridge": orNull($0.bridge), "script": orNull($0.script),
                                      "ip": orNull($0.ip)] as [String: Any] },
            ] as [String: Any]
        }
        return [
            "domid": i.id, "name": i.name, "uuid": i.uuid, "type": i.type.rawValue,
            "state": i.stateLetters,
            "flags": ["running": i.running, "blocked": i.blocked, "paused": i.paused,
                      "shutdown": i.shutdown, "crashed": i.crashed, "dying": i.dying],
            "shutdown_reason": orNull(i.shutdownReason?.rawValue),
            "memory_mib": DomainListFormat.memoryMiB(i), "memory_kib": i.currentMemoryKiB,
            "max_memory_kib": i.maxMemoryKiB,
            "online_vcpus": i.vcpusOnline, "max_vcpus": i.vcpuMaxID + 1,
            "cpu_time": DomainListFormat.cpuSeconds(i),
            "start_time": orNull(d.startTime), "cpu_weight": orNull(d.credit?.weight), "cpu_cap": orNull(d.credit?.cap),
            "config": config,
        ]
    }

    /// A JSON array, pretty-printed with sorted keys.
    public static func render(_ domains: [DomainDetails]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: domains.map(object),
                                              options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
