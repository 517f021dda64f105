import Foundation
@testable import Datalog
import Graph

enum TestSupport {
    static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let goldenDir = testsDir.appendingPathComponent("Golden")
    static let examplesDir = testsDir.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Grammar/examples")

    /// facts.tsv: relation<TAB>arg<TAB>arg...; unknown relations are declared with the row's arity.
    static func store(tsv: String) -> MemoryFactStore {
        let store = MemoryFactStore()
        for line in tsv.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let rel = parts.first, !rel.isEmpty else { continue }
            let args = Array(parts.dropFirst()).map { $0.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\t", with: "\t") }
            if !store.baseRelations.contains(where: { $0.name == rel }) { store.declare(rel, arity: args.count) }
            store.add(rel, args)
        }
        return store
    }

    /// Loads the program (its rules and facts) and runs each of its queries; returns the transcript.
    static func run(program text: String, store: MemoryFactStore) -> String {
        let engine = Engine(store: store)
        let program: Program
        do {
            program = try Program.parse(text)
            try engine.load(program)
        } catch {
            return error.render(source: text) + "\n"
        }
        var out = ""
        for w in engine.warnings { out += w.render(source: text) + "\n" }
        for i in program.queries.indices {
            let q = program.queryText(i)
            out += q + "\n"
            do {
                let r = try engine.query(q)
                for w in r.warnings { out += w.render(source: q) + "\n" }
                out += ResultFormatter.table(r)
            } catch {
                out += error.render(source: q) + "\n"
            }
            out += "\n"
        }
        return out
    }
}
