import Glibc

/// The few pieces of Python's `%`-formatting that xm's tables use, so our columns line up
/// character for character with xm's: `%-40s`, `%5s`, `%5d`, `%8.1f`. Widths are minimums,
/// as in Python: a longer value is never cut.
package enum PyFormat {
    /// `%Ns` (right-aligned) or `%-Ns` (left-aligned).
    package static func s(_ value: String, _ width: Int, left: Bool = false) -> String {
        let pad = width - value.count
        guard pad > 0 else { return value }
        let spaces = String(repeating: " ", count: pad)
        return left ? value + spaces : spaces + value
    }

    /// `%Nd` (or `%-Nd`).
    package static func d<I: BinaryInteger>(_ value: I, _ width: Int, left: Bool = false) -> String {
        s(String(value), width, left: left)
    }

    /// `%W.Pf`: C's rounding of the binary value, which is what Python does too.
    package static func f(_ value: Double, _ width: Int, _ precision: Int) -> String {
        cFormat("%\(width).\(precision)f", value)
    }

    /// `%02d` and the like: zero-padded.
    package static func zero<I: BinaryInteger>(_ value: I, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Python 2's `str(float)`: 12 significant digits, as xend's SXP printed floats.
    package static func pyStr(_ value: Double) -> String {
        let g = cFormat("%.12g", value)
        return g.contains(".") || g.contains("e") || g.contains("n") ? g : g + ".0"
    }

    /// C's printf for one double (Python's `%` formatting of floats is C's).
    private static func cFormat(_ format: String, _ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let n = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        if n >= buffer.count {  // a huge width: ask again with room for it
            buffer = [CChar](repeating: 0, count: Int(n) + 1)
            _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
