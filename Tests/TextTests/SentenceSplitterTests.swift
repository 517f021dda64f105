import TestSupport
import Testing
@testable import Text

@Suite struct SentenceSplitterTests {
    @Test func basic() {
        #expect(sents("He left. She stayed.") == ["He left .", "She stayed ."])
        #expect(sents("Why? Because! Fine… Really.") == ["Why ?", "Because !", "Fine …", "Really ."])
        #expect(sents("Wait... what happened?") == ["Wait ... what happened ?"])
    }

    @Test func abbreviations() {
        #expect(sents("The U.S. economy grew. Mr. Smith agreed.") == ["The U.S. economy grew .", "Mr. Smith agreed ."])
        #expect(sents("It starts Jan. 5 in Washington.") == ["It starts Jan. 5 in Washington ."])
        #expect(sents("Dr. Jones met Gov. Newsom and Sen. Smith on Sept. 30.").count == 1)
        #expect(sents("He moved to the U.S. The move was hard.") == ["He moved to the U.S.", "The move was hard ."])
        #expect(sents("Apple Inc. said so, e.g. on Monday.").count == 1)
    }

    @Test func closingQuotesAndBrackets() {
        #expect(sents("He said “stop.” Then he left.") == ["He said “ stop . ”", "Then he left ."])
        #expect(sents("She agreed (finally.) They went home.") == ["She agreed ( finally . )", "They went home ."])
        #expect(sents("\"Go!\" he shouted.") == ["\" Go ! \" he shouted ."])
    }

    @Test func headlinesAndLists() {
        let text = "Trump’s mass deportation\n\nTrump’s policy has impacted students. Critics disagree."
        #expect(sents(text) == ["Trump ’s mass deportation", "Trump ’s policy has impacted students .", "Critics disagree ."])
        let list = "Key points:\n- Prices rose\n- Wages fell\n1. First item\n2. Second item"
        #expect(sents(list) == ["Key points :", "- Prices rose", "- Wages fell", "1 . First item", "2 . Second item"])
        #expect(sents("The report was\nwritten by experts.") == ["The report was written by experts ."])
    }

    @Test func capsLongSentences() {
        let text = Array(repeating: "word", count: 1234).joined(separator: " ")
        let tokens = Tokenizer.tokenize(text)
        let spans = SentenceSplitter.sentences(tokens, text: text)
        #expect(spans.allSatisfy { $0.count <= SentenceSplitter.maxSentenceLength })
        #expect(spans.reduce(0) { $0 + $1.count } == 1234)
    }

    @Test func seedArticle() throws {
        guard let dir = SharedData.path("seed") else { return }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".txt") }
        for f in files {
            let text = try String(contentsOfFile: dir + "/" + f, encoding: .utf8)
            let sentences = sents(text)
            #expect(sentences.count >= 20, "\(f): \(sentences.count) sentences")
            #expect(sentences.allSatisfy { $0.split(separator: " ").count < 120 })
            #expect(sentences.contains { $0.hasPrefix("Trump ’s mass deportation") && !$0.contains("policy") })
            #expect(sentences.contains { $0.contains("ICE - ( U.S. Immigration and Customs Enforcement )") })
        }
    }
}

import Foundation
