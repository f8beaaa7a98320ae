import Glibc

/// Wall-clock time for logs and tables, on POSIX rather than Foundation's Date (which would bring
/// all of Foundation into xm; see Files.swift).
public enum WallClock {
    /// Seconds since the epoch.
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Seconds on the monotonic clock, for durations: unaffected by changes to the time of day.
    public static func monotonic() -> Double { monotonicSeconds() }

    /// `2026-11-27 17:07:34.250 +0000`: UTC to the millisecond, for the monitor's log (what it
    /// did within a second of a shutdown is what one wants to know).
    public static func utcStamp(_ seconds: Double = now()) -> String {
        let whole = seconds.rounded(.down)
        let millis = min(999, Int(((seconds - whole) * 1000).rounded(.down)))
        let ms = String(millis)
        return utc("%Y-%m-%d %H:%M:%S", whole) + "." + String(repeating: "0", count: 3 - ms.count) + ms + " +0000"
    }

    /// `17:07:34` in the host's time zone, as uptime(1) prints it.
    public static func localClock(_ seconds: Double = now()) -> String {
        format("%H:%M:%S", seconds, utc: false)
    }

    /// `pattern` (strftime's) applied to the time in UTC.
    public static func utc(_ pattern: String, _ seconds: Double = now()) -> String {
        format(pattern, seconds, utc: true)
    }

    /// `pattern` (strftime's) applied to the time in the host's time zone.
    public static func local(_ pattern: String, _ seconds: Double = now()) -> String {
        format(pattern, seconds, utc: false)
    }

    /// Sleeps the whole interval, resuming after signals.
    public static func sleep(seconds: Double) {
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }

    private static func format(_ pattern: String, _ seconds: Double, utc: Bool) -> String {
        var t = time_t(seconds)
        var parts = tm()
        _ = utc ? gmtime_r(&t, &parts) : localtime_r(&t, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        _ = strftime(&buffer, buffer.count, pattern, &parts)
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
