import Foundation
import Text

/// Tokenize + split + tag + lemmatize on generated news-like text, single thread, and model load time.
enum TagBenchmark {
    static func run(megabytes: Int) {
        do {
            let url = try Tagger.bundledModelURL()
            let load = try Benchmark.loadTime(path: url.path)
            let tagger = try Tagger.bundled()
            let text = Benchmark.generateText(bytes: megabytes * 1_000_000)
            _ = Benchmark.run(text: String(text.prefix(200_000)), tagger: tagger)  // warm-up
            var results: [Benchmark.Result] = []
            for _ in 0..<3 { results.append(Benchmark.run(text: text, tagger: tagger)) }
            let median = results.sorted { $0.tokensPerCPUSecond < $1.tokensPerCPUSecond }[1]
            print("tag benchmark (release build, one thread), median of 3: \(median)")
            print(String(format: "model load time: %.1f ms (best of 5)", load * 1000))
        } catch {
            print("tag benchmark failed: \(error)")
        }
    }
}
