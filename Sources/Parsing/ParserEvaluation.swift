import Foundation

/// Attachment scores over all words (punctuation included, as in the standard UD evaluation).
public struct ParserScores: Sendable, CustomStringConvertible {
    /// Number of scored words.
    public var tokens: Int
    /// Number of sentences.
    public var sentences: Int
    /// Words with the correct head.
    public var correctHeads: Int
    /// Words with the correct head and the correct full relation (incl. subtype).
    public var correctLabelled: Int
    /// Words with the correct relation regardless of head.
    public var correctLabels: Int
    /// Parsing wall-clock time in seconds.
    public var seconds: Double

    /// Unlabelled attachment score in percent.
    public var uas: Double { tokens == 0 ? 0 : 100 * Double(correctHeads) / Double(tokens) }
    /// Labelled attachment score in percent.
    public var las: Double { tokens == 0 ? 0 : 100 * Double(correctLabelled) / Double(tokens) }
    /// Label accuracy in percent.
    public var labelAccuracy: Double { tokens == 0 ? 0 : 100 * Double(correctLabels) / Double(tokens) }

    /// One-line summary.
    public var description: String {
        String(format: "UAS %.2f  LAS %.2f  LA %.2f  (%d sentences, %d tokens, %.0f tokens/s)",
               uas, las, labelAccuracy, sentences, tokens, seconds > 0 ? Double(tokens) / seconds : 0)
    }
}

/// Evaluation of a parser against gold trees.
public enum ParserEvaluation {
    /// Parses every gold sentence (using its words and tags) and scores heads and relations.
    public static func evaluate(parser: DependencyParser, gold: [DependencySentence]) -> ParserScores {
        evaluate(gold: gold) { s in
            parser.parse(words: s.words, upos: s.upos, xpos: s.xpos, lemmas: nil).map { ($0.head, $0.deprel) }
        }
    }

    /// Scores an arbitrary parse function against gold trees.
    public static func evaluate(gold: [DependencySentence],
                                parse: (DependencySentence) -> [(Int, String)]) -> ParserScores {
        var s = ParserScores(tokens: 0, sentences: 0, correctHeads: 0, correctLabelled: 0, correctLabels: 0, seconds: 0)
        let start = Date()
        var predictions: [[(Int, String)]] = []
        predictions.reserveCapacity(gold.count)
        for g in gold { predictions.append(parse(g)) }
        s.seconds = Date().timeIntervalSince(start)
        for (g, p) in zip(gold, predictions) {
            s.sentences += 1
            for i in 0..<g.count {
                s.tokens += 1
                guard i < p.count else { continue }
                let headOK = p[i].0 == g.heads[i]
                let labelOK = p[i].1 == g.deprels[i]
                if headOK { s.correctHeads += 1 }
                if labelOK { s.correctLabels += 1 }
                if headOK && labelOK { s.correctLabelled += 1 }
            }
        }
        return s
    }
}
