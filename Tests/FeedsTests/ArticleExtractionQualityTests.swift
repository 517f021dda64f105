import TestSupport
import Foundation
import Testing

@testable import Feeds

/// Main-text extraction on `../shared/data/articles-dev` (291 saved pages): snippets that belong to the
/// article must be found, boilerplate snippets must not; F1 over all snippets must reach 0.90.
@Suite("Article extraction quality (articles-dev)")
struct ArticleExtractionQualityTests {
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func gunzip(_ path: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -dc \"$0\"", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }

    @Test func snippetF1IsAtLeast90Percent() throws {
        guard let directory = SharedData.directory("articles-dev") else {
            print(SharedData.missing("articles-dev"))
            return
        }
        let data = try Data(contentsOf: directory.appendingPathComponent("evaldata.json"))
        guard let pages = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] else {
            Issue.record("evaldata.json is not an object")
            return
        }
        var truePositives = 0
        var falseNegatives = 0
        var falsePositives = 0
        for (url, page) in pages.sorted(by: { $0.key < $1.key }) {
            guard let file = page["file"] as? String else { continue }
            let html = try Self.gunzip(directory.appendingPathComponent("html").appendingPathComponent(file + ".gz").path)
            let document = try? FeedParser.parse(html, source: file, options: ParseOptions(baseURL: url))
            let text = Self.normalized(document?.entries.first?.text ?? "")
            for snippet in page["with"] as? [String] ?? [] {
                if text.contains(Self.normalized(snippet)) { truePositives += 1 } else { falseNegatives += 1 }
            }
            for snippet in page["without"] as? [String] ?? [] where text.contains(Self.normalized(snippet)) {
                falsePositives += 1
            }
        }
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
        let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
        let f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        print(String(format: "articles-dev main text: %d pages, precision %.4f, recall %.4f, F1 %.4f", pages.count, precision, recall, f1))
        #expect(pages.count > 250)
        #expect(f1 >= 0.90)
    }
}
