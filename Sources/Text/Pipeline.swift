/// A sentence after tokenisation, tagging and lemmatisation.
public struct AnalyzedSentence: Sendable {
    /// Tokens with offsets into the source text.
    public var tokens: [Token]
    /// Tags and lemmas, parallel to ``tokens``.
    public var words: [TaggedWord]
    /// UTF-8 byte range of the sentence in the source text.
    public var range: Range<Int>
}

/// Tokenizer + sentence splitter + tagger + lemmatizer.
public struct Pipeline: Sendable {
    /// The tagger used for POS tags and lemmas.
    public let tagger: Tagger

    /// Creates a pipeline around a loaded tagger.
    public init(tagger: Tagger) {
        self.tagger = tagger
    }

    /// Runs the full pipeline on raw text.
    public func analyze(_ text: String) -> [AnalyzedSentence] {
        let tokens = Tokenizer.tokenize(text)
        let spans = SentenceSplitter.sentences(tokens, text: text)
        var out: [AnalyzedSentence] = []
        out.reserveCapacity(spans.count)
        for span in spans where !span.isEmpty {
            let toks = Array(tokens[span])
            let words = tagger.analyze(toks.map(\.text), spaceAfter: toks.map(\.spaceAfter))
            let lo = toks.first?.range.lowerBound ?? 0
            let hi = toks.last?.range.upperBound ?? lo
            out.append(AnalyzedSentence(tokens: toks, words: words, range: lo..<hi))
        }
        return out
    }
}
