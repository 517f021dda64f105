import Foundation

/// Accuracy counts for tagging and lemmatisation against gold CoNLL-U.
public struct TaggingScores: Sendable, CustomStringConvertible {
    /// Number of evaluated words.
    public var words = 0
    /// Correct UPOS, XPOS, both tags, and lemma counts.
    public var uposCorrect = 0
    public var xposCorrect = 0
    public var bothCorrect = 0
    public var lemmaCorrect = 0

    /// UPOS accuracy in [0, 1].
    public var uposAccuracy: Double { ratio(uposCorrect) }
    /// XPOS accuracy in [0, 1].
    public var xposAccuracy: Double { ratio(xposCorrect) }
    /// Lemma accuracy in [0, 1] (exact string match, predicted tags).
    public var lemmaAccuracy: Double { ratio(lemmaCorrect) }

    private func ratio(_ n: Int) -> Double { words == 0 ? 0 : Double(n) / Double(words) }

    /// One-line summary.
    public var description: String {
        String(format: "words %d  UPOS %.2f%%  XPOS %.2f%%  UPOS+XPOS %.2f%%  lemma %.2f%%",
               words, uposAccuracy * 100, xposAccuracy * 100, ratio(bothCorrect) * 100, lemmaAccuracy * 100)
    }
}

/// Evaluation helpers.
public enum Evaluation {
    /// Tags the gold tokenisation of `goldPath` and compares UPOS, XPOS and lemma.
    public static func tagging(tagger: Tagger, goldPath: String) throws -> TaggingScores {
        tagging(tagger: tagger, gold: try GoldSentence.load([goldPath]))
    }

    /// Evaluates an in-memory model on `goldPath`.
    public static func tagging(model: TaggerModel, goldPath: String) throws -> TaggingScores {
        try tagging(tagger: Tagger(model: model), goldPath: goldPath)
    }

    static func tagging(tagger: Tagger, gold: [GoldSentence]) -> TaggingScores {
        var s = TaggingScores()
        for sent in gold {
            let out = tagger.analyze(sent.forms, spaceAfter: sent.spaceAfter)
            for (i, w) in out.enumerated() {
                s.words += 1
                let u = w.upos == sent.upos[i]
                let x = w.xpos == sent.xpos[i]
                if u { s.uposCorrect += 1 }
                if x { s.xposCorrect += 1 }
                if u && x { s.bothCorrect += 1 }
                if w.lemma == sent.lemmas[i] { s.lemmaCorrect += 1 }
            }
        }
        return s
    }

    /// Confusion counts `(gold, predicted) → count` for XPOS errors, most frequent first.
    public static func xposConfusions(tagger: Tagger, goldPath: String, limit: Int = 20) throws -> [(String, String, Int)] {
        var c: [String: Int] = [:]
        for sent in try GoldSentence.load([goldPath]) {
            for (i, t) in tagger.tag(sent.forms, spaceAfter: sent.spaceAfter).enumerated() where t.xpos != sent.xpos[i] {
                c[sent.xpos[i] + "\t" + t.xpos, default: 0] += 1
            }
        }
        return c.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(limit).map {
            let p = $0.key.split(separator: "\t").map(String.init)
            return (p.first ?? "", p.last ?? "", $0.value)
        }
    }

    /// Lemma errors `(form, xpos, gold, predicted)` using gold tags, for diagnostics.
    public static func lemmaErrors(tagger: Tagger, goldPath: String, limit: Int = 40) throws -> [(String, Int)] {
        var c: [String: Int] = [:]
        for sent in try GoldSentence.load([goldPath]) {
            for i in sent.forms.indices {
                let p = tagger.lemmatizer.lemma(sent.forms[i], xpos: sent.xpos[i])
                if p != sent.lemmas[i] { c["\(sent.forms[i])/\(sent.xpos[i]) gold=\(sent.lemmas[i]) pred=\(p)", default: 0] += 1 }
            }
        }
        return c.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(limit).map { ($0.key, $0.value) }
    }
}
