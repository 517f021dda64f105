import Foundation
import Testing
@testable import Datalog
import Graph

@Suite struct ExamplesTests {
    @Test func everyExampleParsesAndLoads() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestSupport.examplesDir.path).filter { $0.hasSuffix(".dl") }
        #expect(files.count >= 5)
        for f in files {
            let text = try String(contentsOf: TestSupport.examplesDir.appendingPathComponent(f), encoding: .utf8)
            let program = try Program.parse(text)
            let engine = Engine(store: MemoryFactStore())
            try engine.load(program)
            for i in program.queries.indices { _ = try engine.query(program.queryText(i)) }
        }
    }

    @Test func grammarFileExists() throws {
        let g = TestSupport.examplesDir.deletingLastPathComponent().appendingPathComponent("query.ebnf")
        let text = try String(contentsOf: g, encoding: .utf8)
        for production in ["program", "statement", "query", "clause", "head", "headArg", "aggregate", "body", "literal",
                           "negation", "atom", "comparison", "expr", "product", "unary", "primary", "term"] {
            #expect(text.contains("\n\(production) "), "grammar lacks \(production)")
        }
    }
}
