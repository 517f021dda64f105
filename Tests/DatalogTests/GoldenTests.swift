import Foundation
import Testing
@testable import Datalog
import Graph

/// Walks Tests/DatalogTests/Golden/<case>/{query.dl, facts.tsv, expected.out}. Cases named neg_* must be
/// rejected (their expected.out holds the rendered diagnostic). Set UPDATE_GOLDEN=1 to rewrite expected.out.
@Suite struct GoldenTests {
    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: TestSupport.goldenDir.path)) ?? []).sorted()
    }

    @Test(arguments: GoldenTests.cases)
    func golden(_ name: String) throws {
        let dir = TestSupport.goldenDir.appendingPathComponent(name)
        let query = try String(contentsOf: dir.appendingPathComponent("query.dl"), encoding: .utf8)
        let facts = (try? String(contentsOf: dir.appendingPathComponent("facts.tsv"), encoding: .utf8)) ?? ""
        let actual = TestSupport.run(program: query, store: TestSupport.store(tsv: facts))
        let expectedURL = dir.appendingPathComponent("expected.out")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected, "golden case \(name) differs:\n\(actual)")
        if name.hasPrefix("neg_") { #expect(actual.contains("error"), "neg case \(name) must produce an error") }
    }

    @Test func goldenFolderIsNotEmpty() { #expect(GoldenTests.cases.count >= 20) }
}
