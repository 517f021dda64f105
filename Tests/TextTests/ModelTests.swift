import TestSupport
import Foundation
import Testing
@testable import Text

@Suite struct ModelTests {
    func tempFile(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = TestScratch.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Expects loading `path` to throw an error whose description names the file.
    func expectLoadError(_ path: String) {
        do {
            _ = try Tagger(modelAtPath: path)
            Issue.record("loading \(path) should fail")
        } catch {
            #expect(String(describing: error).contains(path))
        }
    }

    @Test func corruptedTruncatedAndMissingModels() throws {
        let url = try Tagger.bundledModelURL()
        let good = [UInt8](try Data(contentsOf: url))
        #expect(good.count > 1000)
        expectLoadError(try tempFile("truncated", Array(good.prefix(good.count / 2))))
        expectLoadError(try tempFile("tiny", Array(good.prefix(10))))
        expectLoadError(try tempFile("empty", []))
        var flipped = good
        flipped[flipped.count / 3] ^= 0x5A
        expectLoadError(try tempFile("flipped", flipped))
        var rng = SplitMix64(seed: 1)
        expectLoadError(try tempFile("junk", (0..<4096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }))
        expectLoadError(NSTemporaryDirectory() + "does-not-exist.model")
    }

    @Test func decodeRejectsInconsistentModels() throws {
        // A structurally valid file whose checksum is fine but contents are inconsistent.
        var m = TaggerModel()
        m.labelXpos = ["NN"]
        m.labelUpos = ["NOUN"]
        m.passes = [WeightTable(keys: [1], counts: [2], labels: [0], weights: [5])]
        #expect(throws: (any Error).self) { try TaggerModel.decode(m.encode()) }
    }

    @Test func roundTripAndDeterminism() throws {
        guard let tagger = TestData.tagger else {
            print("SKIP: bundled model not available")
            return
        }
        let url = try Tagger.bundledModelURL()
        let bytes = [UInt8](try Data(contentsOf: url))
        let model = try TaggerModel.decode(bytes)
        #expect(model.encode() == bytes)
        let other = try Tagger(modelAt: url)
        let words = toks("US President Donald Trump’s administration has deported nearly 200,000 people since January.")
        let a = tagger.analyze(words)
        #expect(a == other.analyze(words))
        #expect(a == tagger.analyze(words))
        #expect(a.first(where: { $0.form == "deported" })?.lemma == "deport")
        #expect(a.first(where: { $0.form == "people" })?.upos == "NOUN")
        #expect(a.first(where: { $0.form == "Trump" })?.xpos == "NNP")
    }

    @Test func ewtDevMeetsTargets() throws {
        guard let gold = SharedData.path("ud-english-ewt/en_ewt-ud-dev.conllu") else { return }
        guard let tagger = TestData.tagger else {
            Issue.record("bundled model missing")
            return
        }
        let s = try Evaluation.tagging(tagger: tagger, goldPath: gold)
        print("EWT dev: \(s)")
        #expect(s.uposAccuracy >= 0.950)
        #expect(s.xposAccuracy >= 0.945)
        #expect(s.lemmaAccuracy >= 0.970)
    }
}
