import XenCore

/// `xm list --json`: one object per domain with the same keys every time (null where a value is
/// unknown), sorted, so scripts can rely on them. Memory in KiB and MiB, times in seconds.
package enum DomainJSONFormat {
    package static func object(_ d: DomainDetails) -> JSONValue {
        let i = d.info
        var config = JSONValue.null
        if let s = d.stored {
            config = .object([
                "type": .string(s.type.rawValue), "kernel": .from(s.kernel), "ramdisk": .from(s.ramdisk),
                "cmdline": .from(s.cmdline), "bootloader": .from(s.bootloader),
                "on_poweroff": .string(s.onPoweroff), "on_reboot": .string(s.onReboot), "on_crash": .string(s.onCrash),
                "target_memory_kib": .from(s.targetMemoryKiB), "max_memory_kib": .from(s.maxMemoryKiB),
                "max_vcpus": .from(s.maxVCPUs),
                "disks": .array(
                    s.disks.map {
                        .object([
                            "target": .string($0.target), "vdev": .string($0.vdev), "writable": .bool($0.writable),
                            "format": .string($0.format), "cdrom": .bool($0.cdrom),
                        ])
                    }),
                "nics": .array(
                    s.nics.map {
                        .object([
                            "mac": .string($0.mac), "bridge": .from($0.bridge), "script": .from($0.script),
                            "ip": .from($0.ip),
                        ])
                    }),
            ])
        }
        return .object([
            "domid": .from(i.id), "name": .string(i.name), "uuid": .string(i.uuid), "type": .string(i.type.rawValue),
            "state": .string(i.stateLetters),
            "flags": .object([
                "running": .bool(i.running), "blocked": .bool(i.blocked), "paused": .bool(i.paused),
                "shutdown": .bool(i.shutdown), "crashed": .bool(i.crashed), "dying": .bool(i.dying),
            ]),
            "shutdown_reason": .from(i.shutdownReason?.rawValue),
            "memory_mib": .from(DomainListFormat.memoryMiB(i)), "memory_kib": .from(i.currentMemoryKiB),
            "max_memory_kib": .from(i.maxMemoryKiB),
            "online_vcpus": .from(i.vcpusOnline), "max_vcpus": .from(i.vcpuMaxID + 1),
            "cpu_time": .double(DomainListFormat.cpuSeconds(i)),
            "start_time": .from(d.startTime), "cpu_weight": .from(d.credit?.weight), "cpu_cap": .from(d.credit?.cap),
            "config": config,
        ])
    }

    /// A JSON array, pretty-printed with sorted keys.
    package static func render(_ domains: [DomainDetails]) -> String {
        JSONValue.array(domains.map(object)).rendered()
    }
}
