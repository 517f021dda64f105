import Foundation
import Text

/// Learns ``WordClusters`` from unlabeled tokenised sentences with the exchange algorithm (Kneser
/// and Ney; Martin, Liermann and Ney), which moves each word to the class that most raises the
/// likelihood of a class-bigram model of the text, the objective of Brown clustering.
///
/// Words seen at least `minCount` times (as written: "Paris" and "paris" are different words) are
/// clustered; rarer words and sentence boundaries stay in fixed classes of their own (capitalised,
/// other, boundary), so "a rare capitalised word follows" is context too. The classes are
/// hierarchical: the vocabulary is first split into `branching[0]` classes, then each word may only
/// move among the `branching[1]` sub-classes of its class, and so on, so a word's path gives a coarse
/// and a fine class, like the bit-string prefixes of Brown clusters.
public enum WordClusterTrainer {
    /// Clustering options.
    public struct Options: Sendable {
        /// Words seen fewer times are not clustered.
        public var minCount = 3
        /// Classes per level, top level first.
        public var branching = [32, 8, 4]
        /// Passes over the vocabulary per level.
        public var iterations = 10
        /// Creates default options.
        public init() {}
    }

    /// Clusters the words of `sentences`.
    public static func train(sentences: [[String]], options: Options = Options(), log: (String) -> Void = { _ in }) -> WordClusters {
        var counts: [String: Int] = [:]
        var tokens = 0
        for s in sentences {
            for w in s { counts[w, default: 0] += 1 }
            tokens += s.count
        }
        let vocab = counts.filter { $0.value >= options.minCount }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
        guard vocab.count >= 2, !options.branching.isEmpty else { return WordClusters() }
        let V = vocab.count
        let wordIndex = Dictionary(uniqueKeysWithValues: vocab.enumerated().map { ($1, $0) })
        // Units: the V words, then the fixed boundary, rare-capitalised and rare-other units.
        let boundary = V, rareCapital = V + 1, rareOther = V + 2
        func unit(_ w: String) -> Int {
            if let i = wordIndex[w] { return i }
            return NERFeatures.startsCapitalised(w) ? rareCapital : rareOther
        }
        // Bigram counts per word: left neighbours, right neighbours (other units) and self-bigrams.
        var leftOf = [[Int: Int]](repeating: [:], count: V)
        var rightOf = [[Int: Int]](repeating: [:], count: V)
        var selfPairs = [Int](repeating: 0, count: V)
        var fixedPairs: [Int: Int] = [:]   // bigrams between two fixed units, keyed a * 3 + b over 0..<3
        for s in sentences {
            var prev = boundary
            for w in s + [""] {
                let u = w.isEmpty ? boundary : unit(w)
                if prev < V, u < V, prev == u { selfPairs[u] += 1 } else {
                    if u < V { leftOf[u][prev, default: 0] += 1 }
                    if prev < V { rightOf[prev][u, default: 0] += 1 }
                    if u >= V, prev >= V { fixedPairs[(prev - V) * 3 + (u - V), default: 0] += 1 }
                }
                prev = u
            }
        }
        let left = leftOf.map { $0.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
        let right = rightOf.map { $0.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
        log("\(tokens) tokens, \(counts.count) distinct words, \(V) clustered (seen \(options.minCount)+ times)")

        var paths = [[Int]](repeating: [], count: V)
        var classOf = [Int](repeating: 0, count: V)   // class at the current level
        var parentCount = 1
        for (level, b) in options.branching.enumerated() {
            // Initial classes: words of each parent class dealt round-robin, most frequent first, to its b children.
            var seen = [Int](repeating: 0, count: parentCount)
            for w in 0..<V {
                let p = classOf[w]
                classOf[w] = p * b + seen[p] % b
                seen[p] += 1
            }
            let K = parentCount * b
            var model = ClassBigrams(classes: K, classOf: classOf, left: left, right: right, selfPairs: selfPairs,
                                     fixedPairs: fixedPairs, fixedUnits: 3)
            for pass in 1...max(1, options.iterations) {
                var moved = 0
                for w in 0..<V {
                    let parent = classOf[w] / b
                    let to = model.move(w, candidates: (parent * b)..<(parent * b + b))
                    if to != classOf[w] { moved += 1; classOf[w] = to }
                }
                log(String(format: "level %d (%d classes), pass %d: %d words moved, log-likelihood term %.0f", level + 1, K, pass, moved,
                           model.objective()))
                if moved == 0 { break }
            }
            for w in 0..<V { paths[w].append(classOf[w] % b) }
            parentCount = K
        }
        return WordClusters(pairs: (0..<V).map { (vocab[$0], paths[$0]) })
    }

    /// The class-bigram counts of the text under a class assignment, and the exchange step.
    struct ClassBigrams {
        /// Movable classes; fixed units get classes `K..<K + fixed`.
        let K: Int
        /// Classes in all (the side of the count matrix).
        let T: Int
        var n: [Double]
        var row: [Double]
        var col: [Double]
        var classOf: [Int]
        let left: [[(Int, Int)]]
        let right: [[(Int, Int)]]
        let selfPairs: [Int]
        /// Scratch: per class, bigram counts with the moving word (left, right), and touched classes.
        var l: [Double], r: [Double]
        var touchedL: [Int] = [], touchedR: [Int] = []

        init(classes K: Int, classOf: [Int], left: [[(Int, Int)]], right: [[(Int, Int)]], selfPairs: [Int],
             fixedPairs: [Int: Int], fixedUnits: Int) {
            self.K = K
            T = K + fixedUnits
            n = [Double](repeating: 0, count: T * T)
            row = [Double](repeating: 0, count: T)
            col = [Double](repeating: 0, count: T)
            self.classOf = classOf
            self.left = left
            self.right = right
            self.selfPairs = selfPairs
            l = [Double](repeating: 0, count: T)
            r = [Double](repeating: 0, count: T)
            func add(_ a: Int, _ b: Int, _ c: Int) {
                n[a * T + b] += Double(c)
                row[a] += Double(c)
                col[b] += Double(c)
            }
            for w in classOf.indices {
                for (u, c) in right[w] { add(classOf[w], cls(u), c) }
                for (u, c) in left[w] where u >= classOf.count { add(cls(u), classOf[w], c) }
                if selfPairs[w] > 0 { add(classOf[w], classOf[w], selfPairs[w]) }
            }
            for (key, c) in fixedPairs { add(K + key / fixedUnits, K + key % fixedUnits, c) }
        }

        @inline(__always) func cls(_ u: Int) -> Int { u < classOf.count ? classOf[u] : K + (u - classOf.count) }

        @inline(__always) static func f(_ x: Double) -> Double { x > 0 ? x * log(x) : 0 }

        /// The assignment-dependent part of the class-bigram log-likelihood.
        func objective() -> Double {
            n.reduce(0) { $0 + ClassBigrams.f($1) } - row.reduce(0) { $0 + ClassBigrams.f($1) } - col.reduce(0) { $0 + ClassBigrams.f($1) }
        }

        /// Moves word `w` to the class among `candidates` (which must contain its own) that gives the
        /// highest likelihood, updates the counts, and returns the class.
        mutating func move(_ w: Int, candidates: Range<Int>) -> Int {
            for (u, c) in left[w] {
                let k = cls(u)
                if l[k] == 0 { touchedL.append(k) }
                l[k] += Double(c)
            }
            for (u, c) in right[w] {
                let k = cls(u)
                if r[k] == 0 { touchedR.append(k) }
                r[k] += Double(c)
            }
            let own = Double(selfPairs[w])
            let rw = touchedR.reduce(own) { $0 + r[$1] }
            let lw = touchedL.reduce(own) { $0 + l[$1] }
            let a = classOf[w]
            shift(a, sign: -1, own: own, rw: rw, lw: lw)
            var best = a
            var bestGain = gain(a, own: own, rw: rw, lw: lw)
            for b in candidates where b != a {
                let g = gain(b, own: own, rw: rw, lw: lw)
                if g > bestGain + 1e-9 { best = b; bestGain = g }
            }
            classOf[w] = best
            shift(best, sign: 1, own: own, rw: rw, lw: lw)
            for k in touchedL { l[k] = 0 }
            for k in touchedR { r[k] = 0 }
            touchedL.removeAll(keepingCapacity: true)
            touchedR.removeAll(keepingCapacity: true)
            return best
        }

        /// Adds (sign 1) or removes (sign −1) the moving word's bigrams as a member of class `b`.
        private mutating func shift(_ b: Int, sign: Double, own: Double, rw: Double, lw: Double) {
            for c in touchedL { n[c * T + b] += sign * l[c] }
            for c in touchedR { n[b * T + c] += sign * r[c] }
            n[b * T + b] += sign * own
            row[b] += sign * rw
            col[b] += sign * lw
        }

        /// The change of ``objective()`` if the (removed) moving word joined class `b`.
        private func gain(_ b: Int, own: Double, rw: Double, lw: Double) -> Double {
            let f = ClassBigrams.f
            var g = 0.0
            for c in touchedL where c != b { let x = n[c * T + b]; g += f(x + l[c]) - f(x) }
            for c in touchedR where c != b { let x = n[b * T + c]; g += f(x + r[c]) - f(x) }
            let x = n[b * T + b]
            g += f(x + l[b] + r[b] + own) - f(x)
            g -= f(row[b] + rw) - f(row[b])
            g -= f(col[b] + lw) - f(col[b])
            return g
        }
    }

    /// Reads unlabeled text for clustering: CoNLL-U files (word forms), `newsgraph parse` JSON lines
    /// (each entry's title and text) and plain-text files, all tokenised and split into sentences by
    /// ``Tokenizer`` and ``SentenceSplitter``. With `englishOnly`, texts in which fewer than 4 % of
    /// the tokens are common English function words are skipped (the saved pages include German and
    /// Polish ones).
    public static func readCorpus(conllu: [String], jsonl: [String], text: [String], englishOnly: Bool = true) throws -> [[String]] {
        var out: [[String]] = []
        for path in NERCorpus.expand(conllu) {
            out += try ConllU.read(path: path).map { $0.words.map(\.form) }
        }
        func add(_ text: String) {
            let sentences = SentenceSplitter.tokenizedSentences(text).map { $0.map(\.text) }
            if englishOnly {
                let function: Set<String> = ["the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "was", "on", "with"]
                let all = sentences.reduce(0) { $0 + $1.count }
                let hits = sentences.reduce(0) { $0 + $1.filter { function.contains($0.lowercased()) }.count }
                guard all > 0, Double(hits) / Double(all) >= 0.04 else { return }
            }
            out += sentences
        }
        for path in jsonl {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw WordClustersError.io(path: path, reason: "unreadable")
            }
            for line in data.split(separator: UInt8(ascii: "\n")) {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
                for entry in object["entries"] as? [[String: Any]] ?? [] {
                    add([entry["title"] as? String ?? "", entry["text"] as? String ?? ""].joined(separator: "\n\n"))
                }
            }
        }
        for path in text {
            do { add(try String(contentsOfFile: path, encoding: .utf8)) } catch {
                throw WordClustersError.io(path: path, reason: String(describing: error))
            }
        }
        return out
    }
}
