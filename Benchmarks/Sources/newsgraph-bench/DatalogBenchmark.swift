import Datalog
import Foundation
import Graph

/// Query-engine workloads from `datalog_workloads.py preset --sizes small,medium`, loaded into the real
/// store through the importer (two-column files as `rel(a, "edge", b)`), evaluation timed separately.
enum DatalogBenchmark {
    static func run(directory: String, runs: Int = 3) {
        print("datalog benchmark on \(directory) (release build, single thread; evaluation only, median of \(runs))")
        print("| workload | answers | load s | eval s | Soufflé interpreter | DuckDB 1 thread |")
        print("|---|---:|---:|---:|---:|---:|")
        let edge = "edge(X, Y) :- rel(X, \"edge\", Y).\n"
        let closure = edge + "tc(X, Y) :- edge(X, Y).\ntc(X, Z) :- tc(X, Y), edge(Y, Z).\n"
        workload("tc-chain", "\(directory)/chain-2k.tsv", closure, "?- tc(X, Y).", "0.72", "0.25", runs)
        workload("tc-rand", "\(directory)/rand-m.tsv", closure, "?- tc(X, Y).", "2.19", "0.56", runs)
        workload("sg-tree", "\(directory)/tree-d11.tsv",
                 edge + "sg(X, Y) :- edge(P, X), edge(P, Y), X != Y.\nsg(X, Y) :- edge(A, X), sg(A, B), edge(B, Y).\n",
                 "?- sg(X, Y).", "1.29", "0.50", runs)
        // The join over three variables whose answer count (424,998) matches the reference figure.
        workload("kg-join3", "\(directory)/kg-1e5.tsv", "", "?- rel(A, \"p1\", B), rel(B, \"p2\", C).", "0.060", "0.009", runs)
        workload("kg-path3", "\(directory)/kg-1e5.tsv", "", "?- rel(A, \"p1\", B), rel(B, \"p2\", C), rel(C, \"p3\", D).", "-", "-", runs)
        lookups(directory: directory, runs: runs)
        print(String(format: "peak resident memory: %.0f MB", Measure.peakResidentMegabytes()))
    }

    static func load(_ file: String) -> (KnowledgeGraph, Double)? {
        let graph = KnowledgeGraph()
        do {
            let seconds = try Measure.seconds {
                _ = try TripleImport.load(file, format: .tsv, into: graph)
                graph.buildIndexes()
            }
            return (graph, seconds)
        } catch {
            print("cannot load \(file): \(error) (generate it with datalog_workloads.py preset --sizes small,medium)")
            return nil
        }
    }

    static func workload(_ name: String, _ file: String, _ rules: String, _ query: String, _ souffle: String, _ duck: String, _ runs: Int) {
        guard let (graph, loadSeconds) = load(file) else { return }
        let engine = Engine(store: graph)
        do {
            if !rules.isEmpty { try engine.load(Program.parse(rules)) }
            var times: [Double] = []
            var answers = 0
            for _ in 0..<runs {
                engine.invalidateCache()
                var count = 0
                times.append(try Measure.seconds { count = try engine.query(query, limits: .timeout(300), ordered: false).rowCount })
                answers = count
            }
            let median = times.sorted()[times.count / 2]
            print(String(format: "| %@ | %d | %.3f | %.3f | %@ | %@ |", name, answers, loadSeconds, median, souffle, duck))
        } catch {
            print("| \(name) | error: \(error) | | | | |")
        }
    }

    static func lookups(directory: String, runs: Int) {
        guard let (graph, _) = load("\(directory)/kg-1e5.tsv"),
            let text = try? String(contentsOfFile: "\(directory)/kg-1e5.lookup.txt", encoding: .utf8)
        else { return }
        let entities = text.split(separator: "\n").map(String.init)
        let engine = Engine(store: graph)
        var totals: [Double] = []
        var answers = 0
        for _ in 0..<runs {
            answers = 0
            totals.append(Measure.seconds {
                for entity in entities { answers += (try? engine.query("?- rel(\"\(entity)\", P, O).").rowCount) ?? 0 }
            })
        }
        print(String(format: "kg-lookup: %d point queries (parse, plan, evaluate, sort), %d answers: %.1f ms in total (median of %d)",
                     entities.count, answers, totals.sorted()[runs / 2] * 1000, runs))
    }
}
