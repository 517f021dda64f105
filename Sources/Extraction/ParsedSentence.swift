import Foundation
import Parsing
import Text

/// One sentence after tokenisation, tagging, parsing and entity recognition: the input of relation
/// extraction. Heads are 0-based token indices, -1 for the root.
public struct ParsedSentence: Sendable {
    /// Index of the sentence in its article.
    public var index: Int
    /// The sentence text (whitespace collapsed).
    public var text: String
    /// Tokens.
    public var words: [String]
    /// Lemmas.
    public var lemmas: [String]
    /// Universal POS tags.
    public var upos: [String]
    /// Penn Treebank tags.
    public var xpos: [String]
    /// Head of each token (0-based), -1 for the root.
    public var heads: [Int]
    /// UD relation of each token to its head.
    public var deprels: [String]
    /// Whether whitespace follows each token.
    public var spaceAfter: [Bool]
    /// Entity mentions (non-overlapping, sorted).
    public var mentions: [EntityMention] = []
    /// Children of each token, in order.
    public private(set) var children: [[Int]] = []
    /// Mention index per token, or -1.
    public private(set) var mentionOf: [Int] = []

    /// Creates a sentence and indexes its tree; heads out of range become -1.
    public init(index: Int, text: String, words: [String], lemmas: [String], upos: [String], xpos: [String],
                heads: [Int], deprels: [String], spaceAfter: [Bool]) {
        let n = words.count
        self.index = index
        self.text = text
        self.words = words
        self.lemmas = lemmas.count == n ? lemmas : words.map { $0.lowercased() }
        self.upos = upos.count == n ? upos : Array(repeating: "X", count: n)
        self.xpos = xpos.count == n ? xpos : Array(repeating: "X", count: n)
        self.heads = heads.count == n ? heads.map { $0 >= 0 && $0 < n ? $0 : -1 } : Array(repeating: -1, count: n)
        self.deprels = deprels.count == n ? deprels : Array(repeating: "dep", count: n)
        self.spaceAfter = spaceAfter.count == n ? spaceAfter : Array(repeating: true, count: n)
        reindex()
    }

    /// Rebuilds the child lists and the token → mention map.
    mutating func reindex() {
        let n = words.count
        var ch = [[Int]](repeating: [], count: n)
        for i in 0..<n where heads[i] >= 0 && heads[i] != i { ch[heads[i]].append(i) }
        children = ch
        var mo = [Int](repeating: -1, count: n)
        for (k, m) in mentions.enumerated() { for i in m.range where i < n { mo[i] = k } }
        mentionOf = mo
    }

    /// Sets the entity mentions.
    public mutating func setMentions(_ m: [EntityMention]) {
        mentions = m
        reindex()
    }

    /// Token count.
    public var count: Int { words.count }

    /// The relation without its subtype ("nsubj:pass" → "nsubj").
    @inline(__always)
    func base(_ i: Int) -> Substring {
        let d = deprels[i]
        if let c = d.utf8.firstIndex(of: 58) { return d[..<c] }
        return Substring(d)
    }

    /// Children of `i` with relation `rel` (exact, or base relation when `rel` has no subtype).
    func kids(_ i: Int, _ rel: String) -> [Int] {
        let subtyped = rel.utf8.contains(58)
        return children[i].filter { deprels[$0] == rel || (!subtyped && base($0) == rel) }
    }

    /// First child with relation `rel`.
    func kid(_ i: Int, _ rel: String) -> Int? {
        let subtyped = rel.utf8.contains(58)
        return children[i].first { deprels[$0] == rel || (!subtyped && base($0) == rel) }
    }

    /// Joins tokens `idx` (sorted) with original spacing; gaps become single spaces.
    func render(_ idx: [Int]) -> String {
        var s = ""
        for (k, i) in idx.enumerated() {
            s += words[i]
            if k + 1 < idx.count {
                if idx[k + 1] != i + 1 || spaceAfter[i] { s += " " }
            }
        }
        return s
    }

    /// Joins tokens with single spaces (Penn-Treebank style, for CaRB).
    func renderPTB(_ idx: [Int]) -> String {
        idx.map { words[$0] }.joined(separator: " ")
    }
}

