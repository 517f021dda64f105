import Foundation
import Testing
@testable import Text

@Suite struct RobustnessTests {
    @Test func emptyAndWhitespace() {
        #expect(Tokenizer.tokenize("").isEmpty)
        #expect(SentenceSplitter.sentences([], text: "").isEmpty)
        #expect(Tokenizer.tokenize(" \n\t\u{00A0}\u{3000} ").isEmpty)
    }

    @Test func binaryJunkAndInvalidUTF8() {
        var rng = SplitMix64(seed: 7)
        let bytes = (0..<50_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let text = String(decoding: bytes, as: UTF8.self)  // invalid sequences become U+FFFD
        let tokens = Tokenizer.tokenize(text)
        let utf8 = Array(text.utf8)
        for t in tokens { #expect(String(decoding: utf8[t.range], as: UTF8.self) == t.text) }
        let spans = SentenceSplitter.sentences(tokens, text: text)
        #expect(spans.reduce(0) { $0 + $1.count } == tokens.count)
        if let tagger = TestData.tagger {
            for s in spans.prefix(200) { _ = tagger.analyze(tokens[s].map(\.text)) }
        }
        let invalid = String(decoding: [0x66, 0xFF, 0xFE, 0x6F, 0xC3, 0x28, 0x6F], as: UTF8.self)
        #expect(Tokenizer.tokenize(invalid).map(\.text).joined().unicodeScalars.count >= 3)
    }

    @Test func hugeSentenceWithoutPunctuation() {
        // ~10 MB of words without any punctuation: linear time, bounded sentence length.
        let words = ["the", "government", "said", "migrants", "would", "be", "deported", "soon"]
        var text = ""
        text.reserveCapacity(10_100_000)
        var i = 0
        while text.utf8.count < 10_000_000 {
            text += words[i & 7]
            text += " "
            i += 1
        }
        let start = Date()
        let tokens = Tokenizer.tokenize(text)
        let spans = SentenceSplitter.sentences(tokens, text: text)
        #expect(tokens.count == i)
        #expect(spans.allSatisfy { $0.count <= SentenceSplitter.maxSentenceLength })
        #expect(Date().timeIntervalSince(start) < 20)
        // A 1 MB "word" without any spaces must not blow up either.
        let blob = String(repeating: "ab.", count: 300_000)
        #expect(!Tokenizer.tokenize(blob).isEmpty)
    }

    @Test func emojiAndCombiningCharacters() {
        #expect(toks("Great 👍🏽!") == ["Great", "👍🏽", "!"])
        #expect(toks("family 👨‍👩‍👧 time") == ["family", "👨‍👩‍👧", "time"])
        #expect(toks("cafe\u{301} na\u{308}ive") == ["cafe\u{301}", "na\u{308}ive"])
        #expect(toks("🇺🇸🇲🇽").joined() == "🇺🇸🇲🇽")
        if let tagger = TestData.tagger {
            #expect(tagger.analyze(["I", "love", "it", "❤️"]).count == 4)
        }
    }

    @Test func rightToLeftText() {
        #expect(toks("قال الرئيس: «لا».") == ["قال", "الرئيس", ":", "«", "لا", "»", "."])
        #expect(toks("שלום, עולם!") == ["שלום", ",", "עולם", "!"])
        let mixed = "Trump said \u{202B}שלום\u{202C} today."
        #expect(toks(mixed).contains("today"))
        if let tagger = TestData.tagger {
            #expect(tagger.analyze(toks("قال الرئيس: «لا».")).count == 7)
        }
    }
}
