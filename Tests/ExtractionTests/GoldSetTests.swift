import TestSupport
import Extraction
import Foundation
import XCTest

/// NewsGraph's own gold set (corpora/gold/sentences.tsv): 58 news sentences with the facts a reader expects.
///
/// A gold fact is found when a predicted fact has the same lemma, a subject equal to (or containing)
/// the gold subject and an object equal to, containing or contained in the gold object (case-insensitive).
/// Precision counts verbal and copular predicted facts that match some gold fact of their sentence.
final class GoldSetTests: XCTestCase {
    struct Block { var sentence: String; var facts: [(s: String, l: String, o: String)] }

    static func load() throws -> [Block] {
        let path = SharedData.packageRoot.appendingPathComponent("corpora/gold/sentences.tsv").path
        var blocks: [Block] = []
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if cols[0] == "S" { blocks.append(Block(sentence: cols[1], facts: [])) }
            if cols[0] == "F", cols.count >= 3, !blocks.isEmpty {
                blocks[blocks.count - 1].facts.append((cols[1], cols[2], cols.count > 3 ? cols[3] : ""))
            }
        }
        return blocks
    }

    static func matches(_ f: Fact, _ g: (s: String, l: String, o: String)) -> Bool {
        let ps = f.subject.lowercased(), gs = g.s.lowercased()
        let po = f.object.lowercased(), go = g.o.lowercased()
        guard f.lemma == g.l, ps == gs || ps.contains(gs) || gs.contains(ps) else { return false }
        if go.isEmpty { return true }
        return !po.isEmpty && (po == go || po.contains(go) || go.contains(po))
    }

    /// Scores the gold set; returns (precision, recall).
    static func score(_ extractor: Extractor, report: Bool = false) throws -> (Double, Double) {
        var found = 0, gold = 0, correct = 0, predicted = 0
        for b in try load() {
            let facts = extractor.extract(text: b.sentence).facts.filter { $0.kind == .verbal || $0.kind == .copula || $0.kind == .apposition }
            gold += b.facts.count
            for g in b.facts {
                if facts.contains(where: { matches($0, g) }) { found += 1 } else if report {
                    print("MISSED \(g) in: \(b.sentence) -> \(facts.map { "(\($0.subject); \($0.lemma); \($0.object))" })")
                }
            }
            predicted += facts.count
            correct += facts.filter { f in b.facts.contains { matches(f, $0) } }.count
        }
        return (Double(correct) / Double(max(predicted, 1)), Double(found) / Double(max(gold, 1)))
    }

    func testGoldSetPrecisionAndRecall() throws {
        let extractor = try XCTUnwrap(Shared.extractor)
        let (p, r) = try GoldSetTests.score(extractor, report: ProcessInfo.processInfo.environment["NEWSGRAPH_REPORT"] != nil)
        print(String(format: "gold set: precision %.3f recall %.3f", p, r))
        XCTAssertGreaterThanOrEqual(r, 0.85, "recall on corpora/gold")
        XCTAssertGreaterThanOrEqual(p, 0.85, "precision on corpora/gold")
    }
}
