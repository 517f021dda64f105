import Foundation
import TestSupport
import Testing
@testable import Parsing

let sharedParser: DependencyParser? = try? DependencyParser.bundled()

/// Checks that heads form a single-rooted tree over 1...n.
func isValidTree(_ result: [(head: Int, deprel: String)]) -> Bool {
    let n = result.count
    var roots = 0
    for (i, r) in result.enumerated() {
        if r.head < 0 || r.head > n || r.head == i + 1 { return false }
        if r.head == 0 { roots += 1; if r.deprel != "root" { return false } }
    }
    if n > 0 && roots != 1 { return false }
    for i in 1...max(n, 1) where n > 0 {
        var x = i, steps = 0
        while x != 0 {
            x = result[x - 1].head
            steps += 1
            if steps > n { return false }
        }
    }
    return true
}

@Suite struct ParserTests {
    @Test func bundledModelLoadsQuickly() throws {
        let start = Date()
        let parser = try DependencyParser.bundled()
        let ms = Date().timeIntervalSince(start) * 1000
        print("bundled model loaded in \(Int(ms)) ms (\(parser.labels.count) labels)")
        #expect(parser.labels.contains("nsubj:pass"))
    }

    @Test func ewtDevAboveTargetsWithGoldTags() throws {
        guard let devPath = SharedData.path("ud-english-ewt/en_ewt-ud-dev.conllu") else { return }
        let parser = try #require(sharedParser)
        let gold = try CoNLLU.read(path: devPath)
        let scores = ParserEvaluation.evaluate(parser: parser, gold: gold)
        print("EWT dev (gold tags): \(scores)")
        #expect(scores.uas >= 85)
        #expect(scores.las >= 82)
    }

    @Test func longSentenceInBoundedTime() throws {
        let parser = try #require(sharedParser)
        let base = ["The", "committee", "said", "on", "Tuesday", "that", "it", "would", "review", "the", "plan", ",", "and"]
        let tags = [("DET", "DT"), ("NOUN", "NN"), ("VERB", "VBD"), ("ADP", "IN"), ("PROPN", "NNP"), ("SCONJ", "IN"),
                    ("PRON", "PRP"), ("AUX", "MD"), ("VERB", "VB"), ("DET", "DT"), ("NOUN", "NN"), ("PUNCT", ","), ("CCONJ", "CC")]
        var words: [String] = [], upos: [String] = [], xpos: [String] = []
        while words.count < 600 {
            let i = words.count % base.count
            words.append(base[i]); upos.append(tags[i].0); xpos.append(tags[i].1)
        }
        let start = Date()
        let result = parser.parse(words: words, upos: upos, xpos: xpos, lemmas: nil)
        let secs = Date().timeIntervalSince(start)
        print("600-token sentence parsed in \(Int(secs * 1000)) ms")
        #expect(result.count == 600)
        #expect(isValidTree(result))
        #expect(secs < 2.0)
    }

    @Test func emptyAndSingleToken() throws {
        let parser = try #require(sharedParser)
        #expect(parser.parse(words: [], upos: [], xpos: [], lemmas: nil).isEmpty)
        let one = parser.parse(words: ["Hello"], upos: ["INTJ"], xpos: ["UH"], lemmas: ["hello"])
        #expect(one.count == 1)
        #expect(one[0].head == 0 && one[0].deprel == "root")
    }

    @Test func allPunctuation() throws {
        let parser = try #require(sharedParser)
        let words = ["!", "?", "...", "\"", "-", "."]
        let r = parser.parse(words: words, upos: Array(repeating: "PUNCT", count: 6),
                             xpos: [".", ".", ":", "''", "HYPH", "."], lemmas: nil)
        #expect(r.count == 6)
        #expect(isValidTree(r))
    }

    @Test func garbageTagsAndMismatchedLengths() throws {
        let parser = try #require(sharedParser)
        let words = ["Zorg", "blibbed", "the", "ünïcødé", "🙂", "", "42"]
        let r1 = parser.parse(words: words, upos: ["???", "", "X", "NOUN", "🙂", "x", "NUM"],
                              xpos: ["FOO", "BAR", "", "NN", "--", "\t", "CD"], lemmas: nil)
        #expect(isValidTree(r1))
        let r2 = parser.parse(words: words, upos: ["NOUN"], xpos: [], lemmas: [])
        #expect(r2.count == words.count)
        #expect(isValidTree(r2))
    }

    @Test func deterministicOutput() throws {
        let parser = try #require(sharedParser)
        let w = ["President", "Bush", "on", "Tuesday", "nominated", "two", "individuals", "."]
        let u = ["PROPN", "PROPN", "ADP", "PROPN", "VERB", "NUM", "NOUN", "PUNCT"]
        let x = ["NNP", "NNP", "IN", "NNP", "VBD", "CD", "NNS", "."]
        let a = parser.parse(words: w, upos: u, xpos: x, lemmas: nil)
        let b = parser.parse(words: w, upos: u, xpos: x, lemmas: nil)
        #expect(a.map { "\($0.head)/\($0.deprel)" } == b.map { "\($0.head)/\($0.deprel)" })
        #expect(a[4].head == 0)
    }

    @Test func corruptedModelThrowsNamingFile() throws {
        let path = try #require(DependencyParser.bundledModelPath)
        let bytes = try #require(FileManager.default.contents(atPath: path))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ng-parser-test-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        let truncated = dir.appendingPathComponent("truncated.model").path
        FileManager.default.createFile(atPath: truncated, contents: bytes.prefix(bytes.count / 2))
        var flipped = [UInt8](bytes)
        flipped[flipped.count / 3] ^= 0x5A
        let damaged = dir.appendingPathComponent("damaged.model").path
        FileManager.default.createFile(atPath: damaged, contents: Data(flipped))
        let garbage = dir.appendingPathComponent("garbage.model").path
        FileManager.default.createFile(atPath: garbage, contents: Data("not a model".utf8))
        let missing = dir.appendingPathComponent("missing.model").path

        for p in [truncated, damaged, garbage, missing] {
            do {
                _ = try DependencyParser(modelAt: p)
                Issue.record("expected an error for \(p)")
            } catch let e as ParserModelError {
                #expect(e.description.contains(p))
            }
        }
    }

    @Test func conlluReaderSkipsRangesAndEmptyNodes() throws {
        let text = "# c\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n2.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n\n"
        let s = try CoNLLU.parse(text: text)
        #expect(s.count == 1)
        #expect(s[0].words == ["do", "n't", "go"])
        #expect(s[0].heads == [3, 3, 0])
    }
}
