import Foundation

/// A training sentence: parallel arrays of forms and gold annotations.
struct GoldSentence: Sendable {
    var forms: [String]
    var xpos: [String]
    var upos: [String]
    var lemmas: [String]
    var spaceAfter: [Bool]

    /// Reads the word rows of CoNLL-U files (multiword-token and empty-node lines skipped).
    static func load(_ paths: [String]) throws -> [GoldSentence] {
        var out: [GoldSentence] = []
        for p in paths {
            for s in try ConllU.read(path: p) {
                let w = s.words
                out.append(GoldSentence(forms: w.map(\.form), xpos: w.map(\.xpos), upos: w.map(\.upos),
                                        lemmas: w.map(\.lemma), spaceAfter: s.wordSpaceAfter))
            }
        }
        return out
    }
}

/// Training of ``TaggerModel`` (averaged perceptron tagger + lemma exception table).
public enum TaggerTrainer {
    /// Hyper-parameters.
    public struct Options: Sendable {
        /// Seed for the deterministic sentence shuffle.
        public var seed: UInt64 = 0x4E47_4E4C_50
        /// Minimum frequency and share for a word to enter the tag dictionary.
        public var dictMinCount = 20
        public var dictMinShare = 0.97
        /// Minimum frequency for a word's ambiguity class and minimum share of a tag within it.
        public var ambMinCount = 3
        public var ambMinShare = 0.05
        /// Joint XPOS/UPOS labels rarer than this are merged into the XPOS's most frequent label.
        public var minJointCount = 5
        /// Quantised weights below this magnitude are pruned from the model.
        public var pruneBelow: Int16 = 2
        /// Training words at most this frequent get their identity masked (p = 0.5) as unknown-word simulation.
        public var unknownMaxCount = 1
        /// Train a second pass that sees first-pass labels of the following words.
        public var twoPass = true
        /// Number of jackknife folds for the second pass's training input.
        public var folds = 5
        /// Files for the lemma table (defaults to the training files).
        public var lemmaPaths: [String]? = nil
        /// Creates default options.
        public init() {}
    }

    /// Trains a model on CoNLL-U `trainPaths`; when `devPath` is given, prints dev accuracy after each
    /// iteration through `log`.
    public static func train(trainPaths: [String], devPath: String?, iterations: Int,
                             options: Options = Options(), log: (String) -> Void = { print($0) }) throws -> TaggerModel {
        let train = try GoldSentence.load(trainPaths)
        let dev = try devPath.map { try GoldSentence.load([$0]) } ?? []
        log("train: \(train.count) sentences, \(train.reduce(0) { $0 + $1.forms.count }) words")

        // 1. Joint labels.
        let labeling = JointLabels(train, minCount: options.minJointCount)
        var model = TaggerModel()
        model.labelXpos = labeling.xpos
        model.labelUpos = labeling.upos
        let L = labeling.count
        log("labels: \(L)")

        // 2. Word lexicon (tag dictionary + ambiguity classes).
        let golds: [[Int]] = train.map { s in s.forms.indices.map { labeling.id(xpos: s.xpos[$0], upos: s.upos[$0]) } }
        (model.wordKeys, model.wordValues) = buildLexicon(train, golds, labeling, options)
        let lexicon = WordLexicon(table: OpenTable(keys: model.wordKeys, values: model.wordValues))
        log("lexicon: \(model.wordKeys.count) words")

        // 3. Lemma exceptions.
        let lemmaSents = try options.lemmaPaths.map { try GoldSentence.load($0) } ?? train
        LemmaTableBuilder.build(lemmaSents, xposNames: Array(Set(labeling.xpos)).sorted(), into: &model)
        log("lemma exceptions: \(model.lemmaForms.count)")

        // 4. Perceptron passes.
        var scratch: [UInt8] = []
        let feats = train.map { FeatureExtractor.sentence($0.forms, spaceAfter: $0.spaceAfter, lexicon: lexicon, scratch: &scratch) }
        let all = Array(train.indices)
        var formCounts: [String: Int] = [:]
        for t in train { for f in t.forms { formCounts[f, default: 0] += 1 } }
        let rare: [[Bool]] = train.map { $0.forms.map { (formCounts[$0] ?? 0) <= options.unknownMaxCount } }
        let evalDev: (TaggerModel) throws -> String = { m in
            guard !dev.isEmpty else { return "" }
            let r = Evaluation.tagging(tagger: try Tagger(model: m), gold: dev)
            return String(format: " | dev UPOS %.2f XPOS %.2f lemma %.2f", r.uposAccuracy * 100, r.xposAccuracy * 100, r.lemmaAccuracy * 100)
        }
        log("pass 1 (left-to-right)")
        model.passes = [try trainPass(feats, golds, rare, right: nil, subset: all, labelCount: L, iterations: iterations,
                                      options: options, log: log) { table in
            var m = model
            m.passes = [table]
            return try evalDev(m)
        }]
        if options.twoPass {
            // Jackknifed first-pass labels so the second pass sees realistic (noisy) right context.
            let k = max(2, options.folds)
            var right = [[UInt64]](repeating: [], count: train.count)
            for fold in 0..<k {
                let trainIdx = all.filter { $0 % k != fold }
                let table = try trainPass(feats, golds, rare, right: nil, subset: trainIdx, labelCount: L,
                                          iterations: iterations, options: options, log: { _ in }, evaluate: nil)
                let w = try CompiledWeights(table, labelCount: L)
                for si in all where si % k == fold {
                    var margins: [Int32] = []
                    right[si] = FeatureExtractor.paddedTags(CompiledTaggerModel.decode(feats[si], weights: w, labelCount: L, right: nil, margins: &margins))
                }
                log("  jackknife fold \(fold + 1)/\(k) done")
            }
            log("pass 2 (with first-pass right context)")
            let first = model.passes[0]
            let second = try trainPass(feats, golds, rare, right: right, subset: all, labelCount: L, iterations: iterations,
                                       options: options, log: log) { table in
                var m = model
                m.passes = [first, table]
                return try evalDev(m)
            }
            model.passes = [first, second]
        }
        let st = model.weightStats
        log("model: \(st.rows) rows, \(st.entries) weights")
        return model
    }

