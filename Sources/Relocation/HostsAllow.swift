/// xend's `xend-relocation-hosts-allow`: space-separated regular expressions, each matched from
/// the start of the peer's address and of its name (Python's re.match, as xend did). A peer is
/// let in when any expression matches either. Nothing configured means loopback only, never
/// everyone: a relocation server takes whole domains from whoever it lets in.
public struct HostsAllow {
    public let patterns: [String]
    private let expressions: [Regex<AnyRegexOutput>]

    /// What nothing configured means.
    public static let loopbackOnly = ["^127\\.", "^::1$", "^::ffff:127\\.", "^localhost$", "^localhost\\.localdomain$"]

    /// Compiles each pattern; a pattern that is no regular expression throws `Invalid` naming it.
    public init(_ patterns: [String]) throws(Invalid) {
        var expressions: [Regex<AnyRegexOutput>] = []
        for pattern in patterns {
            do {
                expressions.append(try Regex(pattern))
            } catch {
                throw Invalid(pattern: pattern, reason: "\(error)")
            }
        }
        self.patterns = patterns
        self.expressions = expressions
    }

    /// Splits xend's setting at spaces; an empty setting means loopback only.
    public init(setting: String) throws(Invalid) {
        let words = setting.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        try self.init(words.isEmpty ? Self.loopbackOnly : words)
    }

    public func allows(address: String, name: String?) -> Bool {
        expressions.contains { expression in
            (try? expression.prefixMatch(in: address)) != nil
                || name.map { (try? expression.prefixMatch(in: $0)) != nil } == true
        }
    }

    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public var pattern: String
        public var reason: String
        public var description: String { "'\(pattern)' is not a regular expression: \(reason)" }
    }
}
