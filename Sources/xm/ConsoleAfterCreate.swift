import XenCore

/// `xm create -c`: attach to the new domain's console.
/// TODO(console): the `xm console` work fills this in with its attach code; until then -c says so
/// plainly after the domain has started (it stays running).
func attachConsoleAfterCreate(_ domid: UInt32) throws {
    throw XenError.unsupported("domain \(domid) started, but attaching its console (-c) is not implemented yet: use 'xm console \(domid)'")
}
