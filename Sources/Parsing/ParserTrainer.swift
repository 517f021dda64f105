import Foundation

/// Options for `ParserTrainer.train`.
public struct ParserTrainingOptions: Sendable {
    /// Training epochs.
    public var iterations: Int = 15
    /// log2 of the number of rows of the transition weight table.
    public var actionBits: Int = 22
    /// log2 of the number of rows of the label weight table.
    public var labelBits: Int = 20
    /// First epoch (1-based) in which the parser follows its own predictions (dynamic-oracle exploration).
    public var explorationStart: Int = 2
    /// Probability of following the model's (possibly wrong) prediction once exploring.
    public var explorationProbability: Double = 0.9
    /// Seed for shuffling and exploration.
    public var seed: UInt64 = 42
    /// When non-empty: one training run per seed, and the model is the average of the runs' weights.
    public var seeds: [UInt64] = []
    /// Keep the epoch with the best dev LAS (otherwise the last epoch).
    public var keepBest: Bool = true
    /// Quantised weights with smaller magnitude are pruned from the model.
    public var pruneBelow: Int16 = 1
    /// Pruning thresholds whose dev scores and table sizes are logged after training (not applied).
    public var pruneReport: [Int16] = []
    /// Progress sink.
    public var log: @Sendable (String) -> Void = { print($0) }

    /// Default options.
    public init() {}
}

/// Deterministic SplitMix64 generator.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// Trains the arc-eager parser with a dynamic oracle and averaged perceptrons.
///
/// Non-projective training trees are projectivised by lifting (see `Projectivizer`); sentences
/// with malformed heads are skipped. Tags are taken as given, so pass predicted (jack-knifed)
/// tags for robustness to tagger errors.
public enum ParserTrainer {
    struct Instance {
        let enc: SentenceEncoding
        let oracle: ArcEagerOracle
    }

    /// Trains a parser; `dev` (gold trees, ideally with predicted tags) is evaluated every epoch.
    /// `report` sets are only scored and logged each epoch (never used for model selection).
    public static func train(sentences: [DependencySentence], dev: [DependencySentence],
                             report: [[DependencySentence]] = [],
                             options: ParserTrainingOptions = ParserTrainingOptions()) -> DependencyParser {
        var labelSet = Set(sentences.flatMap { $0.deprels })
        labelSet.insert("root")
        let labels = labelSet.sorted()
        let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let rootLabel = labelIndex["root"] ?? 0

        var instances: [Instance] = []
        var lifted = 0, skipped = 0
        for s in sentences {
            let n = s.count
            if n == 0 || s.heads.contains(where: { $0 < 0 || $0 > n }) { skipped += 1; continue }
            let (heads, changed) = Projectivizer.projectivize(heads: s.heads)
            if changed { lifted += 1 }
            if !Projectivizer.isProjective(heads: heads) { skipped += 1; continue }
            let ids = s.deprels.map { labelIndex[$0] ?? rootLabel }
            instances.append(Instance(enc: SentenceEncoding(words: s.words, upos: s.upos, xpos: s.xpos),
                                      oracle: ArcEagerOracle(heads: heads, labels: ids)))
        }
        options.log("training on \(instances.count) sentences (\(lifted) projectivised by lifting, \(skipped) skipped), \(labels.count) labels")

        let seeds = options.seeds.isEmpty ? [options.seed] : options.seeds
        var runs: [(actions: [Float], labels: [Float])] = []
        for (k, seed) in seeds.enumerated() {
            if seeds.count > 1 { options.log("run \(k + 1)/\(seeds.count), seed \(seed)") }
            let r = trainRun(instances: instances, labels: labels, rootLabel: rootLabel, dev: dev, report: report,
                             options: options, seed: seed)
            runs.append(r)
        }
        var chosen = runs[0]
        if runs.count > 1 {
            // Average the runs' (already averaged) weights: same hashed feature space, so rows line up.
            let inv = 1 / Float(runs.count)
            var aw = [Float](repeating: 0, count: runs[0].actions.count)
            var lw = [Float](repeating: 0, count: runs[0].labels.count)
            for r in runs {
                for i in aw.indices { aw[i] += r.actions[i] * inv }
                for i in lw.indices { lw[i] += r.labels[i] * inv }
            }
            chosen = (aw, lw)
            if !dev.isEmpty {
                let sc = evaluate(dev, actions: aw, labels: lw, labelNames: labels, rootLabel: rootLabel, options: options)
                options.log(String(format: "average of %d runs: dev UAS %.2f LAS %.2f", runs.count, sc.uas, sc.las))
            }
        }
        let model = ParserModel.quantize(labels: labels, rootLabel: rootLabel, actionBits: options.actionBits,
                                         actionWeights: chosen.actions, labelBits: options.labelBits,
                                         labelWeights: chosen.labels, pruneBelow: options.pruneBelow)
        if !dev.isEmpty {
            for t in options.pruneReport {
                let m = model.pruned(below: t)
                let sc = ParserEvaluation.evaluate(parser: DependencyParser(model: m), gold: dev)
                options.log(String(format: "pruned below %d: dev UAS %.2f LAS %.2f, %.1f MB, ", Int(t), sc.uas, sc.las,
                                   Double(m.serialized().count) / 1_000_000) + m.statistics)
            }
        }
        return DependencyParser(model: model)
    }

