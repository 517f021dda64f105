@testable import Extraction
import Foundation
import XCTest

/// Word clustering (exchange algorithm) and the cluster file.
final class WordClustersTests: XCTestCase {
    /// Animals follow articles and precede verbs, cities follow prepositions and precede adverbs.
    func syntheticCorpus() -> [[String]] {
        let animals = ["cat", "dog", "cow", "pig"], cities = ["Paris", "London", "Rome", "Oslo"]
        var out: [[String]] = []
        for (i, a) in animals.enumerated() {
            for (j, d) in ["the", "a"].enumerated() {
                for v in ["sat", "ran", "slept"] { out.append([d, a, v, i + j > 2 ? "." : "!"]) }
            }
        }
        for c in cities {
            for p in ["in", "from", "near"] {
                for adv in ["today", "now"] { out.append(["we", "stay", p, c, adv]) }
            }
        }
        return out
    }

    func testExchangeClusteringGroupsWordsOfTheSameContexts() {
        var options = WordClusterTrainer.Options()
        options.minCount = 1
        options.branching = [6, 2]
        let clusters = WordClusterTrainer.train(sentences: syntheticCorpus(), options: options)
        func top(_ w: String) -> String? { clusters.classes(of: w).first }
        XCTAssertEqual(clusters.classes(of: "cat").count, 2)
        for a in ["dog", "cow", "pig"] { XCTAssertEqual(top(a), top("cat"), a) }
        for c in ["London", "Rome", "Oslo"] { XCTAssertEqual(top(c), top("Paris"), c) }
        XCTAssertNotEqual(top("cat"), top("Paris"))
        XCTAssertNotEqual(top("cat"), top("the"))
        // Prefixes: the finer class extends the coarser one.
        let cat = clusters.classes(of: "cat")
        XCTAssertTrue(cat[1].hasPrefix(cat[0] + "."))
        // An unknown word has no class; a capitalised form falls back to the lower-case word.
        XCTAssertEqual(clusters.classes(of: "zebra"), [])
        XCTAssertEqual(clusters.classes(of: "Cat"), cat)
    }

    func testFileRoundTrip() throws {
        let clusters = WordClusters(pairs: [("Paris", [3, 1, 2]), ("London", [3, 1, 0]), ("said", [0, 4, 4])])
        let path = NSTemporaryDirectory() + "newsgraph-clusters-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try clusters.write(to: path, header: ["test"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("# test\n"))
        let read = try WordClusters(path: path)
        XCTAssertEqual(read.count, 3)
        XCTAssertEqual(read.classes(of: "Paris"), ["3", "3.1", "3.1.2"])
        XCTAssertEqual(read.classes(of: "London"), ["3", "3.1", "3.1.0"])
        XCTAssertEqual(read.serialized(), clusters.serialized())
    }

    func testCorruptFileNamesTheFileAndLine() throws {
        let path = NSTemporaryDirectory() + "newsgraph-bad-clusters-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "# header\nParis\t3.1\nLondon 3.1\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try WordClusters(path: path)) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.contains(path) && message.contains("line 3"), message)
        }
        try "Paris\t3.x\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try WordClusters(path: path)) { XCTAssertTrue(String(describing: $0).contains(path)) }
        XCTAssertThrowsError(try WordClusters(path: path + ".missing")) { XCTAssertTrue(String(describing: $0).contains(path + ".missing")) }
    }
}
