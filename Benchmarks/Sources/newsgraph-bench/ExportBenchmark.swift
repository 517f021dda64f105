import Export
import Foundation
import Graph

/// Export speed: a triple file's graph to N-Triples and CSV, and DOT of a 300-edge neighbourhood.
enum ExportBenchmark {
    static func run(file: String) {
        let graph = KnowledgeGraph()
        do {
            _ = try TripleImport.load(file, format: .tsv, into: graph)
        } catch {
            print("cannot load \(file): \(error)")
            return
        }
        graph.buildIndexes()
        let facts = graph.factCount
        print("export benchmark on \(file): \(facts) facts (release build, single thread, output counted not written)")
        var bytes = 0
        let ntriples = Measure.median(runs: 3) {
            bytes = 0
            var writer = NTriplesWriter()
            writer.write(graph) { bytes += $0.utf8.count }
        }
        print(String(format: "N-Triples: %.2f s = %.0f facts/s (%d MB)", ntriples.median, Double(facts) / ntriples.median, bytes >> 20))
        var csvBytes = 0
        let csv = Measure.median(runs: 3) {
            csvBytes = TabularWriters.csv(graph, rows: Array(0..<facts)).utf8.count
        }
        print(String(format: "CSV (edges merged, sorted): %.2f s = %.0f facts/s (%d MB)", csv.median, Double(facts) / csv.median, csvBytes >> 20))
        // An entity whose neighbourhood holds about 300 facts, exported as DOT the way `export --around` does.
        var best = ""
        var degree = 0
        for id in 0..<min(graph.terms.count, 50_000) {
            let name = graph.string(for: UInt32(id))
            let rows = graph.factRows(touching: name).count
            if abs(rows - 300) < abs(degree - 300) {
                degree = rows
                best = name
            }
        }
        var edges = 0
        let dot = Measure.median(runs: 5) {
            guard let selected = try? GraphSelection(scope: .around([best], depth: 1)).select(from: graph) else { return }
            let capped = selected.capped(at: 300)
            edges = capped.edges.count
            _ = DOTWriter.render(capped)
        }
        print(String(format: "DOT of the neighbourhood of %@ (%d facts, %d edges): %.1f ms (Graphviz layout not included)", best, degree, edges, dot.median * 1000))
    }
}
