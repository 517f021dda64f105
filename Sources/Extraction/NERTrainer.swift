import Foundation
import Text

/// Trains the averaged-perceptron entity tagger on GUM named mentions.
public enum NERTrainer {
    /// Training options.
    public struct Options: Sendable {
        /// Passes over the training data.
        public var iterations = 6
        /// Shuffling seed.
        public var seed: UInt64 = 0x4E45_5221
        /// Rows whose largest averaged weight is below this are dropped from the written model.
        public var minWeight: Float = 0.05
        /// Condition on the predicted (rather than gold) previous labels while training.
        public var predictedHistory = false
        /// Train a second pass on jackknifed first-pass labels with this many folds (< 2: one pass).
        public var stackFolds = 0
        /// Train this many times on differently shuffled data and average the models.
        public var shuffles = 1
        /// Word classes read as features (empty: none). A model trained with clusters must be used
        /// with the same ones (``EntityRecognizer/init(model:gazetteer:clusters:)``).
        public var clusters = WordClusters()
        /// Creates default options.
        public init() {}
    }

    /// A trained tagger before pruning: label names, the first pass's keys and weights (row-major,
    /// one row per key) and, for a two-pass tagger, the second pass's.
    public struct Trained: Sendable {
        /// Label names ("O", "B-PERSON", ...).
        public var labels: [String]
        /// First-pass feature keys.
        public var keys: [UInt64]
        /// First-pass weights, `labels.count` per key.
        public var weights: [Float]
        /// The second pass's keys and weights (nil: one pass).
        public var stacked: (keys: [UInt64], weights: [Float])?
    }

    /// Trains on `train` and returns the averaged model (`dev` is not used while training). With
    /// `options.stackFolds` ≥ 2 a second pass is trained on first-pass labels obtained by jackknifing:
    /// the training documents are split into that many folds and each fold is labelled by a
    /// first pass trained on the others, so the second pass learns how far to trust labels of the
    /// quality it will see on new text.
    public static func train(train: [NERSentence], dev: [NERSentence], tagger: Tagger, gazetteer: Gazetteer = .bundled,
                             options: Options = Options(), log: (String) -> Void = { _ in }) -> Trained {
        let labels = ["O"] + ["PERSON", "ORG", "PLACE", "EVENT"].flatMap { ["B-" + $0, "I-" + $0] }
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let contexts = NERDocumentContext.perDocument(train)
        let prepared: [(NERFeatures, [Int])] = train.indices.map { k in
            let s = train[k]
            let tags = tagger.tag(s.words, spaceAfter: s.spaceAfter).map(\.xpos)
            return (NERFeatures(words: s.words, xpos: tags, gazetteer: gazetteer, clusters: options.clusters, context: contexts[k]),
                    NERCorpus.bio(s).map { index[$0] ?? 0 })
        }
        let all = Array(prepared.indices)
        let (keys, weights) = fit(prepared, all, extra: nil, labels: labels, options: options, log: log)
        var trained = Trained(labels: labels, keys: keys, weights: weights, stacked: nil)
        guard options.stackFolds >= 2 else { return trained }
        // Documents as sentence ranges, folds by document.
        var documents: [Range<Int>] = []
        var start = 0
        while start < train.count {
            var end = start + 1
            while end < train.count, train[end].document == train[start].document { end += 1 }
            documents.append(start..<end)
            start = end
        }
        var firstPass = [[Int]](repeating: [], count: train.count)
        for j in 0..<options.stackFolds {
            let held = documents.indices.filter { $0 % options.stackFolds == j }
            guard !held.isEmpty else { continue }
            let rest = documents.indices.filter { $0 % options.stackFolds != j }.flatMap { Array(documents[$0]) }
            let (k, w) = fit(prepared, rest, extra: nil, labels: labels, options: options)
            let model = NERModel.pruned(Trained(labels: labels, keys: k, weights: w), minWeight: options.minWeight)
            for d in held { for s in documents[d] { firstPass[s] = model.predict(prepared[s].0) } }
        }
        var extra = [[[UInt64]]](repeating: [], count: train.count)
        for r in documents {
            let doc = NERFirstPass(words: train[r].map(\.words), labels: Array(firstPass[r]))
            for s in r {
                extra[s] = train[s].words.indices.map { i in
                    var f: [UInt64] = []
                    doc.features(words: train[s].words, own: firstPass[s], labels: labels, i, into: &f)
                    return f
                }
            }
        }
        log("second pass, on first-pass labels from \(options.stackFolds) jackknife folds:")
        trained.stacked = fit(prepared, all, extra: extra, labels: labels, options: options, log: log)
        return trained
    }

