/// xm's memory sizes (main.py `int_unit`): a plain number is in the command's unit (MiB for
/// mem-set and mem-max); a trailing k, m or g (either case) gives the unit, and the value is
/// converted with integer division as xm did (`1500k` is 1 MiB).
package enum MemorySize {
    /// The size in KiB (xm's value in MiB, times 1024): what libxl takes.
    package static func kibibytes(_ text: String) throws(XMError) -> UInt64 {
        let t = text.trimmingBlanks()
        guard let last = t.last else { throw .invalidMemorySize(text) }
        let unitKiB: UInt64
        var digits = Substring(t)
        switch last {
        case "k", "K":
            unitKiB = 1
            digits = digits.dropLast()
        case "m", "M":
            unitKiB = 1024
            digits = digits.dropLast()
        case "g", "G":
            unitKiB = 1024 * 1024
            digits = digits.dropLast()
        default: unitKiB = 1024
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
            let value = UInt64(digits), value <= UInt64.max / (1024 * 1024)
        else { throw .invalidMemorySize(text) }
        // xm converted to MiB with integer division before sending it on.
        return value * unitKiB / 1024 * 1024
    }
}

extension String {
    fileprivate func trimmingBlanks() -> Substring {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return s
    }
}
