import Extraction
import Foundation

/// End-to-end extraction throughput: plain text → sentences → tags → parse → entities → facts, one
/// thread. The text is NewsGraph's own gold sentences plus, when present, the seed article and the
/// CaRB dev sentences from ../shared/data, cut into ~600-word articles and repeated to the target size.
enum ExtractBenchmark {
    static func run(words target: Int) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var paragraphs: [String] = []
        if let gold = try? String(contentsOf: root.appendingPathComponent("corpora/gold/sentences.tsv"), encoding: .utf8) {
            paragraphs += gold.split(separator: "\n").filter { $0.hasPrefix("S\t") }.map { String($0.dropFirst(2)) }
        }
        for shared in [root.deletingLastPathComponent().appendingPathComponent("shared/data").path, "/work/shared/data"] {
            let fm = FileManager.default
            guard fm.fileExists(atPath: shared) else { continue }
            if let names = try? fm.contentsOfDirectory(atPath: shared + "/seed") {
                for n in names where n.hasSuffix(".txt") {
                    if let t = try? String(contentsOfFile: shared + "/seed/" + n, encoding: .utf8) { paragraphs.append(t) }
                }
            }
            if let carb = try? String(contentsOfFile: shared + "/carb-dev/sentences.txt", encoding: .utf8) {
                paragraphs += carb.split(separator: "\n").map(String.init)
            }
            break
        }
        guard !paragraphs.isEmpty else { print("extract: no input text found"); return }
        var articles: [String] = []
        var current = ""
        var words = 0, currentWords = 0
        var k = 0
        while words < target {
            let p = paragraphs[k % paragraphs.count]
            k += 1
            let w = p.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
            current += p + "\n\n"
            currentWords += w
            words += w
            if currentWords >= 600 {
                articles.append(current)
                current = ""
                currentWords = 0
            }
        }
        if !current.isEmpty { articles.append(current) }
        let loadStart = Date()
        guard let extractor = try? Extractor.bundled() else { print("extract: cannot load models"); return }
        let load = Date().timeIntervalSince(loadStart)
        _ = extractor.extract(text: articles[0])
        var facts = 0
        let seconds = Measure.seconds {
            for (i, a) in articles.enumerated() { facts += extractor.extract(text: a, document: "a\(i)").facts.count }
        }
        print(String(format: "extract: %d words in %d articles, %.2f s (models loaded in %.2f s): %.0f words/s, %.1f facts per 1,000 words, peak RSS %.0f MB",
                     words, articles.count, seconds, load, Double(words) / seconds, Double(facts) * 1000 / Double(words),
                     Measure.peakResidentMegabytes()))
    }
}
