import XenCore

/// `xm create -c`: attach to the new domain's console, as xm did.
func attachConsoleAfterCreate(_ domid: UInt32) throws {
    try attachConsole(ctx: Session.hypervisor(), domid: domid, type: nil)
}