    /// Averaged-perceptron training over the sentences `subset` of `prepared`, with `extra[s][i]`
    /// features added to token `i` of sentence `s` when given.
    static func fit(_ prepared: [(NERFeatures, [Int])], _ subset: [Int], extra: [[[UInt64]]]?, labels: [String],
                    options: Options, log: (String) -> Void = { _ in }) -> (keys: [UInt64], weights: [Float]) {
        guard options.shuffles > 1 else {
            return fit(prepared, subset, extra: extra, labels: labels, options: options, seed: options.seed, log: log)
        }
        // Several shuffles' averaged models, averaged again.
        let L = labels.count
        var row: [UInt64: Int] = [:]
        var keys: [UInt64] = []
        var sum: [Float] = []
        for k in 0..<options.shuffles {
            let (ks, ws) = fit(prepared, subset, extra: extra, labels: labels, options: options,
                               seed: options.seed &+ UInt64(k) &* 0x9E37_79B9, log: log)
            for (j, key) in ks.enumerated() {
                let r: Int
                if let x = row[key] { r = x } else {
                    r = keys.count
                    row[key] = r
                    keys.append(key)
                    sum += repeatElement(0, count: L)
                }
                for c in 0..<L { sum[r * L + c] += ws[j * L + c] }
            }
        }
        let scale = 1 / Float(options.shuffles)
        return (keys, sum.map { $0 * scale })
    }

    /// One averaged-perceptron run with the given shuffling seed.
    static func fit(_ prepared: [(NERFeatures, [Int])], _ subset: [Int], extra: [[[UInt64]]]?, labels: [String],
                    options: Options, seed: UInt64, log: (String) -> Void) -> (keys: [UInt64], weights: [Float]) {
        let p = AveragedPerceptron(labelCount: labels.count)
        var order = subset
        var rng = SplitMix(seed: seed)
        var f: [UInt64] = []
        var scores = [Float](repeating: 0, count: labels.count)
        for it in 1...max(1, options.iterations) {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(rng.next() % UInt64(i + 1)))
            }
            var errors = 0, total = 0
            for si in order {
                let (feats, gold) = prepared[si]
                var prev = 0, prev2 = 0
                for i in gold.indices {
                    f.removeAll(keepingCapacity: true)
                    feats.staticFeatures(i, into: &f)
                    if let extra { f += extra[si][i] }
                    feats.dynamicFeatures(i, prev: labels[prev], prev2: labels[prev2], into: &f)
                    p.score(f, into: &scores)
                    var best = 0
                    for c in 1..<labels.count where scores[c] > scores[best] { best = c }
                    let predicted = best
                    p.tick()
                    if best != gold[i] {
                        p.update(f, truth: gold[i], guess: best)
                        errors += 1
                    }
                    total += 1
                    prev2 = prev
                    prev = options.predictedHistory ? predicted : gold[i]
                }
            }
            log("pass \(it): token error rate \(String(format: "%.4f", Double(errors) / Double(max(total, 1))))")
        }
        return p.averaged()
    }

    /// Reads GUM train/dev files (and Universal NER IOB2 files from `extraPaths`), trains, writes the
    /// model to `output` and returns its dev scores.
    public static func train(trainPaths: [String], extraPaths: [String] = [], devPaths: [String], output: String, tagger: Tagger,
                             options: Options = Options(), log: @escaping (String) -> Void = { _ in }) throws -> NERScores {
        let train = try NERCorpus.readGUM(paths: trainPaths) + NERCorpus.readGUM(paths: extraPaths)
        let dev = try NERCorpus.readGUM(paths: devPaths)
        log("train: \(train.count) sentences, \(train.reduce(0) { $0 + $1.spans.count }) named mentions; dev: \(dev.count) sentences")
        let trained = self.train(train: train, dev: dev, tagger: tagger, options: options, log: log)
        try NERModel.write(trained, minWeight: options.minWeight, to: output)
        let model = try NERModel(path: output)
        log("wrote \(output): \(model.featureCount) feature rows")
        let recognizer = EntityRecognizer(model: model, clusters: options.clusters)
        return NEREvaluation.evaluate(recognizer: recognizer, sentences: dev, tagger: tagger,
                                      errors: ProcessInfo.processInfo.environment["NEWSGRAPH_NER_ERRORS"] != nil ? log : nil)
    }
}

