import Testing
@testable import Text

@Suite struct TagCommandTests {
    @Test func conlluInputKeepsTokenisation() throws {
        guard let tagger = TestData.tagger else {
            print("SKIP: bundled model not available")
            return
        }
        let input = """
        # sent_id = a1
        # text = I don't know.
        1\tI\t_\t_\t_\t_\t_\t_\t_\t_
        2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
        2\tdo\t_\t_\t_\t_\t_\t_\t_\t_
        3\tn't\t_\t_\t_\t_\t_\t_\t_\t_
        4\tknow\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No
        4.1\tknown\t_\t_\t_\t_\t_\t_\t_\t_
        5\t.\t_\t_\t_\t_\t_\t_\t_\t_

        """
        let out = TagCommand.run(input: input, format: .conllu, tagger: tagger)
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines[0] == "# sent_id = a1")
        #expect(lines.contains("2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_"))
        #expect(lines.contains("4.1\tknown\t_\t_\t_\t_\t_\t_\t_\t_"))
        #expect(lines.contains("3\tn't\tnot\tPART\tRB\t_\t_\t_\t_\t_"))
        #expect(lines.contains("2\tdo\tdo\tAUX\tVBP\t_\t_\t_\t_\t_"))
        #expect(lines.contains("4\tknow\tknow\tVERB\tVB\t_\t_\t_\t_\tSpaceAfter=No"))
        let reparsed = ConllU.parse(out)
        #expect(reparsed.count == 1 && reparsed[0].words.count == 5)
    }

    @Test func textInput() throws {
        guard let tagger = TestData.tagger else { return }
        let out = TagCommand.run(input: "Mr. Smith didn't go.\n\nPrices rose 3.5%.", format: .text, tagger: tagger)
        let sentences = ConllU.parse(out)
        #expect(sentences.count == 2)
        #expect(sentences[0].comment("text") == "Mr. Smith didn't go.")
        #expect(sentences[0].comment("sent_id") == "1")
        #expect(sentences[0].words.map(\.form) == ["Mr.", "Smith", "did", "n't", "go", "."])
        #expect(sentences[0].words[2].misc == "SpaceAfter=No")
        #expect(sentences[0].words[2].lemma == "do")
        #expect(sentences[1].words.map(\.upos).contains("NUM"))
        #expect(TagCommand.run(input: "", format: .text, tagger: tagger).isEmpty)
    }

    @Test func conlluRoundTrip() {
        let text = "# sent_id = 1\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t0:root\t_\n\n"
        #expect(ConllU.write(ConllU.parse(text)) == text)
    }
}
