/// The CPU list syntax xm and xl share: comma-separated CPU numbers and ranges, `^N` removing CPUs
/// added before it ("0-3,^1" is 0,2,3), and xl's `all`. xl's `node:N` forms need the host's NUMA
/// layout and are refused here.
public enum CPUListSyntax {
    public static func parse(_ text: String) -> Result<CPUSet, CPUListError> {
        text.isASCII ? parseASCII(Array(text.utf8)) : parseCharacters(text)
    }

    /// `parse` Character by Character, for text that is not ASCII.
    static func parseCharacters(_ text: String) -> Result<CPUSet, CPUListError> {
        var cpus: [Int] = []
        var all = false
        for rawToken in text.split(separator: ",") {
            var token = Substring(rawToken.trimmingBlanks())
            let negate = token.first == "^"
            if negate { token = token.dropFirst() }
            if token.hasPrefix("node:") || token.hasPrefix("nodes:") {
                return .failure(CPUListError("NUMA node ranges ('\(rawToken)') are not supported; list the CPUs"))
            }
            if token == "all" {
                if negate { return .failure(CPUListError("'^all' is not allowed")) }
                if !cpus.isEmpty { return .failure(CPUListError("'all' cannot be combined with CPU numbers")) }
                all = true
                continue
            }
            guard let (first, last) = range(token) else {
                return .failure(CPUListError("invalid CPU range '\(rawToken)' (expected N, N-M or ^N)"))
            }
            if all { return .failure(CPUListError("'all' cannot be combined with CPU numbers")) }
            if negate { cpus.removeAll { (first...last).contains($0) } } else { cpus.append(contentsOf: first...last) }
        }
        if all { return .success(.any) }
        return .success(CPUSet(cpus: cpus))
    }

    /// `parse` on the bytes of an ASCII text, where a byte is a Character (but "\r\n", which
    /// `trimmedASCII` keeps as the Character-level trim does): the same tokens, numbers and
    /// messages without Character-level splitting and trimming, which cost ~100 instructions a
    /// character.
    static func parseASCII(_ bytes: [UInt8]) -> Result<CPUSet, CPUListError> {
        func text(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
        func number(_ r: Range<Int>) -> Int? { Byte.integer(bytes[trimmedASCII(bytes, r)]) }
        var cpus: [Int] = []
        var all = false
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: ",")) ?? bytes.count
            let raw = start..<end
            start = end + 1
            if raw.isEmpty { continue }  // as split() omits empty pieces
            var token = trimmedASCII(bytes, raw)
            let negate = !token.isEmpty && bytes[token.lowerBound] == UInt8(ascii: "^")
            if negate { token = (token.lowerBound + 1)..<token.upperBound }
            if bytes[token].starts(with: "node:".utf8) || bytes[token].starts(with: "nodes:".utf8) {
                return .failure(CPUListError("NUMA node ranges ('\(text(raw))') are not supported; list the CPUs"))
            }
            if bytes[token].elementsEqual("all".utf8) {
                if negate { return .failure(CPUListError("'^all' is not allowed")) }
                if !cpus.isEmpty { return .failure(CPUListError("'all' cannot be combined with CPU numbers")) }
                all = true
                continue
            }
            let dash = bytes[token].firstIndex(of: UInt8(ascii: "-"))
            guard let first = number(token.lowerBound..<(dash ?? token.upperBound)), first >= 0, first < 4096,
                let last = dash.map({ number(($0 + 1)..<token.upperBound) }) ?? first, last >= first, last < 4096
            else {
                return .failure(CPUListError("invalid CPU range '\(text(raw))' (expected N, N-M or ^N)"))
            }
            if all { return .failure(CPUListError("'all' cannot be combined with CPU numbers")) }
            if negate { cpus.removeAll { (first...last).contains($0) } } else { cpus.append(contentsOf: first...last) }
        }
        if all { return .success(.any) }
        return .success(CPUSet(cpus: cpus))
    }

    static func range(_ token: Substring) -> (Int, Int)? {
        let parts = token.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard let a = Int(parts[0].trimmingBlanks()), a >= 0, a < 4096 else { return nil }
        if parts.count == 1 { return (a, a) }
        guard let b = Int(parts[1].trimmingBlanks()), b >= a, b < 4096 else { return nil }
        return (a, b)
    }
}

public struct CPUListError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
