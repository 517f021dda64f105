import Foundation

/// What an article says about each capitalised word elsewhere: the words before and after its
/// occurrences, the last words of the capitalised names it is part of, and whether it is also
/// written in lower case. The entity tagger reads these as features, so that "Tulsa" in a headline
/// is typed by "in Tulsa" further down, and a capitalised "Iodine" at a sentence start by the
/// "iodine" in the text.
public struct NERDocumentContext: Sendable {
    /// Per capitalised word: lower-case neighbours and name-final words, first few distinct ones.
    var evidence: [String: [String]] = [:]
    /// Lower-cased forms of words seen written in lower case.
    var lowercase: Set<String> = []

    /// How many distinct previous words, next words and name-final words are kept per word.
    static let limit = 4

    /// No document evidence (a sentence on its own).
    public init() {}

    /// Collects the evidence of one document given as tokenised sentences.
    public init(sentences: [[String]]) {
        var counts: [String: (prev: Int, next: Int, last: Int)] = [:]
        for words in sentences {
            let runs = NERFeatures.capitalisedRuns(words)
            for (i, w) in words.enumerated() {
                let r = runs[i]
                guard !r.isEmpty, NERFeatures.startsCapitalised(w) else {
                    // Lower-case words are kept as written (lower-casing every token costs more than
                    // the rare "eBay" is worth).
                    if r.isEmpty, w.utf8.count > 2, let u = w.utf8.first, u >= 97 && u <= 122 { lowercase.insert(w) }
                    continue
                }
                var c = counts[w] ?? (0, 0, 0)
                func add(_ tag: String, _ n: inout Int) {
                    guard n < NERDocumentContext.limit, !(evidence[w]?.contains(tag) ?? false) else { return }
                    evidence[w, default: []].append(tag)
                    n += 1
                }
                if r.lowerBound > 0 { add("p=" + words[r.lowerBound - 1].lowercased(), &c.prev) }
                if r.upperBound < words.count { add("n=" + words[r.upperBound].lowercased(), &c.next) }
                if r.count > 1, i != r.upperBound - 1 { add("l=" + words[r.upperBound - 1].lowercased(), &c.last) }
                counts[w] = c
            }
        }
    }

    /// Evidence for `word` (empty when none).
    func evidence(for word: String) -> [String] { evidence[word] ?? [] }
}

extension NERDocumentContext {
    /// The context of each sentence's document (consecutive sentences with the same `document`).
    static func perDocument(_ sentences: [NERSentence]) -> [NERDocumentContext] {
        var out: [NERDocumentContext] = []
        out.reserveCapacity(sentences.count)
        var start = 0
        while start < sentences.count {
            var end = start + 1
            while end < sentences.count, sentences[end].document == sentences[start].document { end += 1 }
            let c = NERDocumentContext(sentences: sentences[start..<end].map(\.words))
            out += repeatElement(c, count: end - start)
            start = end
        }
        return out
    }
}
