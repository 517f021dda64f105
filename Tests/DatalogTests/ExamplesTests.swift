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

@Suite struct ReadmeExamplesTests {
    /// Every `prolog` block of the README parses, loads and runs against a store with the base relations.
    @Test func everyReadmeExampleParses() throws {
        let readme = TestSupport.examplesDir.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let blocks = text.components(separatedBy: "```prolog\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        #expect(!blocks.isEmpty, "the README has no prolog examples")
        for block in blocks {
            let program = try Program.parse(block)
            let engine = Engine(store: KnowledgeGraph())
            try engine.load(program)
            for index in program.queries.indices { _ = try engine.query(program.queryText(index)) }
        }
    }
}
