/// "Did you mean ...?" for misspelt keys: the closest known name by edit distance, where adjacent
/// transpositions count as one edit (`memroy` -> `memory`). Only computed when a warning or error
/// is actually emitted, so it may take its time, but not a quadratic amount of allocations.
public enum Suggestion {
    public static func closest(to word: String, among candidates: [String]) -> String? {
        closest(to: word, among: Candidates(candidates))
    }

    /// Candidate names with their lower-cased scalars, prepared once for a list asked often.
    struct Candidates: Sendable {
        let names: [String]
        let byteCounts: [Int]
        let scalars: [[UInt32]]
        let masks: [UInt64]
        init(_ names: [String]) {
            self.names = names
            byteCounts = names.map(\.utf8.count)
            scalars = names.map(lowercasedScalars)
            masks = scalars.map(characterMask)
        }
    }

    /// Which characters occur, folded onto 64 bits. An edit changes at most two bits (one
    /// character gone, one new), so half the differing bits is a lower bound on the distance.
    private static func characterMask(_ scalars: [UInt32]) -> UInt64 {
        scalars.reduce(0) { $0 | 1 << UInt64($1 % 64) }
    }

    static func closest(to word: String, among candidates: Candidates) -> String? {
        let w = lowercasedScalars(word)
        // Short words tolerate one edit, longer ones two; never more than a third of the word.
        let limit = min(2, max(1, w.count / 3))
        let wordBytes = word.utf8.count
        let wordMask = characterMask(w)
        var best: (name: String, distance: Int)?
        var table = DistanceTable()
        for k in candidates.names.indices {
            // The lengths first: they rule out almost every candidate.
            if abs(candidates.byteCounts[k] - wordBytes) > limit { continue }
            if (wordMask ^ candidates.masks[k]).nonzeroBitCount > 2 * limit { continue }
            let c = candidates.scalars[k]
            if abs(c.count - w.count) > limit { continue }
            let d = table.distance(w, c, giveUpAbove: limit)
            if d <= limit, best == nil || d < best!.distance { best = (candidates.names[k], d) }
        }
        return best?.name
    }

    /// The scalars of `text.lowercased()`; for ASCII text (every key name) without building the
    /// lower-cased String.
    private static func lowercasedScalars(_ text: String) -> [UInt32] {
        if text.isASCII {
            return text.utf8.map { UInt32($0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0) }
        }
        return text.lowercased().unicodeScalars.map(\.value)
    }

    public static func hint(for word: String, among candidates: [String]) -> String? {
        closest(to: word, among: candidates).map { "did you mean '\($0)'?" }
    }

    static func hint(for word: String, among candidates: Candidates) -> String? {
        closest(to: word, among: candidates).map { "did you mean '\($0)'?" }
    }

    /// Optimal string alignment distance.
    package static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var table = DistanceTable()
        return table.distance(a.map(\.value), b.map(\.value), giveUpAbove: Int.max)
    }
}

/// The rows of the optimal string alignment table, kept between candidates so comparing a word
/// with a few hundred names allocates them once.
private struct DistanceTable {
    private var older: [Int] = [], previous: [Int] = [], current: [Int] = []

    /// The distance, or some value above `cap` as soon as every alignment costs more than `cap`
    /// (a row's minimum can only drop by reaching two rows back, so two hopeless rows end it).
    mutating func distance(_ a: [UInt32], _ b: [UInt32], giveUpAbove cap: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        older.removeAll(keepingCapacity: true)
        older.append(contentsOf: repeatElement(0, count: width))
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: 0...b.count)
        current.removeAll(keepingCapacity: true)
        current.append(contentsOf: repeatElement(0, count: width))
        var previousMinimum = 0
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, older[j - 2] + 1)
                }
                current[j] = d
                rowMinimum = min(rowMinimum, d)
            }
            if rowMinimum > cap, i > 1, previousMinimum > cap { return rowMinimum }
            previousMinimum = rowMinimum
            swap(&older, &previous)
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
