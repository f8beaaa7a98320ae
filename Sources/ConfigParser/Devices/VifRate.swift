/// xl's vif `rate=` syntax: `RATE/s[@INTERVAL]`, RATE = digits, optional G/M/K, then B (bytes) or
/// b (bits); INTERVAL = digits with optional `s`, `ms` or `us` (default 50ms) — libxlu_vif.c.
public struct VifRate: Sendable, Hashable {
    public var bytesPerInterval: UInt64
    public var intervalMicroseconds: UInt32

    package init(bytesPerInterval: UInt64, intervalMicroseconds: UInt32) {
        self.bytesPerInterval = bytesPerInterval
        self.intervalMicroseconds = intervalMicroseconds
    }

    public static func parse(_ text: String) -> Result<VifRate, DeviceSpecError> {
        let pieces = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        let ratePart = String(pieces[0])
        if ratePart.isEmpty { return .failure(DeviceSpecError("no rate specified in '\(text)'", near: text)) }
        guard let bytesPerSecond = bytesPerSecond(ratePart) else {
            return .failure(
                DeviceSpecError("invalid rate '\(ratePart)' (expected e.g. 10Mb/s or 100MB/s@20ms)", near: ratePart))
        }
        var interval: UInt64 = 50_000
        if pieces.count == 2 {
            guard let us = intervalMicroseconds(String(pieces[1])) else {
                return .failure(
                    DeviceSpecError(
                        "invalid replenishment interval '\(pieces[1])' (expected e.g. 20ms)", near: String(pieces[1])))
            }
            interval = us
        }
        let (product, overflow) = bytesPerSecond.multipliedReportingOverflow(by: interval)
        guard !overflow else { return .failure(DeviceSpecError("rate overflow in '\(text)'", near: text)) }
        return .success(VifRate(bytesPerInterval: product / 1_000_000, intervalMicroseconds: UInt32(interval)))
    }

    static func bytesPerSecond(_ s: String) -> UInt64? {
        var chars = Substring(s)
        guard chars.hasSuffix("/s") else { return nil }
        chars = chars.dropLast(2)
        let digits = chars.prefix(while: \.isASCIIDigit)
        var rest = chars.dropFirst(digits.count)
        guard !digits.isEmpty, let n = UInt64(digits), n > 0, n <= UInt64(UInt32.max) else { return nil }
        var value = n
        switch rest.first {
        case "G":
            value *= 1_000_000_000
            rest = rest.dropFirst()
        case "M":
            value *= 1_000_000
            rest = rest.dropFirst()
        case "K":
            value *= 1_000
            rest = rest.dropFirst()
        default: break
        }
        switch rest {
        case "B": return value
        case "b": return value / 8
        default: return nil
        }
    }

    static func intervalMicroseconds(_ s: String) -> UInt64? {
        let digits = s.prefix(while: \.isASCIIDigit)
        guard !digits.isEmpty, let n = UInt64(digits), n > 0, n <= UInt64(UInt32.max) else { return nil }
        let value: UInt64
        switch s.dropFirst(digits.count) {
        case "", "s": value = n * 1_000_000
        case "m", "ms": value = n * 1_000
        case "u", "us": value = n
        default: return nil
        }
        return value <= UInt64(UInt32.max) ? value : nil
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
