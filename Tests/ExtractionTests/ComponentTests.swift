@testable import Extraction
import Foundation
import XCTest

/// Entity recognition, aliases, pronouns, clause phenomena and output formats on small examples.
final class ComponentTests: XCTestCase {
    func extract(_ text: String) throws -> ExtractionResult {
        try XCTUnwrap(Shared.extractor).extract(text: text, document: "doc")
    }

    func testGazetteer() {
        let g = Gazetteer.bundled
        XCTAssertTrue(g.contains("Illinois", as: .gpe))
        XCTAssertTrue(g.contains("NATO", as: .org))
        XCTAssertEqual(g.acronyms["ICE"], "U.S. Immigration and Customs Enforcement")
        XCTAssertEqual(g.demonyms["French"], "France")
        XCTAssertTrue(g.contains("Prime Minister", as: .title))
    }

    func testEntitiesDatesAndNumbers() throws {
        let extractor = try XCTUnwrap(Shared.extractor)
        let s = extractor.analyzer.analyze(text: "Angela Merkel met officials of the World Bank in Paris on 3 March 2021 and pledged 200 million euros.")
        let types = Dictionary(s[0].mentions.map { ($0.text, $0.type) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(types["Angela Merkel"], .person)
        XCTAssertEqual(types["World Bank"], .org)
        XCTAssertEqual(types["Paris"], .gpe)
        XCTAssertEqual(types["3 March 2021"], .date)
        XCTAssertEqual(types["200 million"], .number)
    }

    /// Name-final and head words, teams and titles inside names decide the type of names the
    /// tagger finds but types by their first word.
    /// Spans the tagger labels are kept as names, except a single letter ("the L - band").
    func testSingleLettersAreNotNames() throws {
        let recognizer = try XCTUnwrap(Shared.extractor).analyzer.recognizer
        let model = try XCTUnwrap(recognizer.model)
        let org = try XCTUnwrap(model.labels.firstIndex(of: "B-ORG"))
        let words = ["the", "L", "-", "band", "of", "Acme", "Widgets"]
        let feats = NERFeatures(words: words, xpos: ["DT", "NNP", "HYPH", "NN", "IN", "NNP", "NNPS"], gazetteer: recognizer.gazetteer,
                                clusters: recognizer.clusters)
        let labels = [0, org, 0, 0, 0, org, try XCTUnwrap(model.labels.firstIndex(of: "I-ORG"))]
        let names = recognizer.mentions(feats, labels: labels, spaceAfter: nil).map(\.text)
        XCTAssertEqual(names, ["Acme Widgets"])
    }

    func testHeadWordsTeamsAndTitles() throws {
        let extractor = try XCTUnwrap(Shared.extractor)
        let s = extractor.analyzer.analyze(text: "The Pittsburgh Pirates beat the New York Mets on Sunday. The Medical Journal of Australia "
            + "reported that Pennsylvania Senator Rick Santorum wrote to the United States Congress. The ferry crossed Lake Erie "
            + "and sailed up the Hudson River. She won the Google Science Fair and wrote about the Battle of Hastings.")
        let types = Dictionary(s.flatMap(\.mentions).map { ($0.text, $0.type) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(types["Pittsburgh Pirates"], .org, "\(types)")
        XCTAssertEqual(types["New York Mets"], .org, "\(types)")
        XCTAssertEqual(types["Medical Journal of Australia"], .org, "\(types)")
        XCTAssertEqual(types["Pennsylvania Senator Rick Santorum"], .person, "\(types)")
        XCTAssertEqual(types["United States Congress"], .org, "\(types)")
        XCTAssertEqual(types["Lake Erie"], .loc, "\(types)")
        XCTAssertEqual(types["Hudson River"], .loc, "\(types)")
        XCTAssertEqual(types["Google Science Fair"], .event, "\(types)")
        XCTAssertEqual(types["Battle of Hastings"], .event, "\(types)")
        // A title and "of" name the person who holds it, whatever the tagger said.
        let recognizer = extractor.analyzer.recognizer
        XCTAssertEqual(recognizer.refine(name: "King of Athens", words: ["King", "of", "Athens"], type: .org), .person)
        XCTAssertEqual(recognizer.refine(name: "Bank of England", words: ["Bank", "of", "England"], type: .org), .org)
    }

    /// A surname alone takes the type of the person it names in the same article, unless the
    /// gazetteer knows the word as a place ("Washington").
    func testSurnamesTakeTheTypeOfThePersonTheyName() {
        func sentence(_ text: String, _ mentions: [(String, EntityType)]) -> (words: [String], mentions: [EntityMention]) {
            let words = text.split(separator: " ").map(String.init)
            return (words, mentions.map { name, type in
                let toks = name.split(separator: " ").map(String.init)
                let start = (0...(words.count - toks.count)).first { Array(words[$0..<($0 + toks.count)]) == toks }!
                return EntityMention(start: start, end: start + toks.count, type: type, text: name)
            })
        }
        let sentences = [
            sentence("Senator Rick Santorum met George Washington fans", [("Rick Santorum", .person), ("George Washington", .person)]),
            sentence("Santorum flew to Washington on Monday", [("Santorum", .org), ("Washington", .gpe)]),
        ]
        var doc = sentences.map(\.mentions)
        EntityRecognizer(model: nil).harmonize(&doc, words: sentences.map(\.words), xpos: sentences.map { $0.words.map { _ in "NNP" } })
        let types = Dictionary(doc[1].map { ($0.text, $0.type) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(types["Santorum"], .person, "\(types)")
        XCTAssertEqual(types["Washington"], .gpe, "\(types)")
    }

    /// In a match report the countries that play are teams, except after a locative preposition, and a
    /// score splits the names around it.
    func testMatchReportsMakeCountriesTeams() throws {
        let extractor = try XCTUnwrap(Shared.extractor)
        let report = "Belgium faced Panama at the stadium in Russia. Belgium 3 – 0 Panama. The striker scored two goals "
            + "before half-time and the goalkeeper kept the match safe, as fans from Sweden watched."
        let types = Dictionary(extractor.extract(text: report, document: "doc").entities.map { ($0.name, $0.type) },
                               uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(types["Belgium"], .org, "\(types)")
        XCTAssertEqual(types["Panama"], .org, "\(types)")
        XCTAssertEqual(types["Russia"], .gpe, "\(types)")
        XCTAssertEqual(types["Sweden"], .gpe, "\(types)")
        XCTAssertNil(types.keys.first { $0.contains("3") }, "\(types)")
        XCTAssertEqual(EntityRecognizer.splitAtScores(0..<6, words: ["Sweden", "1", "–", "0", "Korea", "Republic"]), [0..<1, 4..<6])
        // Outside sport the same countries stay places.
        let politics = "Belgium and Panama signed a trade agreement in Brussels on Monday."
        let plain = Dictionary(extractor.extract(text: politics, document: "doc").entities.map { ($0.name, $0.type) },
                               uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(plain["Belgium"], .gpe, "\(plain)")
    }

    /// A name after a place noun and "of" is a place, wherever else the article names it.
    func testNamesAfterPlaceNounsArePlaces() {
        let words = [["They", "landed", "on", "the", "island", "of", "Rekohu", "in", "May"], ["Rekohu", "has", "few", "trees"]]
        var doc = [[EntityMention(start: 6, end: 7, type: .person, text: "Rekohu")], [EntityMention(start: 0, end: 1, type: .person, text: "Rekohu")]]
        EntityRecognizer(model: nil).harmonize(&doc, words: words, xpos: words.map { $0.map { _ in "NNP" } })
        XCTAssertEqual(doc.flatMap { $0.map(\.type) }, [.gpe, .gpe])
    }

    /// A one-word name the article writes more often in lower case than capitalised inside a sentence is
    /// a common word capitalised by its position; a real name that is also a common word stays.
    func testSentenceInitialCommonWordsAreNotNames() {
        let words = [["Iodine", "deficiency", "is", "rare"], ["WHO", "say", "Iodine", "matters"], ["Milk", "holds", "iodine"],
                     ["Salt", "with", "iodine", "helps"], ["Bush", "said", "so"], ["Anna", "met", "Bush", "near", "a", "bush"]]
        var doc = [[EntityMention(start: 0, end: 1, type: .person, text: "Iodine")],
                   [EntityMention(start: 0, end: 1, type: .org, text: "WHO"), EntityMention(start: 2, end: 3, type: .person, text: "Iodine")],
                   [], [], [EntityMention(start: 0, end: 1, type: .person, text: "Bush")],
                   [EntityMention(start: 0, end: 1, type: .person, text: "Anna"), EntityMention(start: 2, end: 3, type: .person, text: "Bush")]]
        EntityRecognizer(model: nil).harmonize(&doc, words: words, xpos: words.map { $0.map { _ in "NNP" } })
        let names = doc.flatMap { $0.map(\.text) }
        XCTAssertFalse(names.contains("Iodine"), "\(names)")
        XCTAssertEqual(names.filter { $0 == "Bush" }.count, 2, "\(names)")
        XCTAssertTrue(names.contains("WHO") && names.contains("Anna"), "\(names)")
        // A recognizer's own gazetteer decides, not the bundled one: one that lists Iodine keeps it.
        var kept = [[EntityMention(start: 0, end: 1, type: .org, text: "Iodine")], [], [], [], [], []]
        EntityRecognizer(model: nil, gazetteer: Gazetteer(text: "[org]\nIodine\n")).harmonize(&kept, words: words, xpos: words.map { $0.map { _ in "NNP" } })
        XCTAssertEqual(kept[0].map(\.text), ["Iodine"])
    }

    func testAcronymInBracketsAndPronoun() throws {
        let r = try extract("The International Atomic Energy Agency (IAEA) inspected the plant. The IAEA said it found no violations. Maria Lopez chairs the board. She criticised the report.")
        let iaea = try XCTUnwrap(r.entities.first { $0.aliases.contains("IAEA") })
        XCTAssertEqual(iaea.name, "International Atomic Energy Agency")
        XCTAssertTrue(r.facts.contains { $0.subject == "Maria Lopez" && $0.lemma == "criticise" || $0.subject == "Maria Lopez" && $0.lemma == "criticize" },
                      "\(r.facts.map { ($0.subject, $0.lemma) })")
    }

    /// A noun that a participle modifies is that participle's argument without the participle itself
    /// ("the case reviewed by a higher court": the court reviews the case, not "the case reviewed by ...").
    func testArgumentOfAParticipleLeavesTheParticipleOut() throws {
        let r = try extract("A different judge then ordered the case reviewed by a higher court. The agency published a report known as the Green Book.")
        let review = try XCTUnwrap(r.facts.first { $0.lemma == "review" })
        XCTAssertEqual(review.subject, "a higher court")
        XCTAssertEqual(review.object, "the case")
        let known = try XCTUnwrap(r.facts.first { $0.lemma == "know" })
        XCTAssertEqual(known.subject, "a report")
    }

    /// "signed an order on Thursday that freezes hiring": the order freezes hiring, not Thursday; verbs after
    /// the first of a chain keep their written form ("freezes hiring", "got elected", not "freezes hire").
    func testRelativeClauseAntecedentsAndChainVerbs() throws {
        let r = try extract("President Trump signed an executive order on Thursday that freezes hiring in several federal agencies. "
            + "The senator got elected in 2010.")
        let freeze = try XCTUnwrap(r.facts.first { $0.lemma == "hire" || $0.lemma == "freeze" })
        XCTAssertEqual(freeze.subject, "an executive order")
        XCTAssertEqual(freeze.relation, "freezes hiring in")
        XCTAssertEqual(r.facts.first { $0.lemma == "elect" }?.relation, "got elected")
        // "who" after a name the parse did not attach its clause to; an expletive "it" reports nothing.
        let more = try extract("In 1918, the municipality was renamed Jones in honor of American congressman William Jones, who authored "
            + "the Philippine Autonomy Act of 1916. In the dangerous prison, it has been reported they have kept migrants from the US.").facts
        XCTAssertTrue(more.contains { $0.lemma == "author" && $0.subject == "William Jones" }, "\(more.map { ($0.subject, $0.lemma) })")
        XCTAssertFalse(more.contains { $0.lemma == "report" }, "\(more.map { ($0.subject, $0.lemma) })")
        XCTAssertTrue(more.contains { $0.lemma == "keep" })
        // A question's wh-word is no argument.
        let question = try extract("What are the expectations of the administration? Ed tries to explain what happened to Pete.").facts
        XCTAssertFalse(question.contains { ["what", "who", "how"].contains($0.subject.lowercased()) || ["what", "who", "how"].contains(($0.object ?? "").lowercased()) },
                       "\(question.map { ($0.subject, $0.lemma, $0.object ?? "-") })")
        // A relative pronoun parsed as a second subject is the object: the critics called the speech so.
        let called = try extract("Trump blamed migrants for fueling violent crime in a speech at the White House, which critics called misleading.").facts
        XCTAssertTrue(called.contains { $0.lemma == "call" && $0.subject == "critics" && $0.object == "a speech at the White House" },
                      "\(called.map { ($0.subject, $0.lemma, $0.object ?? "-") })")
    }

    /// "..., the agency said on Monday" attributes the clause before it: no fact about the agency, an
    /// `according to` argument instead; a speech verb joined by "and" is still a fact.
    func testPostposedReportingClauseIsAttribution() throws {
        let r = try extract("ICE deported nearly 200,000 people between January and August, the agency said on Monday. "
            + "The minister visited Rome, and said nothing.")
        let deport = try XCTUnwrap(r.facts.first { $0.lemma == "deport" })
        XCTAssertTrue(deport.args.contains { $0.role == "according to" && $0.value == "the agency" }, "\(deport.args)")
        XCTAssertFalse(r.facts.contains { $0.lemma == "say" && $0.subject == "the agency" })
        XCTAssertTrue(r.facts.contains { $0.lemma == "say" && $0.subject == "The minister" && $0.object == "nothing" })
    }

    /// "refused to sign the bill" is no signing: the fact about the content verb is negated; "did not refuse
    /// to sign" is one; "decided to close" is not negated.
    func testNegativeImplicativeVerbsNegateTheirComplement() throws {
        let r = try extract("The president refused to sign the bill. The minister failed to pay the fine. "
            + "The senator did not refuse to sign the letter. The company decided to close the plant.")
        func negated(_ object: String) -> Bool? { r.facts.first { $0.object == object }?.negated }
        XCTAssertEqual(negated("the bill"), true)
        XCTAssertEqual(negated("the fine"), true)
        XCTAssertEqual(negated("the letter"), false)
        XCTAssertEqual(negated("the plant"), false)
        XCTAssertEqual(r.facts.first { $0.object == "the bill" }?.relation, "refused to sign")
    }

    func testPassiveNegationCoordinationRelative() throws {
        let r = try extract("The law was signed by the governor. The mayor did not attend the meeting. The minister visited Rome and met the pope. Officials who visited the site praised the workers.")
        let signed = try XCTUnwrap(r.facts.first { $0.lemma == "sign" })
        XCTAssertEqual(signed.subject, "the governor")
        XCTAssertEqual(signed.object, "The law")
        let attend = try XCTUnwrap(r.facts.first { $0.lemma == "attend" })
        XCTAssertTrue(attend.negated)
        XCTAssertEqual(attend.relation, "did not attend")
        XCTAssertTrue(r.facts.contains { $0.lemma == "visit" && $0.subject == "The minister" && $0.object == "Rome" })
        XCTAssertTrue(r.facts.contains { $0.lemma == "meet" && $0.subject == "The minister" && $0.object == "the pope" })
        XCTAssertTrue(r.facts.contains { $0.lemma == "visit" && $0.subject == "Officials" && $0.object == "the site" })
    }

    func testJSONLinesShape() throws {
        let r = try extract("At present, President Donald Trump is attempting to deploy National Guard troops in Illinois.")
        let line = try XCTUnwrap(ExtractionOutput.jsonLines(r).split(separator: "\n").first { $0.contains("\"lemma\": \"deploy\"") })
        let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        XCTAssertEqual(obj["subject"] as? String, "Donald Trump")
        XCTAssertEqual(obj["subject_type"] as? String, "PERSON")
        XCTAssertEqual(obj["relation"] as? String, "attempt to deploy")
        XCTAssertEqual(obj["object"] as? String, "National Guard troops")
        XCTAssertEqual(obj["object_type"] as? String, "ORG")
        XCTAssertEqual(obj["sentence"] as? Int, 0)
        let args = try XCTUnwrap(obj["args"] as? [[String: Any]])
        XCTAssertTrue(args.contains { $0["role"] as? String == "in" && $0["value"] as? String == "Illinois" && $0["type"] as? String == "GPE" })
        let keys = ["doc", "sentence", "text", "subject", "subject_type", "relation", "lemma", "object", "object_type", "args", "negated", "confidence"]
        var last = line.startIndex
        for k in keys {
            let r = try XCTUnwrap(line.range(of: "\"\(k)\":"), k)
            XCTAssertGreaterThanOrEqual(r.lowerBound, last, "field order at \(k)")
            last = r.lowerBound
        }
    }

    func testCarbFormat() throws {
        let extractor = try XCTUnwrap(Shared.extractor)
        let lines = ["He served as the first Prime Minister of Australia .", "Walcott was brought on one knee in the third round ."]
        let out = ExtractionOutput.carb(extractor.extract(sentences: lines), sentences: lines)
        let rows = out.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        XCTAssertFalse(rows.isEmpty)
        for r in rows {
            XCTAssertGreaterThanOrEqual(r.count, 4)
            XCTAssertTrue(lines.contains(String(r[0])))
            XCTAssertNotNil(Double(r[1]))
        }
        XCTAssertTrue(rows.contains { $0[2] == "served as" && $0[3] == "He" && $0[4] == "the first Prime Minister of Australia" }, out)
    }
}
