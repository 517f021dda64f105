import TestSupport
import Extraction
import Foundation
import XCTest

/// The article NewsGraph was started from (../shared/data/seed): the facts its design promises.
final class SeedArticleTests: XCTestCase {
    static let result: ExtractionResult? = {
        guard let dir = SharedData.path("seed"), let extractor = Shared.extractor,
              let name = try? FileManager.default.contentsOfDirectory(atPath: dir).sorted().first(where: { $0.hasSuffix(".txt") }),
              let text = try? String(contentsOfFile: dir + "/" + name, encoding: .utf8)
        else { return nil }
        return extractor.extract(text: text, document: name)
    }()

    func fact(_ r: ExtractionResult, subject: String, lemma: String, object: (String) -> Bool) -> Fact? {
        r.facts.first { $0.subject == subject && $0.lemma == lemma && object($0.object) }
    }

    func testDeployNationalGuard() throws {
        guard let r = SeedArticleTests.result else { return }
        let f = try XCTUnwrap(fact(r, subject: "Donald Trump", lemma: "deploy") { $0 == "National Guard troops" })
        XCTAssertEqual(f.subjectType, .person)
        XCTAssertEqual(f.relation, "attempt to deploy")
        XCTAssertEqual(f.objectType, .org)
        XCTAssertTrue(f.args.contains(FactArgument(role: "in", value: "Illinois", type: .gpe)), "\(f.args)")
        XCTAssertFalse(f.negated)
        XCTAssertTrue(f.sentenceText.hasPrefix("At present, President Donald Trump is attempting to deploy"))
    }

    func testTrumpAliasesResolve() throws {
        guard let r = SeedArticleTests.result else { return }
        let trump = try XCTUnwrap(r.entities.first { $0.name == "Donald Trump" })
        XCTAssertEqual(trump.type, .person)
        for alias in ["Trump", "President Trump", "US President Donald Trump", "US President Trump"] {
            XCTAssertTrue(trump.aliases.contains(alias), "missing alias \(alias): \(trump.aliases)")
        }
        let unresolved = r.facts.filter { ["Trump", "President Trump", "US President Trump", "US President Donald Trump"].contains($0.subject) }
        XCTAssertTrue(unresolved.isEmpty, "\(unresolved.map(\.subject))")
        XCTAssertTrue(r.facts.contains { $0.subject == "Donald Trump" && $0.kind == .title && $0.object == "US President" })
        XCTAssertTrue(r.facts.contains { $0.subject == "Trump administration" && $0.kind == .possessive && $0.object == "Donald Trump" })
    }

    func testSupremeCourtRebuffs() throws {
        guard let r = SeedArticleTests.result else { return }
        let f = try XCTUnwrap(fact(r, subject: "Supreme Court", lemma: "rebuff") { $0.contains("attempt") })
        XCTAssertEqual(f.relation, "has rebuffed")
        XCTAssertEqual(f.subjectType, .org)
        // "as a US diplomat stated" is attribution, not a fact about the diplomat.
        XCTAssertTrue(f.args.contains { $0.role == "according to" && $0.value.contains("diplomat") })
        XCTAssertFalse(r.facts.contains { $0.subject.contains("diplomat") && $0.lemma == "state" && $0.object.isEmpty })
    }

    func testBlameSignDeport() throws {
        guard let r = SeedArticleTests.result else { return }
        let blame = try XCTUnwrap(fact(r, subject: "Donald Trump", lemma: "blame") { $0.hasPrefix("migrants") })
        XCTAssertTrue(blame.args.contains { $0.role == "for" && $0.value == "fueling violent crime" }, "\(blame.args)")
        XCTAssertNotNil(fact(r, subject: "Donald Trump", lemma: "sign") { $0.contains("executive order") })
        let ice = try XCTUnwrap(r.entities.first { $0.aliases.contains("ICE") })
        XCTAssertEqual(ice.name, "U.S. Immigration and Customs Enforcement")
        XCTAssertEqual(ice.type, .org)
        XCTAssertNotNil(fact(r, subject: ice.name, lemma: "deport") { $0.hasPrefix("nearly 200,000 people") })
    }

    func testEveryFactHasItsSentence() throws {
        guard let r = SeedArticleTests.result else { return }
        XCTAssertGreaterThan(r.facts.count, 30)
        for f in r.facts {
            XCTAssertFalse(f.sentenceText.isEmpty)
            XCTAssertTrue((0...1).contains(f.confidence))
        }
    }
}
