import Datalog
import Foundation
import Graph

/// The store on a news-shaped triple file: resident bytes per triple, import and open rates, point
/// lookups and on-disk size. Generate input with
/// `python3 ../shared/tools/datalog_workloads.py kg --triples 1000000 --seed 13 --out kg.tsv`.
enum StoreBenchmark {
    static func run(arguments: [String]) {
        guard let file = arguments.first else {
            print("usage: newsgraph-bench store FILE.tsv [LOOKUPS.txt]")
            return
        }
        let lookupsPath = arguments.count > 1 ? arguments[1] : file.replacingOccurrences(of: ".tsv", with: ".lookup.txt")
        let baseline = Measure.residentHighWaterBytes()
        let directory = NSTemporaryDirectory() + "newsgraph-bench-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let store = try GraphStore.openForWriting(at: directory)
            var triples = 0
            let importSeconds = try Measure.seconds {
                triples = try TripleImport.load(file, format: .tsv, into: store.graph).triples
                store.graph.buildIndexes()
            }
            let peak = Measure.residentHighWaterBytes() - baseline
            let writeSeconds = try Measure.seconds { try store.compact() }
            let onDisk = store.fileSizes.snapshot + store.fileSizes.journal
            print("store benchmark on \(file) (release build, single thread)")
            print(String(format: "triples: %d, terms: %d", triples, store.graph.terms.count))
            print(String(format: "memory: %.1f bytes per triple resident (peak RSS growth %.1f MB, dictionary and indexes included)",
                         Double(peak) / Double(triples), Double(peak) / 1_048_576))
            print(String(format: "import: %.2f s = %.2f million triples/s (TSV parse, interning, indexes)", importSeconds, Double(triples) / importSeconds / 1e6))
            print(String(format: "snapshot write: %.2f s (fsynced); on disk: %.1f bytes per triple", writeSeconds, Double(onDisk) / Double(triples)))
            var opens: [Double] = []
            var reopened: GraphStore?
            for _ in 0..<3 {
                opens.append(try Measure.seconds { reopened = try GraphStore.openForReading(at: directory) })
            }
            let open = opens.sorted()[1]
            print(String(format: "open: %.3f s (median of 3) = %.2f million triples/s", open, Double(triples) / open / 1e6))
            guard let graph = reopened?.graph else { return }
            let entities = ((try? String(contentsOfFile: lookupsPath, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            guard !entities.isEmpty else {
                print("no lookup file at \(lookupsPath); point lookups skipped")
                return
            }
            var times: [Double] = []
            var found = 0
            for entity in entities {
                let start = ContinuousClock.now
                let rows = graph.factRows(touching: entity)
                times.append((ContinuousClock.now - start).seconds)
                found += rows.count
            }
            times.sort()
            print(String(format: "point lookup (all facts of one entity, %d entities, %d facts found): median %.1f µs, p99 %.1f µs",
                         entities.count, found, times[times.count / 2] * 1e6, times[times.count * 99 / 100] * 1e6))
            let engine = Engine(store: graph)
            var queryTimes: [Double] = []
            for entity in entities.prefix(200) {
                let start = ContinuousClock.now
                _ = try? engine.query("?- rel(\"\(entity)\", P, O).")
                queryTimes.append((ContinuousClock.now - start).seconds)
            }
            queryTimes.sort()
            print(String(format: "pattern query ?- rel(\"eN\", P, O). including parse and plan: median %.2f ms, max %.2f ms",
                         queryTimes[queryTimes.count / 2] * 1e3, (queryTimes.last ?? 0) * 1e3))
        } catch {
            print("store benchmark failed: \(error)")
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
