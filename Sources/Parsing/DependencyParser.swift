import Foundation

/// Greedy arc-eager dependency parser (averaged perceptron, hashed Zhang & Nivre features).
///
/// Input is a tokenised sentence with UPOS and XPOS (PTB) tags; output is one
/// `(head, deprel)` pair per word with 1-based heads and 0 for the root. The output is always a
/// single-rooted tree, deterministic for a given model, and computed in linear time.
/// Instances are immutable after loading and safe to share across threads.
public final class DependencyParser: Sendable {
    let model: ParserModel

    /// Dependency relation labels known to the model (full UD relations incl. subtypes).
    public var labels: [String] { model.labels }

    /// Loads a model file written by `ParserTrainer`.
    /// - Throws: `ParserModelError` naming the file if it is missing, truncated or corrupted.
    public init(modelAt path: String) throws {
        model = try ParserModel.load(path: path)
    }

    init(model: ParserModel) {
        self.model = model
    }

    /// Path of the model bundled as a package resource, if present.
    public static var bundledModelPath: String? {
        Bundle.module.path(forResource: "parser", ofType: "model")
    }

    /// Loads the model shipped as a resource of this module.
    /// - Throws: `ParserModelError` if the resource is missing or invalid.
    public static func bundled() throws -> DependencyParser {
        guard let path = bundledModelPath else {
            throw ParserModelError.unreadable(path: "parser.model (bundle resource)")
        }
        return try DependencyParser(modelAt: path)
    }

    /// Parses one sentence.
    ///
    /// - Parameters:
    ///   - words: Tokens of the sentence (any length, including 0).
    ///   - upos: Universal POS tags, parallel to `words` (missing entries are treated as unknown).
    ///   - xpos: PTB tags, parallel to `words` (missing entries are treated as unknown).
    ///   - lemmas: Accepted for API compatibility; the current model does not use lemmas.
    /// - Returns: One `(head, deprel)` per word; heads are 1-based with 0 meaning root.
    public func parse(words: [String], upos: [String], xpos: [String], lemmas: [String]? = nil) -> [(head: Int, deprel: String)] {
        if words.isEmpty { return [] }
        let enc = SentenceEncoding(words: words, upos: upos, xpos: xpos)
        let result = ParserCore.parse(enc, actions: model.actions, labels: model.labelTable, rootLabel: model.rootLabel)
        var out: [(head: Int, deprel: String)] = []
        out.reserveCapacity(words.count)
        for i in 0..<words.count {
            let l = result.labels[i]
            out.append((result.heads[i], l >= 0 && l < model.labels.count ? model.labels[l] : "dep"))
        }
        return out
    }

    /// Parses a sentence and returns a copy with `heads` and `deprels` replaced.
    public func parse(_ sentence: DependencySentence) -> DependencySentence {
        let r = parse(words: sentence.words, upos: sentence.upos, xpos: sentence.xpos, lemmas: sentence.lemmas)
        var out = sentence
        out.heads = r.map { $0.head }
        out.deprels = r.map { $0.deprel }
        return out
    }
}