/// Runs tokenizer, sentence splitter, tagger, parser and entity recognizer over text.
public struct SentenceAnalyzer: Sendable {
    /// The tagger.
    public let tagger: Tagger
    /// The dependency parser.
    public let parser: DependencyParser
    /// The entity recognizer.
    public let recognizer: EntityRecognizer
    /// Sentences longer than this are cut into pieces before parsing (linear time on bad input).
    public var maxTokens = 120

    /// Creates an analyzer from loaded components.
    public init(tagger: Tagger, parser: DependencyParser, recognizer: EntityRecognizer) {
        self.tagger = tagger
        self.parser = parser
        self.recognizer = recognizer
    }

    /// Loads the bundled tagger, parser and entity models.
    public static func bundled() throws -> SentenceAnalyzer {
        SentenceAnalyzer(tagger: try Tagger.bundled(), parser: try DependencyParser.bundled(), recognizer: try EntityRecognizer.bundled())
    }

    /// Splits `text` into sentences and analyses each.
    public func analyze(text: String, firstIndex: Int = 0) -> [ParsedSentence] {
        let tokens = Tokenizer.tokenize(text)
        let spans = SentenceSplitter.sentences(tokens, text: text)
        let bytes = Array(text.utf8)
        var out: [ParsedSentence] = []
        for span in spans where !span.isEmpty {
            var lo = span.lowerBound
            while lo < span.upperBound {
                let hi = min(span.upperBound, lo + maxTokens)
                let toks = Array(tokens[lo..<hi])
                let a = toks.first?.range.lowerBound ?? 0
                let b = toks.last?.range.upperBound ?? a
                let raw = a < b && b <= bytes.count ? String(decoding: bytes[a..<b], as: UTF8.self) : ""
                out.append(analyze(tokens: toks, text: SentenceAnalyzer.collapse(raw), index: firstIndex + out.count, mentions: false))
                lo = hi
            }
        }
        // Entities last, with what the whole text says about each capitalised word.
        let mentions = recognizer.mentions(sentences: out.map(\.words), xpos: out.map(\.xpos), spaceAfter: out.map(\.spaceAfter))
        for k in out.indices { out[k].setMentions(mentions[k]) }
        return out
    }

    /// Analyses one sentence given as a line (`--input sentences`): tokenised, never split.
    public func analyze(sentence line: String, index: Int) -> ParsedSentence {
        let toks = Array(Tokenizer.tokenize(line).prefix(maxTokens * 4))
        return analyze(tokens: toks, text: line, index: index)
    }

    func analyze(tokens toks: [Token], text: String, index: Int, mentions: Bool = true) -> ParsedSentence {
        let words = toks.map(\.text)
        let space = toks.map(\.spaceAfter)
        let tagged = tagger.analyze(words, spaceAfter: space)
        let upos = tagged.map(\.upos), xpos = tagged.map(\.xpos), lemmas = tagged.map(\.lemma)
        let arcs = parser.parse(words: words, upos: upos, xpos: xpos, lemmas: lemmas)
        var s = ParsedSentence(index: index, text: text, words: words, lemmas: lemmas, upos: upos, xpos: xpos,
                               heads: arcs.map { $0.head - 1 }, deprels: arcs.map(\.deprel), spaceAfter: space)
        if mentions {
            s.setMentions(recognizer.mentions(words: words, xpos: xpos, spaceAfter: space))
        }
        return s
    }

    /// Collapses runs of whitespace to single spaces.
    static func collapse(_ s: String) -> String {
        // Whitespace is ASCII or U+00A0 (C2 A0 in UTF-8), so the work is done on bytes.
        let utf8 = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var lastSpace = false
        var i = 0
        while i < utf8.count {
            let byte = utf8[i]
            let isNoBreakSpace = byte == 0xC2 && i + 1 < utf8.count && utf8[i + 1] == 0xA0
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || isNoBreakSpace {
                if !lastSpace { out.append(0x20) }
                lastSpace = true
                i += isNoBreakSpace ? 2 : 1
            } else {
                out.append(byte)
                lastSpace = false
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
