import Extraction
import Foundation
import XCTest

/// Hostile and unusual input: no crash, (near-)linear time, every fact tied to a real sentence.
final class RobustnessTests: XCTestCase {
    func check(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> ExtractionResult {
        let extractor = try XCTUnwrap(Shared.extractor)
        let r = extractor.extract(text: text, document: "t")
        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        for f in r.facts {
            XCTAssertFalse(f.sentenceText.isEmpty, file: file, line: line)
            XCTAssertTrue(collapsed.contains(f.sentenceText), "fact sentence not in input: \(f.sentenceText)", file: file, line: line)
            XCTAssertFalse(f.subject.isEmpty, file: file, line: line)
            XCTAssertTrue((0...1).contains(f.confidence), file: file, line: line)
        }
        return r
    }

    func testEmptyAndWhitespace() throws {
        XCTAssertTrue(try check("").facts.isEmpty)
        XCTAssertTrue(try check("   \n\n\t ").facts.isEmpty)
        XCTAssertTrue(try check(".").facts.isEmpty)
    }

    func testVeryLongSentence() throws {
        let words = (0..<500).map { ["the", "council", "approved", "budget", "and", "Paris", "said", ",", "of", "new"][$0 % 10] }
        _ = try check(words.joined(separator: " ") + ".")
    }

    func testFlattenedTableAllCapsQuotesAndOtherLanguages() throws {
        _ = try check((0..<80).map { "| \($0) | 12.5 | 3,400 | NEW YORK | +4% |" }.joined(separator: " "))
        _ = try check("BREAKING: SENATE PASSES BILL AS PRESIDENT VOWS VETO. MARKETS FALL SHARPLY.")
        _ = try check("He said \"she told me 'they called it \"madness\" twice' yesterday\" before leaving.")
        _ = try check("Der Bundestag hat das Gesetz am Freitag beschlossen. 北京是中国的首都。 Москва — столица России.")
        _ = try check("((((((((((((( ))))))))))))) ----- ***** ??? !!! \u{0} \u{FEFF} \u{202E}abc")
    }

    /// Another language gives no entities and no facts: an article in German, or a long German quotation
    /// inside an English article, whose English sentences still give theirs.
    func testOtherLanguagesGiveNoFacts() throws {
        let german = "Die Fishing Masters Show findet im Mai in Rostock statt. Der Veranstalter hat den Termin verschoben, "
            + "weil die Halle nicht frei war. Besucher können an der Drillmaschine im simulierten Kampf ihr Können zeigen, "
            + "und auch in diesem Jahr wird es wieder Tombolas und Preise für die ganze Familie geben."
        let r = try check(german)
        XCTAssertTrue(r.facts.isEmpty, "\(r.facts.map { ($0.subject, $0.relation, $0.object ?? "-") })")
        XCTAssertTrue(r.entities.isEmpty, "\(r.entities.map(\.name))")
        let mixed = try check("The mayor of Rostock opened the fishing fair on Saturday. "
            + "Der Veranstalter hat den Termin verschoben, weil die Halle in diesem Jahr nicht frei war und die Stadt zu spät geantwortet hat. "
            + "The organisers expect twenty thousand visitors.")
        XCTAssertTrue(mixed.facts.contains { $0.lemma == "open" }, "\(mixed.facts.map { ($0.subject, $0.lemma) })")
        XCTAssertTrue(mixed.facts.contains { $0.lemma == "expect" }, "\(mixed.facts.map { ($0.subject, $0.lemma) })")
        XCTAssertFalse(mixed.facts.contains { $0.sentenceText.hasPrefix("Der Veranstalter") }, "\(mixed.facts.map(\.sentenceText))")
    }

    func testLinearTime() throws {
        let extractor = try XCTUnwrap(Shared.extractor)
        let unit = "The government approved the plan on Monday, and officials in Berlin said it would start in May. "
        func time(_ n: Int) -> Double {
            let text = String(repeating: unit, count: n)
            let start = Date()
            _ = extractor.extract(text: text)
            return Date().timeIntervalSince(start)
        }
        _ = time(2)
        let small = max(time(10), 1e-3)
        let large = time(80)
        XCTAssertLessThan(large / small, 8 * 3, "80 units took \(large) s, 10 took \(small) s")
        // One 2,000-token "sentence" without punctuation is cut into bounded pieces.
        let start = Date()
        _ = extractor.extract(text: String(repeating: "word and another word ", count: 500))
        XCTAssertLessThan(Date().timeIntervalSince(start), 30)
    }
}
