import Foundation
import Text

/// Precision, recall and F1 of named mentions (span + type).
public struct NERScores: Sendable, CustomStringConvertible {
    /// Per coarse type: (true positives, predicted, gold).
    public var counts: [String: (tp: Int, pred: Int, gold: Int)] = [:]

    /// Micro-averaged scores over `types`.
    public func micro(_ types: [String] = ["PERSON", "ORG", "PLACE"]) -> (p: Double, r: Double, f1: Double) {
        var tp = 0, pr = 0, gd = 0
        for t in types {
            let c = counts[t] ?? (0, 0, 0)
            tp += c.tp; pr += c.pred; gd += c.gold
        }
        let p = pr == 0 ? 0 : Double(tp) / Double(pr)
        let r = gd == 0 ? 0 : Double(tp) / Double(gd)
        return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r))
    }

    /// A table of per-type and micro scores.
    public var description: String {
        var out = ""
        for t in ["PERSON", "ORG", "PLACE", "EVENT"] {
            let c = counts[t] ?? (0, 0, 0)
            let p = c.pred == 0 ? 0 : Double(c.tp) / Double(c.pred)
            let r = c.gold == 0 ? 0 : Double(c.tp) / Double(c.gold)
            let f = p + r == 0 ? 0 : 2 * p * r / (p + r)
            out += String(format: "%-7@ P %.3f R %.3f F1 %.3f (gold %d)\n", t, p, r, f, c.gold)
        }
        let m = micro()
        out += String(format: "micro (PERSON, ORG, PLACE): P %.3f R %.3f F1 %.3f", m.p, m.r, m.f1)
        return out
    }
}

/// Evaluates entity recognition against GUM named mentions (see ``NERCorpus``): gold tokenisation,
/// tags from the bundled tagger, exact span match and type match (GPE and LOC both count as PLACE).
public enum NEREvaluation {
    /// Scores the recognizer on gold sentences.
    public static func evaluate(recognizer: EntityRecognizer, sentences: [NERSentence], tagger: Tagger,
                                errors: ((String) -> Void)? = nil) -> NERScores {
        var scores = NERScores()
        var predicted: [[EntityMention]] = []
        let tagged = sentences.map { tagger.tag($0.words, spaceAfter: $0.spaceAfter).map(\.xpos) }
        // Article by article, with document-level consistency, as the extraction pipeline does.
        var start = 0
        while start < sentences.count {
            var end = start + 1
            while end < sentences.count, sentences[end].document == sentences[start].document { end += 1 }
            var doc = recognizer.mentions(sentences: sentences[start..<end].map(\.words), xpos: Array(tagged[start..<end]))
            recognizer.harmonize(&doc, words: sentences[start..<end].map(\.words), xpos: Array(tagged[start..<end]))
            predicted += doc
            start = end
        }
        for (si, s) in sentences.enumerated() {
            var pred = Set<String>()
            for m in predicted[si] {
                guard let t = label(m.type) else { continue }
                pred.insert("\(m.start):\(m.end):\(t)")
                scores.counts[t, default: (0, 0, 0)].pred += 1
            }
            var gold = Set<String>()
            for (r, t) in s.spans {
                scores.counts[t, default: (0, 0, 0)].gold += 1
                let key = "\(r.lowerBound):\(r.upperBound):\(t)"
                gold.insert(key)
                if pred.contains(key) { scores.counts[t, default: (0, 0, 0)].tp += 1 }
            }
            if let errors, pred != gold {
                func show(_ keys: Set<String>) -> String {
                    keys.sorted().map { k in
                        let p = k.split(separator: ":")
                        let a = Int(p[0]) ?? 0, b = Int(p[1]) ?? 0
                        return "[\(s.words[a..<b].joined(separator: " "))]/\(p[2])"
                    }.joined(separator: " ")
                }
                errors("FN: \(show(gold.subtracting(pred)))  FP: \(show(pred.subtracting(gold)))  | \(s.words.joined(separator: " ").prefix(160))")
            }
        }
        return scores
    }

    static func label(_ t: EntityType) -> String? {
        switch t {
        case .person: return "PERSON"
        case .org: return "ORG"
        case .gpe, .loc: return "PLACE"
        case .event: return "EVENT"
        default: return nil
        }
    }
}
