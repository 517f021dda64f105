/// Whether text is English, from the share of its words that are English function words: about four in
/// ten in English news, a few in a hundred in German, none in Chinese or Russian. The extractor's models
/// were trained on English; on other languages they turn out confident nonsense ("für | die | ganze"), so
/// such text gives no entities and no facts.
enum EnglishText {
    /// The most frequent English function words (and a few news verbs), lower-cased.
    static let functionWords: Set<String> = [
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he",
        "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "more",
        "most", "my", "new", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "out",
        "over", "own", "said", "same", "say", "says", "she", "should", "so", "some", "such", "than", "that", "the",
        "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
        "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
        "with", "would", "year", "years", "you", "your",
    ]

    /// An article of at least this many words is judged as a whole first.
    static let articleMinimum = 30
    /// Below this share of function words an article is not English (English news: 0.3–0.5).
    static let articleThreshold = 0.12
    /// A sentence of at least this many words inside an English article ...
    static let sentenceMinimum = 12
    /// ... is not English below this share (the fewest among CaRB's 641 English sentences: 0.125).
    static let sentenceThreshold = 0.08

    /// Words (runs of letters) of a tokenised sentence and how many of them are English function words.
    static func count(_ tokens: [String]) -> (words: Int, functionWords: Int) {
        var words = 0, function = 0
        for token in tokens {
            guard let first = token.utf8.first else { continue }
            if first < 0x80 {
                guard (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A else { continue }
            } else if !(token.unicodeScalars.first?.properties.isAlphabetic ?? false) {
                continue
            }
            words += 1
            // No function word is longer than seven letters; most are written in lower case.
            guard token.utf8.count <= longestFunctionWord else { continue }
            if functionWords.contains(token) || (first < 0x61 && functionWords.contains(token.lowercased())) { function += 1 }
        }
        return (words, function)
    }

    static let longestFunctionWord = functionWords.map(\.utf8.count).max() ?? 0

    /// Per sentence, whether to read it as English: all false for an article that is not English, and false
    /// for a long sentence in another language inside an English one (a quotation).
    static func sentencesToRead(_ sentences: [[String]]) -> [Bool] {
        let counts = sentences.map(count)
        let words = counts.reduce(0) { $0 + $1.words }, function = counts.reduce(0) { $0 + $1.functionWords }
        if words >= articleMinimum && Double(function) < articleThreshold * Double(words) {
            return Array(repeating: false, count: sentences.count)
        }
        return counts.map { $0.words < sentenceMinimum || Double($0.functionWords) >= sentenceThreshold * Double($0.words) }
    }
}