    /// One training run (all epochs) with the given seed; returns the averaged weights of the
    /// epoch with the best dev LAS (or of the last epoch).
    static func trainRun(instances: [Instance], labels: [String], rootLabel: Int, dev: [DependencySentence],
                         report: [[DependencySentence]], options: ParserTrainingOptions,
                         seed: UInt64) -> (actions: [Float], labels: [Float]) {
        let actionTable = PerceptronTable(rowBits: options.actionBits, classes: Transition.count)
        let labelTable = PerceptronTable(rowBits: options.labelBits, classes: labels.count)
        var rng = SplitMix64(state: seed)
        var time: Float = 1
        var best: (las: Double, epoch: Int, actions: [Float], labels: [Float])?
        let feats = UnsafeMutablePointer<UInt64>.allocate(capacity: ParserFeatures.maxFeatures)
        let lfeats = UnsafeMutablePointer<UInt64>.allocate(capacity: ParserFeatures.maxFeatures)
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: max(labels.count, Transition.count))
        defer { feats.deallocate(); lfeats.deallocate(); scores.deallocate() }
        var order = Array(0..<instances.count)

        for epoch in 1...max(1, options.iterations) {
            let start = Date()
            order.shuffle(using: &rng)
            let explore = epoch >= options.explorationStart
            var states = 0, errors = 0
            for idx in order {
                let inst = instances[idx]
                var st = ArcEagerState(wordCount: inst.enc.n)
                while !st.isTerminal {
                    states += 1
                    let nf = ParserFeatures.action(st, inst.enc, into: feats)
                    actionTable.score(feats, nf, into: scores)
                    var pred = Transition.shift, predScore = -Float.infinity
                    var gold = Transition.shift, goldScore = -Float.infinity
                    var costs = [Int](repeating: Int.max, count: Transition.count)
                    var minCost = Int.max
                    for t in Transition.allCases where st.isLegal(t) {
                        let c = inst.oracle.cost(t, st)
                        costs[t.rawValue] = c
                        minCost = min(minCost, c)
                        if scores[t.rawValue] > predScore { pred = t; predScore = scores[t.rawValue] }
                    }
                    for t in Transition.allCases where costs[t.rawValue] == minCost && scores[t.rawValue] > goldScore {
                        gold = t; goldScore = scores[t.rawValue]
                    }
                    if costs[pred.rawValue] > minCost {
                        errors += 1
                        actionTable.update(feats, nf, cls: gold.rawValue, delta: 1, time: time)
                        actionTable.update(feats, nf, cls: pred.rawValue, delta: -1, time: time)
                    }
                    let followPrediction = explore && Double.random(in: 0..<1, using: &rng) < options.explorationProbability
                    let next = followPrediction ? pred : gold
                    var label = -1
                    if let arc = st.arc(for: next) {
                        if arc.head == 0 {
                            label = rootLabel
                        } else {
                            let nl = ParserFeatures.label(st, inst.enc, head: arc.head, dep: arc.dep, context: feats,
                                                          contextCount: ParserFeatures.labelContextCount(nf), into: lfeats)
                            labelTable.score(lfeats, nl, into: scores)
                            var pl = rootLabel == 0 ? 1 : 0, ps = -Float.infinity
                            for k in 0..<labels.count where k != rootLabel && scores[k] > ps { pl = k; ps = scores[k] }
                            label = pl
                            if inst.oracle.goldHeads[arc.dep] == arc.head {
                                let gl = inst.oracle.goldLabels[arc.dep]
                                if gl != pl && gl != rootLabel {
                                    labelTable.update(lfeats, nl, cls: gl, delta: 1, time: time)
                                    labelTable.update(lfeats, nl, cls: pl, delta: -1, time: time)
                                }
                                if !followPrediction { label = gl }
                            }
                        }
                    }
                    st.apply(next, label: label)
                }
                time += 1
            }
            let trainSecs = Date().timeIntervalSince(start)
            var line = String(format: "epoch %d: %.1fs, action error rate %.2f%%", epoch, trainSecs,
                              100 * Double(errors) / Double(max(states, 1)))
            let isLast = epoch == max(1, options.iterations)
            if !dev.isEmpty || isLast {
                let aw = actionTable.averaged(time: time)
                let lw = labelTable.averaged(time: time)
                if !dev.isEmpty {
                    let parseFn = parseFunction(actions: aw, labels: lw, labelNames: labels, rootLabel: rootLabel, options: options)
                    let sc = ParserEvaluation.evaluate(gold: dev, parse: parseFn)
                    line += String(format: " | dev UAS %.2f LAS %.2f", sc.uas, sc.las)
                    for (i, rep) in report.enumerated() {
                        let rs = ParserEvaluation.evaluate(gold: rep, parse: parseFn)
                        line += String(format: " | r%d %.2f/%.2f", i + 1, rs.uas, rs.las)
                    }
                    if !options.keepBest || best == nil || sc.las > (best?.las ?? 0) || (isLast && !options.keepBest) {
                        best = (sc.las, epoch, aw, lw)
                    }
                } else {
                    best = (0, epoch, aw, lw)
                }
            }
            options.log(line)
        }
        let chosen = best ?? (0, 0, actionTable.averaged(time: time), labelTable.averaged(time: time))
        options.log("using weights from epoch \(chosen.epoch)")
        return (chosen.actions, chosen.labels)
    }

    /// A parse function over float weights (for dev scoring during training).
    static func parseFunction(actions aw: [Float], labels lw: [Float], labelNames: [String], rootLabel: Int,
                              options: ParserTrainingOptions) -> (DependencySentence) -> [(Int, String)] {
        let a = DenseFloatScorer(mask: (UInt64(1) << UInt64(options.actionBits)) - 1, classCount: Transition.count, weights: aw)
        let l = DenseFloatScorer(mask: (UInt64(1) << UInt64(options.labelBits)) - 1, classCount: labelNames.count, weights: lw)
        return { s in
            let enc = SentenceEncoding(words: s.words, upos: s.upos, xpos: s.xpos)
            let r = ParserCore.parse(enc, actions: a, labels: l, rootLabel: rootLabel)
            return zip(r.heads, r.labels).map { ($0, labelNames[$1]) }
        }
    }

    /// Dev scores of float weights.
    static func evaluate(_ dev: [DependencySentence], actions: [Float], labels: [Float], labelNames: [String],
                         rootLabel: Int, options: ParserTrainingOptions) -> ParserScores {
        ParserEvaluation.evaluate(gold: dev, parse: parseFunction(actions: actions, labels: labels, labelNames: labelNames,
                                                                  rootLabel: rootLabel, options: options))
    }
}

extension DependencyParser {
    /// Writes the model in the binary format read by `init(modelAt:)`.
    public func write(to path: String) throws {
        try model.save(path: path)
    }
}