    /// Trains one perceptron pass over the sentences in `subset` and returns its quantised weights.
    static func trainPass(_ feats: [[WordFeatures]], _ golds: [[Int]], _ rare: [[Bool]], right: [[UInt64]]?, subset: [Int],
                          labelCount L: Int, iterations: Int, options: Options, log: (String) -> Void,
                          evaluate: ((WeightTable) throws -> String)?) throws -> WeightTable {
        let perceptron = Perceptron(labelCount: L)
        var order = subset
        var rng = SplitMix64(seed: options.seed)
        var now: Int32 = 0
        let nKeys = right == nil ? FeatureExtractor.count : FeatureExtractor.count2
        var keys = [UInt32](repeating: 0, count: nKeys)
        var scores = [Float](repeating: 0, count: L)
        let empty: [UInt64] = []
        for iter in 1...max(1, iterations) {
            order.shuffle(using: &rng)
            var correct = 0
            var total = 0
            for si in order {
                let gold = golds[si]
                let r = right?[si] ?? empty
                var sf = feats[si]
                // Unknown-word simulation: hide the identity of rare words half of the time.
                for (i, isRare) in rare[si].enumerated() where isRare && rng.next() & 1 == 0 { sf[i + 2].maskIdentity() }
                sf.withUnsafeBufferPointer { fp in
                    r.withUnsafeBufferPointer { rp in
                        keys.withUnsafeMutableBufferPointer { kp in
                            scores.withUnsafeMutableBufferPointer { sp in
                                guard let kbase = kp.baseAddress else { return }
                                let rightPtr: UnsafeBufferPointer<UInt64>? = right == nil ? nil : rp
                                var p1 = FeatureExtractor.startTag
                                var p2 = FeatureExtractor.startTag
                                for i in 0..<gold.count {
                                    now += 1
                                    var guess: Int
                                    let d = fp[i + 2].dict
                                    if d >= 0 {
                                        guess = Int(d)
                                    } else {
                                        FeatureExtractor.keys(fp, i + 2, p1, p2, kbase, right: rightPtr)
                                        for c in 0..<L { sp[c] = 0 }
                                        perceptron.score(kp, into: sp)
                                        guess = 0
                                        for c in 1..<L where sp[c] > sp[guess] { guess = c }
                                        perceptron.update(kp, truth: gold[i], guess: guess, now: now)
                                    }
                                    if guess == gold[i] { correct += 1 }
                                    total += 1
                                    p2 = p1
                                    p1 = UInt64(guess)
                                }
                            }
                        }
                    }
                }
            }
            var line = String(format: "  iter %d: train acc %.4f, features %d", iter, Double(correct) / Double(max(total, 1)), perceptron.rowCount)
            if let evaluate {
                line += try evaluate(Self.table(perceptron.export(now: now, minMagnitude: options.pruneBelow)))
            }
            log(line)
        }
        return table(perceptron.export(now: now, minMagnitude: options.pruneBelow))
    }

