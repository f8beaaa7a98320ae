import ArgumentParser

/// `xm`: the commands an Oracle VM administrator knows. Each subcommand's type is its command
/// name in UpperCamelCase with `Command` appended (`vcpu-list` is `VCPUListCommand`, the hidden
/// `__monitor` is `MonitorCommand`). README.md in this directory maps each command to its file
/// and to what it calls in XenCore.
package struct XM: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "xm",
        abstract: "Manage Xen guest domains (an xm-compatible toolstack on libxl).",
        discussion: """
            Domain configuration files use the vm.cfg language of xm and Oracle VM; see xm.cfg(5).
            Commands that touch domains must run as root in the dom0 of a Xen host.
            """,
        version: "xm 0.1.0 (Xen 4.17 libxl)",
        subcommands: [
            CreateCommand.self, CheckCommand.self, ConsoleCommand.self,
            ListCommand.self, DomidCommand.self, DomnameCommand.self, DomstateCommand.self, UptimeCommand.self,
            InfoCommand.self, DmesgCommand.self, LogCommand.self, TopCommand.self,
            VCPUListCommand.self, VCPUSetCommand.self, VCPUPinCommand.self, MemSetCommand.self, MemMaxCommand.self,
            SchedCreditCommand.self, SchedCredit2Command.self,
            ShutdownCommand.self, RebootCommand.self, DestroyCommand.self, PauseCommand.self, UnpauseCommand.self,
            ResetCommand.self, RenameCommand.self, SysrqCommand.self, TriggerCommand.self,
            CPUPoolCreateCommand.self, CPUPoolListCommand.self, CPUPoolDestroyCommand.self,
            CPUPoolCPUAddCommand.self, CPUPoolCPURemoveCommand.self, CPUPoolMigrateCommand.self,
            MonitorCommand.self, CacheKernelCommand.self,
            SaveCommand.self, RestoreCommand.self, MigrateCommand.self, MigrateReceiveCommand.self,
            RelocationServerCommand.self,
            BlockAttachCommand.self, BlockDetachCommand.self, BlockListCommand.self, BlockConfigureCommand.self,
            CDInsertCommand.self, CDEjectCommand.self,
            NetworkAttachCommand.self, NetworkDetachCommand.self, NetworkListCommand.self,
            VTPMListCommand.self, PCIListCommand.self, PCIListAssignableDevicesCommand.self,
            PCIAttachCommand.self, PCIDetachCommand.self,
            DumpCoreCommand.self, DebugKeysCommand.self,
        ],
        helpNames: [.short, .long]
    )

    package init() {}
}
