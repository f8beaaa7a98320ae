/// The CPU list syntax xm and xl share: comma-separated CPU numbers and ranges, `^N` removing CPUs
/// added before it ("0-3,^1" is 0,2,3), and xl's `all`. xl's `node:N` forms need the host's NUMA
/// layout and are refused here.
public enum CPUListSyntax {
    public static func parse(_ text: String) -> Result<CPUSet, CPUListError> {
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