    static func table(_ w: (keys: [UInt32], counts: [UInt8], labels: [UInt8], weights: [Int16])) -> WeightTable {
        WeightTable(keys: w.keys, counts: w.counts, labels: w.labels, weights: w.weights)
    }

    /// Builds word keys/values: tag dictionary label (+1) in the low byte, ambiguity class id above.
    static func buildLexicon(_ train: [GoldSentence], _ golds: [[Int]], _ labeling: JointLabels,
                             _ o: Options) -> ([UInt64], [UInt32]) {
        let L = labeling.count
        var exact: [String: [Int]] = [:]
        var lower: [String: [Int]] = [:]
        for (s, g) in zip(train, golds) {
            for (f, l) in zip(s.forms, g) {
                exact[f, default: [Int](repeating: 0, count: L)][l] += 1
                lower[asciiLower(f), default: [Int](repeating: 0, count: L)][l] += 1
            }
        }
        var classIDs: [String: UInt32] = [:]
        var entries: [(String, [Int], Bool)] = []
        for (f, c) in exact { entries.append((f, c, true)) }
        for (f, c) in lower where exact[f] == nil { entries.append((f, c, false)) }
        entries.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.2 && !$1.2) }
        var classOf: [String] = []
        for (_, counts, _) in entries {
            let total = counts.reduce(0, +)
            var key = ""
            if total >= o.ambMinCount {
                for c in 0..<L where Double(counts[c]) >= o.ambMinShare * Double(total) { key += "\(c)," }
            }
            classOf.append(key)
            if !key.isEmpty { classIDs[key] = 0 }
        }
        for (i, k) in classIDs.keys.sorted().enumerated() { classIDs[k] = UInt32(i + 1) }
        var keys: [UInt64] = []
        var values: [UInt32] = []
        for (idx, (form, counts, isExact)) in entries.enumerated() {
            let total = counts.reduce(0, +)
            var best = 0
            for c in 1..<L where counts[c] > counts[best] { best = c }
            var v: UInt32 = 0
            if isExact, total >= o.dictMinCount, Double(counts[best]) >= o.dictMinShare * Double(total) {
                v = UInt32(best + 1)
            }
            if let cid = classIDs[classOf[idx]] { v |= cid << 8 }
            keys.append(FeatureHash.nonZero(FeatureHash.fnv(form)))
            values.append(v)
        }
        return (keys, values)
    }

    /// ASCII-only lower-casing, matching the feature extractor.
    static func asciiLower(_ s: String) -> String {
        String(decoding: s.utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

/// The joint XPOS/UPOS label inventory.
struct JointLabels {
    var xpos: [String] = []
    var upos: [String] = []
    private var ids: [String: Int] = [:]
    private var fallback: [String: Int] = [:]

    var count: Int { xpos.count }

    init(_ train: [GoldSentence], minCount: Int) {
        var counts: [String: Int] = [:]
        for s in train {
            for i in s.forms.indices { counts[s.xpos[i] + "\t" + s.upos[i], default: 0] += 1 }
        }
        var bestForXpos: [String: (String, Int)] = [:]
        for (k, c) in counts.sorted(by: { $0.key < $1.key }) {
            let x = String(k.split(separator: "\t", omittingEmptySubsequences: false)[0])
            if let b = bestForXpos[x], b.1 >= c { continue }
            bestForXpos[x] = (k, c)
        }
        let bestKeys = Set(bestForXpos.values.map { $0.0 })
        let kept = counts.filter { $0.value >= minCount || bestKeys.contains($0.key) }.keys.sorted()
        for (i, k) in kept.prefix(255).enumerated() {
            let parts = k.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            xpos.append(parts[0])
            upos.append(parts.count > 1 ? parts[1] : "_")
            ids[k] = i
        }
        for (x, b) in bestForXpos { fallback[x] = ids[b.0] ?? 0 }
    }

    func id(xpos x: String, upos u: String) -> Int {
        ids[x + "\t" + u] ?? fallback[x] ?? 0
    }
}
