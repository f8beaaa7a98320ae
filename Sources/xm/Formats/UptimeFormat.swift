/// `xm uptime [-s]` (xm/main.py `xm_uptime`).
package enum UptimeFormat {
    /// `'%-33s %4s %s ' % ('Name','ID','Uptime')` — with xm's trailing space.
    package static let header = PyFormat.s("Name", 33, left: true) + " " + PyFormat.s("ID", 4) + " Uptime "

    /// `"1 day,  2:03:04"`: days only when there are any, hours `%2d`, minutes and seconds `%02d`.
    package static func duration(_ seconds: Int, withSeconds: Bool = true) -> String {
        var rest = max(0, seconds)
        let days = rest / 86400
        rest -= days * 86400
        let hours = rest / 3600
        rest -= hours * 3600
        let minutes = rest / 60
        rest -= minutes * 60
        var out = ""
        if days > 0 { out += "\(days) day" + (days > 1 ? "s" : "") + ", " }
        out += PyFormat.d(hours, 2) + ":" + PyFormat.zero(minutes, 2)
        if withSeconds { out += ":" + PyFormat.zero(rest, 2) }
        return out
    }

    /// `'%(name)-32s %(domid)5s '` and the duration.
    package static func line(name: String, domid: UInt32, seconds: Int) -> String {
        PyFormat.s(name, 32, left: true) + " " + PyFormat.s(String(domid), 5) + " " + duration(seconds)
    }

    /// `-s`: `" HH:MM:SS up 1 day,  2:03, name (id)"`; `clock` is the local time as HH:MM:SS.
    package static func shortLine(name: String, domid: UInt32, seconds: Int, clock: String) -> String {
        " \(clock) up " + duration(seconds, withSeconds: false) + ", \(name) (\(domid))"
    }
}
