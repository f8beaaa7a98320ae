/// "Did you mean ...?" for misspelt keys: the closest known name by edit distance, where adjacent
/// transpositions count as one edit (`memroy` -> `memory`).
public enum Suggestion {
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let w = Array(word.lowercased().unicodeScalars)
        // Short words tolerate one edit, longer ones two; never more than a third of the word.
        let limit = min(2, max(1, w.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            // The length test first: it rules out almost every candidate without allocating.
            if abs(candidate.utf8.count - word.utf8.count) > limit { continue }
            let c = Array(candidate.lowercased().unicodeScalars)
            if abs(c.count - w.count) > limit { continue }
            let d = distance(w, c)
            if d <= limit, best == nil || d < best!.distance { best = (candidate, d) }
        }
        return best?.name
    }

    public static func hint(for word: String, among candidates: [String]) -> String? {
        closest(to: word, among: candidates).map { "did you mean '\($0)'?" }
    }

    /// Optimal string alignment distance.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
