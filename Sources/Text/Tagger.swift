import Foundation

/// Errors raised when loading a tagger model.
public enum TaggerError: Error, CustomStringConvertible {
    /// The model file could not be read.
    case unreadable(path: String, reason: String)
    /// The model file is corrupted, truncated or of an unknown format.
    case invalidModel(path: String, reason: String)
    /// The bundled model resource is missing.
    case missingResource(String)

    /// Human-readable description naming the file.
    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "cannot read tagger model \(path): \(reason)"
        case let .invalidModel(path, reason): return "invalid tagger model \(path): \(reason)"
        case let .missingResource(name): return "bundled resource \(name) not found"
        }
    }
}

/// A word with its predicted tags and lemma.
public struct TaggedWord: Sendable, Equatable {
    /// Surface form.
    public var form: String
    /// Universal POS tag.
    public var upos: String
    /// Penn Treebank POS tag.
    public var xpos: String
    /// Lemma.
    public var lemma: String
}

/// Averaged-perceptron part-of-speech tagger predicting joint XPOS/UPOS labels, plus lemmatizer.
///
/// Thread-safe: all state is immutable after loading.
public final class Tagger: Sendable {
    let model: CompiledTaggerModel
    /// The lemmatizer stored in the same model file.
    public let lemmatizer: Lemmatizer

    /// Loads a model file. Throws ``TaggerError`` naming the file when it is missing, truncated or corrupted.
    public convenience init(modelAt url: URL) throws {
        try self.init(modelAtPath: url.path)
    }

    /// Loads a model file from a path.
    public init(modelAtPath path: String) throws {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw TaggerError.unreadable(path: path, reason: String(describing: error))
        }
        do {
            let m = try TaggerModel.decode(bytes)
            model = try CompiledTaggerModel(m)
            lemmatizer = Lemmatizer(xposNames: m.lemmaXposNames, forms: m.lemmaForms, xposIDs: m.lemmaXposIDs, lemmas: m.lemmaValues)
        } catch {
            throw TaggerError.invalidModel(path: path, reason: String(describing: error))
        }
    }

    init(model m: TaggerModel) throws {
        model = try CompiledTaggerModel(m)
        lemmatizer = Lemmatizer(xposNames: m.lemmaXposNames, forms: m.lemmaForms, xposIDs: m.lemmaXposIDs, lemmas: m.lemmaValues)
    }

    /// URL of the model shipped as a SwiftPM resource.
    public static func bundledModelURL() throws -> URL {
        guard let url = Bundle.module.url(forResource: "tagger", withExtension: "model") else {
            throw TaggerError.missingResource("tagger.model")
        }
        return url
    }

    /// Loads the model shipped with the module.
    public static func bundled() throws -> Tagger {
        try Tagger(modelAt: try bundledModelURL())
    }

    /// Tags one sentence of words, returning `(upos, xpos)` per word.
    /// `spaceAfter` (optional, parallel to `words`) tells whether whitespace follows each word, which
    /// helps with punctuation such as hyphens and quotes.
    public func tag(_ words: [String], spaceAfter: [Bool]? = nil) -> [(upos: String, xpos: String)] {
        model.predict(words, spaceAfter: spaceAfter).map { (model.upos[Int($0)], model.xpos[Int($0)]) }
    }

    /// Tags and lemmatizes one sentence of words.
    public func analyze(_ words: [String], spaceAfter: [Bool]? = nil) -> [TaggedWord] {
        let labels = model.predict(words, spaceAfter: spaceAfter)
        var out: [TaggedWord] = []
        out.reserveCapacity(words.count)
        for (w, l) in zip(words, labels) {
            let x = model.xpos[Int(l)]
            out.append(TaggedWord(form: w, upos: model.upos[Int(l)], xpos: x, lemma: lemmatizer.lemma(w, xpos: x)))
        }
        // Contextual lemma: "'s" before "been"/"got" is "have" ("he's been", "it's got").
        for i in out.indices.dropLast() where out[i].xpos == "VBZ" && out[i].lemma == "be"
            && (out[i].form == "'s" || out[i].form == "’s")
            && ["been", "got", "gotten"].contains(out[i + 1].form.lowercased()) {
            out[i].lemma = "have"
        }
        Self.repairPastTenseClause(&out)
        return out
    }

    private static let finiteVerbTags: Set<String> = ["VBD", "VBZ", "VBP", "MD"]
    private static let subjectTags: Set<String> = ["NN", "NNS", "NNP", "NNPS", "PRP"]
    private static let objectStartTags: Set<String> = ["DT", "PRP$", "CD", "JJ", "NN", "NNS", "NNP", "NNPS", "PRP"]

    /// A sentence without a finite verb in which a noun is followed by a past participle and then by the
    /// start of a noun phrase is a past-tense clause read as a noun phrase: in "Volkswagen recalled cars."
    /// the tagger makes "recalled" an adjective-like VBN and the sentence has no verb at all. The first such
    /// participle becomes VBD, when its form is a regular past ("-ed": "stolen" is only ever a participle).
    /// Every sentence passes here: the cheap participle test comes first, the scan for a finite verb only
    /// when a candidate is found.
    static func repairPastTenseClause(_ words: inout [TaggedWord]) {
        guard words.count >= 3 else { return }
        for i in 1..<(words.count - 1) where words[i].xpos == "VBN" && words[i].form.lowercased().hasSuffix("ed")
            && subjectTags.contains(words[i - 1].xpos) && objectStartTags.contains(words[i + 1].xpos) {
            guard !words.contains(where: { finiteVerbTags.contains($0.xpos) }) else { return }
            words[i].xpos = "VBD"
            words[i].upos = "VERB"
            return
        }
    }

    /// Label set size (joint XPOS/UPOS labels).
    public var labelCount: Int { model.xpos.count }
}

