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

    @Test func eRestorationAfterPrefixesAndOnItStems() {
        // A prefix before a short stem: the stem still lost an "e".
        #expect(rules.lemma("reshaped", xpos: "VBD") == "reshape")
        #expect(rules.lemma("reshaping", xpos: "VBG") == "reshape")
        #expect(rules.lemma("renamed", xpos: "VBN") == "rename")
        #expect(rules.lemma("prepared", xpos: "VBN") == "prepare")
        #expect(rules.lemma("restored", xpos: "VBD") == "restore")
        #expect(rules.lemma("upgraded", xpos: "VBD") == "upgrade")
        #expect(rules.lemma("remained", xpos: "VBD") == "remain")
        #expect(rules.lemma("reported", xpos: "VBD") == "report")
        // -it stems keep no "e" except -cit, -nit, -vit.
        #expect(rules.lemma("audited", xpos: "VBD") == "audit")
        #expect(rules.lemma("edited", xpos: "VBN") == "edit")
        #expect(rules.lemma("visiting", xpos: "VBG") == "visit")
        #expect(rules.lemma("limited", xpos: "VBN") == "limit")
        #expect(rules.lemma("invited", xpos: "VBD") == "invite")
        #expect(rules.lemma("united", xpos: "VBN") == "unite")
        #expect(rules.lemma("cited", xpos: "VBD") == "cite")
        #expect(rules.lemma("biting", xpos: "VBG") == "bite")
        #expect(rules.lemma("waited", xpos: "VBD") == "wait")
    }

    @Test func bundledModelKeepsTheRuleFixes() {
        guard let tagger = TestData.tagger else { return }
        #expect(tagger.lemmatizer.lemma("reshaped", xpos: "VBD") == "reshape")
        #expect(tagger.lemmatizer.lemma("audited", xpos: "VBD") == "audit")
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
