import ArgumentParser

/// `xm`: the commands an Oracle VM administrator knows, one file per command family.
struct XM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xm",
        abstract: "Manage Xen guest domains (an xm-compatible toolstack on libxl).",
        discussion: """
            Domain configuration files use the vm.cfg language of xm and Oracle VM; see xm.cfg(5).
            Commands that touch domains must run as root in the dom0 of a Xen host.
            """,
        version: "xm 0.1.0 (Xen 4.17 libxl)",
        subcommands: [
            Create.self, Check.self, Console.self,
            List.self, Domid.self, Domname.self, Domstate.self, Uptime.self,
            Info.self, Dmesg.self, Log.self, Top.self,
            VcpuList.self, VcpuSet.self, VcpuPin.self, MemSet.self, MemMax.self, SchedCredit.self, SchedCredit2.self,
            Shutdown.self, Reboot.self, Destroy.self, Pause.self, Unpause.self, Reset.self, Rename.self,
            Sysrq.self, Trigger.self,
            CPUPoolCreate.self, CPUPoolList.self, CPUPoolDestroy.self, CPUPoolCPUAdd.self, CPUPoolCPURemove.self,
            CPUPoolMigrate.self, MonitorDomain.self, CacheKernel.self,
        ] + HypervisorCommands.all,
        helpNames: [.short, .long]
    )
}
