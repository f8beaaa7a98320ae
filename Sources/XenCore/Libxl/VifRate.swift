/// A vif's `rate=` (docs/misc/xl-network-configuration: `RATE[@INTERVAL]`, e.g. `10MB/s@20ms`),
/// read as xlu_vif_parse_rate reads it: a rate in bytes or bits per second with an optional
/// decimal K/M/G multiplier, and a replenishment interval defaulting to 50 ms.
struct VifRate: Equatable {
    var bytesPerInterval: UInt64
    var intervalMicroseconds: UInt32

    enum ParseError: Error, Equatable { case invalid(String), overflow(String) }

    static func parse(_ text: String) throws(ParseError) -> VifRate {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        let ratePart = parts[0]
        guard !ratePart.isEmpty else { throw .invalid("no rate given") }
        let bytesPerSecond = try bytesPerSecond(ratePart)
        var interval: UInt64 = 50_000
        if parts.count == 2 { interval = try microseconds(parts[1]) }
        let (product, overflow) = bytesPerSecond.multipliedReportingOverflow(by: interval)
        guard !overflow else { throw .overflow("rate too large") }
        return VifRate(bytesPerInterval: product / 1_000_000, intervalMicroseconds: UInt32(interval))
    }

    /// `^[0-9]+[GMK]?[Bb]/s$`
    private static func bytesPerSecond(_ text: Substring) throws(ParseError) -> UInt64 {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        var rest = text.dropFirst(digits.count)
        var multiplier: UInt64 = 1
        switch rest.first {
        case "G": multiplier = 1_000_000_000; rest = rest.dropFirst()
        case "M": multiplier = 1_000_000; rest = rest.dropFirst()
        case "K": multiplier = 1_000; rest = rest.dropFirst()
        default: break
        }
        guard !digits.isEmpty, rest == "B/s" || rest == "b/s" else {
            throw .invalid("invalid rate '\(text)' (expected e.g. 10MB/s or 100Mb/s)")
        }
        let value = try number(digits, what: "rate")
        guard value > 0, value <= UInt64(UInt32.max) else { throw .overflow("rate overflow in '\(text)'") }
        var perSecond = value * multiplier
        if rest.first == "b" { perSecond /= 8 }
        return perSecond
    }

    /// `^[0-9]+[mu]?s?$`: seconds unless `ms` or `us` (a bare `m`/`u` also counts).
    private static func microseconds(_ text: Substring) throws(ParseError) -> UInt64 {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let unit = text.dropFirst(digits.count)
        guard !digits.isEmpty, ["", "s", "m", "ms", "u", "us"].contains(String(unit)) else {
            throw .invalid("invalid replenishment interval '\(text)' (expected e.g. 50ms)")
        }
        let value = try number(digits, what: "interval")
        guard value > 0, value <= UInt64(UInt32.max) else {
            throw .overflow("replenishment interval overflow in '\(text)'")
        }
        let scale: UInt64 = unit.hasPrefix("m") ? 1_000 : unit.hasPrefix("u") ? 1 : 1_000_000
        let micro = value * scale
        guard micro <= UInt64(UInt32.max) else { throw .overflow("replenishment interval overflow in '\(text)'") }
        return micro
    }

    /// xlu reads the digits with strtoull base 0, so a leading zero would make them octal; we
    /// refuse that spelling rather than guess.
    private static func number(_ digits: Substring, what: String) throws(ParseError) -> UInt64 {
        guard digits.count == 1 || digits.first != "0" else {
            throw .invalid("\(what) '\(digits)' has a leading zero (xl would read it as octal)")
        }
        guard let value = UInt64(digits) else { throw .overflow("\(what) overflow") }
        return value
    }
}
