@testable import Text

/// The bundled tagger for the text tests.
enum TestData {
    /// The bundled tagger, loaded once.
    static let tagger: Tagger? = try? Tagger.bundled()
}

/// Token texts of `text`.
func toks(_ text: String) -> [String] { Tokenizer.tokenize(text).map(\.text) }

/// Sentences of `text` as space-joined token strings.
func sents(_ text: String) -> [String] {
    SentenceSplitter.tokenizedSentences(text).map { $0.map(\.text).joined(separator: " ") }
}
