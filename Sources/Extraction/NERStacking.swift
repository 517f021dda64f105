import Foundation

/// What a first tagging pass said about each capitalised word of an article: how often each of its
/// occurrences was labelled O, PERSON, ORG, place or EVENT, and how often as part of a longer name.
/// The second (stacked) pass of the entity tagger reads, for every token, its own first-pass label,
/// its neighbours' labels and what the *other* occurrences of the same word received, so that a
/// name typed ORG in three sentences is not left a PERSON in the fourth, and a word seen inside a
/// longer name ("Coron Island") is read in that light elsewhere.
struct NERFirstPass {
    /// Per word: occurrences by type index (0 = O, 1 PERSON, 2 ORG, 3 place, 4 EVENT), and by
    /// type for occurrences inside multi-token names.
    struct Stats {
        var counts: (Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0)
        var long: (Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0)

        subscript(count t: Int) -> Int {
            switch t { case 0: return counts.0; case 1: return counts.1; case 2: return counts.2; case 3: return counts.3; default: return counts.4 }
        }
        subscript(long t: Int) -> Int {
            switch t { case 0: return long.0; case 1: return long.1; case 2: return long.2; case 3: return long.3; default: return long.4 }
        }
        mutating func add(_ t: Int, inLong: Bool) {
            switch t { case 0: counts.0 += 1; case 1: counts.1 += 1; case 2: counts.2 += 1; case 3: counts.3 += 1; default: counts.4 += 1 }
            guard inLong else { return }
            switch t { case 0: long.0 += 1; case 1: long.1 += 1; case 2: long.2 += 1; case 3: long.3 += 1; default: long.4 += 1 }
        }
    }

    var stats: [String: Stats] = [:]
    /// Per first-pass name (its words joined by spaces): occurrences by type index.
    var names: [String: Stats] = [:]

    static let typeNames = ["O", "PERSON", "ORG", "PLACE", "EVENT"]

    /// The type index of a label index of the tagger's label set (O, B-/I- pairs in type order).
    @inline(__always)
    static func type(_ label: Int) -> Int { (label + 1) / 2 }

    /// Whether token `i` is inside a first-pass name of more than one token.
    @inline(__always)
    static func inLong(_ labels: [Int], _ i: Int) -> Bool {
        let t = labels[i]
        guard t != 0 else { return false }
        if t % 2 == 0 { return true }   // I- label
        return i + 1 < labels.count && labels[i + 1] == t + 1
    }

    /// Collects the first-pass labels of one article's sentences.
    init(words: [[String]], labels: [[Int]]) {
        for (s, ws) in words.enumerated() {
            let ls = labels[s]
            for (i, w) in ws.enumerated() where NERFeatures.startsCapitalised(w) {
                stats[w, default: Stats()].add(NERFirstPass.type(ls[i]), inLong: NERFirstPass.inLong(ls, i))
            }
            for r in NERFirstPass.spans(ls) {
                names[ws[r].joined(separator: " "), default: Stats()].add(NERFirstPass.type(ls[r.lowerBound]), inLong: false)
            }
        }
    }

    /// The first-pass names of a sentence (B- label followed by its I- labels).
    static func spans(_ labels: [Int]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < labels.count {
            guard labels[i] != 0 else { i += 1; continue }
            var j = i + 1
            while j < labels.count, labels[j] != 0, labels[j] % 2 == 0, type(labels[j]) == type(labels[i]) { j += 1 }
            out.append(i..<j)
            i = j
        }
        return out
    }

    /// The majority type among `s`'s occurrences other than one of type `own` (nil: no other).
    static func majority(_ s: Stats, excluding own: Int) -> String? {
        var total = 0, best = -1, bestCount = 0
        for t in 0..<5 {
            let c = s[count: t] - (t == own ? 1 : 0)
            total += c
            if c > bestCount { best = t; bestCount = c }
        }
        guard best >= 0 else { return nil }
        return typeNames[best] + (bestCount == total ? ":all" : ":most")
    }

    /// Second-pass features of token `i` of a sentence whose first-pass labels are `own`.
    func features(words: [String], own: [Int], labels: [String], _ i: Int, into f: inout [UInt64]) {
        let me = labels[own[i]]
        let prev = i > 0 ? labels[own[i - 1]] : "<s>"
        let next = i + 1 < own.count ? labels[own[i + 1]] : "</s>"
        f.append(NERFeatures.hash(60, me))
        f.append(NERFeatures.hash(61, prev, me))
        f.append(NERFeatures.hash(62, me, next))
        if own[i] != 0, !names.isEmpty {
            // The first-pass name around token i, and what its other occurrences were typed.
            var a = i, b = i + 1
            while a > 0, own[a] % 2 == 0, own[a - 1] != 0 { a -= 1 }
            while b < own.count, own[b] != 0, own[b] % 2 == 0 { b += 1 }
            if let s = names[words[a..<b].joined(separator: " ")] {
                f.append(NERFeatures.hash(67, NERFirstPass.majority(s, excluding: NERFirstPass.type(own[i])) ?? "none"))
            }
        }
        let w = words[i]
        guard NERFeatures.startsCapitalised(w), let s = stats[w] else { return }
        // The other occurrences: this one's own label is a feature of its own.
        let t0 = NERFirstPass.type(own[i])
        let long0 = NERFirstPass.inLong(own, i)
        var total = 0, best = -1, bestCount = 0
        for t in 0..<5 {
            let c = s[count: t] - (t == t0 ? 1 : 0)
            total += c
            if c > bestCount { best = t; bestCount = c }
            if t > 0, c > 0 { f.append(NERFeatures.hash(64, NERFirstPass.typeNames[t])) }
            let l = s[long: t] - (t == t0 && long0 ? 1 : 0)
            if t > 0, l > 0 { f.append(NERFeatures.hash(65, NERFirstPass.typeNames[t])) }
        }
        guard best >= 0 else {
            f.append(NERFeatures.hash(63, "none"))
            return
        }
        let majority = NERFirstPass.typeNames[best] + (bestCount == total ? ":all" : ":most")
        f.append(NERFeatures.hash(63, majority))
        f.append(NERFeatures.hash(66, me, majority))
    }
}