extension NERTrainer {
    /// K-fold cross-validation over the documents of `sentences` (fold = document index mod `folds`):
    /// each fold is scored by a model trained on the other folds plus `extra` (never scored). The
    /// counts of all folds are summed, so the figure rests on every mention of `sentences`.
    public static func crossValidate(sentences: [NERSentence], extra: [NERSentence] = [], folds: Int, tagger: Tagger,
                                     options: Options = Options(), log: @escaping (String) -> Void = { _ in }) -> NERScores {
        var docIndex: [String: Int] = [:]
        let fold = sentences.map { s -> Int in
            if let d = docIndex[s.document] { return d % folds }
            docIndex[s.document] = docIndex.count
            return (docIndex.count - 1) % folds
        }
        var total = NERScores()
        for k in 0..<max(1, folds) {
            let held = sentences.indices.filter { fold[$0] == k }.map { sentences[$0] }
            let rest = sentences.indices.filter { fold[$0] != k }.map { sentences[$0] }
            let model = NERModel.pruned(train(train: rest + extra, dev: [], tagger: tagger, options: options), minWeight: options.minWeight)
            let scores = NEREvaluation.evaluate(recognizer: EntityRecognizer(model: model, clusters: options.clusters), sentences: held, tagger: tagger,
                                                errors: ProcessInfo.processInfo.environment["NEWSGRAPH_NER_ERRORS"] != nil ? log : nil)
            log(String(format: "fold %d: %d sentences, micro F1 %.3f", k + 1, held.count, scores.micro().f1))
            for (t, c) in scores.counts {
                let o = total.counts[t] ?? (0, 0, 0)
                total.counts[t] = (o.tp + c.tp, o.pred + c.pred, o.gold + c.gold)
            }
        }
        return total
    }
}

/// Multiclass averaged perceptron with lazily averaged weights (training only).
final class AveragedPerceptron {
    let labelCount: Int
    private var rowOf: [UInt64: Int] = [:]
    private var keys: [UInt64] = []
    private var weights: [Float] = []
    private var totals: [Double] = []
    private var stamps: [Int] = []
    private var now = 0

    init(labelCount: Int) { self.labelCount = labelCount }

    func tick() { now += 1 }

    func score(_ f: [UInt64], into scores: inout [Float]) {
        for c in 0..<labelCount { scores[c] = 0 }
        for k in f {
            guard let r = rowOf[k] else { continue }
            let base = r * labelCount
            for c in 0..<labelCount { scores[c] += weights[base + c] }
        }
    }

    private func row(_ k: UInt64) -> Int {
        if let r = rowOf[k] { return r }
        let r = keys.count
        rowOf[k] = r
        keys.append(k)
        weights += repeatElement(0, count: labelCount)
        totals += repeatElement(0, count: labelCount)
        stamps += repeatElement(0, count: labelCount)
        return r
    }

    private func bump(_ i: Int, _ d: Float) {
        totals[i] += Double(now - stamps[i]) * Double(weights[i])
        stamps[i] = now
        weights[i] += d
    }

    func update(_ f: [UInt64], truth: Int, guess: Int) {
        for k in f {
            let base = row(k) * labelCount
            bump(base + truth, 1)
            bump(base + guess, -1)
        }
    }

    func averaged() -> ([UInt64], [Float]) {
        var avg = [Float](repeating: 0, count: weights.count)
        for i in weights.indices {
            let t = totals[i] + Double(now - stamps[i]) * Double(weights[i])
            avg[i] = Float(t / Double(max(now, 1)))
        }
        return (keys, avg)
    }
}

/// Small deterministic random generator for shuffling.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
