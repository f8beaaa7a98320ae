import CXen
import Glibc

/// Where a domain's console pty is: xenconsoled (PV console) and the device model (serial)
/// publish the pty's path in xenstore once they have set it up.
extension LibxlContext {
    /// The console type xm and xl pick when none is asked for: the emulated serial port of an
    /// HVM guest, the PV console otherwise. An HVM guest without a serial port (serial = 'none')
    /// falls back to its PV console, as xenconsole does.
    public func defaultConsoleType(domid: UInt32) throws -> ConsoleType {
        guard let info = try domainInfo(domid) else { throw XenError.domainNotFound(String(domid)) }
        guard info.type == .hvm else { return .pv }
        return consoleTTY(domid: domid, number: 0, type: .serial) == nil ? .pv : .serial
    }

    /// The pty path of console `number` of `type`, waiting up to `wait` seconds for it to
    /// appear: right after a create, xenconsoled may not have noticed the domain yet.
    public func waitForConsoleTTY(domid: UInt32, number: Int, type: ConsoleType, wait seconds: Double) throws -> String
    {
        let deadline = consoleClock() + seconds
        while true {
            if let path = consoleTTY(domid: domid, number: number, type: type) { return path }
            guard try domainInfo(domid) != nil else { throw XenError.domainNotFound(String(domid)) }
            if consoleClock() >= deadline {
                throw XenError.noConsolePty(domid: domid, type: type, number: number, waited: Int(seconds))
            }
            usleep(100_000)
        }
    }

    /// One look in xenstore; nil while there is no pty (libxl's complaint is dropped: waiting
    /// for it is the normal case).
    func consoleTTY(domid: UInt32, number: Int, type: ConsoleType) -> String? {
        var path: UnsafeMutablePointer<CChar>?
        let rc = libxl_console_get_tty(ctx, domid, Int32(number), type.libxlType, &path)
        _ = log.takeRecentErrors()
        guard rc == 0, let path else { return nil }
        defer { free(path) }
        return String(cString: path)
    }
}

/// Seconds on the monotonic clock (a deadline unaffected by changes of the time of day).
private func consoleClock() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

extension ConsoleType {
    var libxlType: libxl_console_type {
        switch self {
        case .pv: LIBXL_CONSOLE_TYPE_PV
        case .serial: LIBXL_CONSOLE_TYPE_SERIAL
        }
    }
}
