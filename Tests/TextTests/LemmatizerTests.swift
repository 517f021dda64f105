import Testing
@testable import Text

@Suite struct LemmatizerTests {
    let rules = Lemmatizer.rulesOnly

    @Test func verbs() {
        #expect(rules.lemma("stopped", xpos: "VBD") == "stop")
        #expect(rules.lemma("hoped", xpos: "VBD") == "hope")
        #expect(rules.lemma("tried", xpos: "VBD") == "try")
        #expect(rules.lemma("deported", xpos: "VBN") == "deport")
        #expect(rules.lemma("created", xpos: "VBN") == "create")
        #expect(rules.lemma("making", xpos: "VBG") == "make")
        #expect(rules.lemma("running", xpos: "VBG") == "run")
        #expect(rules.lemma("went", xpos: "VBD") == "go")
        #expect(rules.lemma("written", xpos: "VBN") == "write")
        #expect(rules.lemma("carries", xpos: "VBZ") == "carry")
        #expect(rules.lemma("is", xpos: "VBZ") == "be")
    }

    @Test func nounsAndAdjectives() {
        #expect(rules.lemma("cities", xpos: "NNS") == "city")
        #expect(rules.lemma("boxes", xpos: "NNS") == "box")
        #expect(rules.lemma("immigrants", xpos: "NNS") == "immigrant")
        #expect(rules.lemma("children", xpos: "NNS") == "child")
        #expect(rules.lemma("bigger", xpos: "JJR") == "big")
        #expect(rules.lemma("easiest", xpos: "JJS") == "easy")
        #expect(rules.lemma("better", xpos: "JJR") == "good")
        #expect(rules.lemma("Trump", xpos: "NNP") == "Trump")
        #expect(rules.lemma("The", xpos: "DT") == "the")
        #expect(rules.lemma("140,000", xpos: "CD") == "140000")
    }

    @Test func learnedExceptions() {
        guard let tagger = TestData.tagger else { return }
        #expect(tagger.lemmatizer.exceptionCount > 100)
        #expect(tagger.lemmatizer.lemma("n't", xpos: "RB") == "not")
        #expect(tagger.lemmatizer.lemma("ca", xpos: "MD") == "can")
        #expect(tagger.lemmatizer.lemma("me", xpos: "PRP") == "I")
    }
}
