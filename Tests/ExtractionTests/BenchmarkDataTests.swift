import TestSupport
import Extraction
import Foundation
import Text
import XCTest

/// Development-set figures with the shipped models (skipped without ../shared/data).
final class BenchmarkDataTests: XCTestCase {
    /// Named mentions of GUM dev (see `NERCorpus` for the definition): span + type micro F1.
    func testNERonGUMDev() throws {
        guard let dev = SharedData.path("gum/dev") else { return }
        let tagger = try Tagger.bundled()
        let sentences = try NERCorpus.readGUM(paths: [dev])
        let scores = NEREvaluation.evaluate(recognizer: try EntityRecognizer.bundled(), sentences: sentences, tagger: tagger)
        print("GUM dev named mentions:\n\(scores)")
        XCTAssertGreaterThanOrEqual(scores.micro().f1, 0.68)
    }

    /// CaRB dev through the official-equivalent scorer, when python3 is available.
    func testCarbDev() throws {
        guard let sentences = SharedData.path("carb-dev/sentences.txt"), let gold = SharedData.path("carb-dev/gold.tsv"),
              let root = SharedData.root, FileManager.default.fileExists(atPath: root + "/tools/carb_score.py"),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
        else { print("SKIP: CaRB data, scorer or python3 missing"); return }
        let lines = try String(contentsOfFile: sentences, encoding: .utf8).split(separator: "\n").map(String.init)
        let extractor = try XCTUnwrap(Shared.extractor)
        let out = ExtractionOutput.carb(extractor.extract(sentences: lines), sentences: lines)
        let pred = FileManager.default.temporaryDirectory.appendingPathComponent("newsgraph-carb-\(getpid()).tsv")
        try out.write(to: pred, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: pred) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = [root + "/tools/carb_score.py", gold, pred.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        p.waitUntilExit()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        print("CaRB dev: \(text)")
        let f1 = Double(text.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? "") ?? 0
        XCTAssertGreaterThanOrEqual(f1, 0.45)
    }
}
