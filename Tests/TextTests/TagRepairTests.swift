import Testing
@testable import Text

/// Repairs applied to the tagger's output before parsing.
@Suite struct TagRepairTests {
    func words(_ tagged: [(String, String)]) -> [TaggedWord] {
        tagged.map { TaggedWord(form: $0.0, upos: $0.1 == "VBN" ? "VERB" : "X", xpos: $0.1, lemma: $0.0) }
    }

    @Test func pastParticipleWithAnObjectInAVerblessSentenceIsPastTense() {
        var recalled = words([("The", "DT"), ("company", "NN"), ("recalled", "VBN"), ("cars", "NNS"), ("built", "VBN"),
                              ("in", "IN"), ("Mexico", "NNP"), (".", ".")])
        Tagger.repairPastTenseClause(&recalled)
        #expect(recalled.map(\.xpos) == ["DT", "NN", "VBD", "NNS", "VBN", "IN", "NNP", "."])
        #expect(recalled[2].upos == "VERB")
    }

    @Test func participlesThatAreNotMainVerbsStay() {
        let unchanged = [
            // A finite verb elsewhere: "recalled" describes the cars.
            words([("Recalled", "VBN"), ("cars", "NNS"), ("were", "VBD"), ("returned", "VBN")]),
            // No object after the participle: a caption or a reduced passive.
            words([("Cars", "NNS"), ("recalled", "VBN"), ("in", "IN"), ("2020", "CD")]),
            // Not a regular past: "stolen" is only ever a participle.
            words([("Nazi", "NNP"), ("stolen", "VBN"), ("art", "NN"), ("recovery", "NN")]),
        ]
        for sentence in unchanged {
            var repaired = sentence
            Tagger.repairPastTenseClause(&repaired)
            #expect(repaired == sentence)
        }
    }

    @Test func theBundledTaggerGetsTheClause() throws {
        let tagger = try #require(TestData.tagger)
        let tagged = tagger.analyze(["The", "company", "recalled", "cars", "built", "in", "Mexico", "."])
        #expect(tagged[2].xpos == "VBD")
        #expect(tagged[4].xpos == "VBN")
    }
}
