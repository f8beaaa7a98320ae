/// xend's S-expressions, the form `xm create --dryrun` and `xm list -l` printed.
package indirect enum SXP: Sendable, Hashable {
    case atom(String)
    case list([SXP])

    package static func node(_ name: String, _ children: [SXP]) -> SXP { .list([.atom(name)] + children) }
    package static func pair(_ name: String, _ value: String) -> SXP { .list([.atom(name), .atom(value)]) }
    package static func pair(_ name: String, _ value: Int) -> SXP { .list([.atom(name), .atom(String(value))]) }

    /// Pretty-printed like xend's: a node whose children are all atoms stays on one line,
    /// others put each child on its own line, indented by four.
    package func rendered(indent: Int = 0) -> String {
        switch self {
        case .atom(let a): return Self.quote(a)
        case .list(let items):
            if items.allSatisfy({ if case .atom = $0 { true } else { false } }) {
                return "(" + items.map { $0.rendered() }.joined(separator: " ") + ")"
            }
            let pad = String(repeating: " ", count: indent + 4)
            var out = "(" + (items.first.map { $0.rendered() } ?? "")
            for item in items.dropFirst() {
                out += "\n" + pad + item.rendered(indent: indent + 4)
            }
            return out + "\n" + String(repeating: " ", count: indent) + ")"
        }
    }

    /// sxp.show quotes atoms that would otherwise not read back as one atom.
    static func quote(_ s: String) -> String {
        let special: Set<Character> = [" ", "\t", "\n", "(", ")", "'", "\"", "\\", "[", "]", "<", ">"]
        if !s.isEmpty, !s.contains(where: { special.contains($0) }) { return s }
        var out = "'"
        for c in s {
            switch c {
            case "'": out += "\\'"
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(c)
            }
        }
        return out + "'"
    }
}
