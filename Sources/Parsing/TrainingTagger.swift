import Foundation

/// Small greedy averaged-perceptron XPOS tagger with a lexical UPOS mapping.
///
/// It exists only to produce realistic (jack-knifed) predicted tags for parser training and
/// evaluation; the production pipeline supplies tags from its own tagger.
final class TrainingTagger {
    private let xposTags: [String]
    private let table: PerceptronTable
    private var weights: DenseFloatScorer?
    private let uposTags: [String]
    private let uposTable: PerceptronTable
    private var uposWeights: DenseFloatScorer?
    private static let maxFeatures = 40

    init(tagset: [String], uposTagset: [String], rowBits: Int = 19) {
        xposTags = tagset
        table = PerceptronTable(rowBits: rowBits, classes: tagset.count)
        uposTags = uposTagset
        uposTable = PerceptronTable(rowBits: rowBits - 1, classes: uposTagset.count)
    }

    /// UPOS features given (predicted or gold) XPOS ids of the whole sentence (padded by 2).
    private func uposFeatures(_ t: Tokens, _ i: Int, xpos x: [UInt64], prev: UInt64,
                              into out: UnsafeMutablePointer<UInt64>) -> Int {
        let j = i + 2
        var f = FeatureSink(out, salt: 13)
        f.add(1); f.add(x[j]); f.add(x[j], t.word[j]); f.add(x[j], t.suf3[j]); f.add(x[j], x[j - 1])
        f.add(x[j], x[j + 1]); f.add(t.word[j]); f.add(t.suf2[j]); f.add(t.suf4[j]); f.add(t.cased[j])
        f.add(x[j], prev); f.add(x[j], t.word[j + 1]); f.add(x[j], t.word[j - 1]); f.add(t.shape[j], x[j])
        f.add(x[j], x[j + 1], x[j + 2]); f.add(x[j - 1], x[j], x[j + 1])
        return f.count
    }

    private struct Tokens {
        var word: [UInt64], suf1: [UInt64], suf2: [UInt64], suf3: [UInt64], suf4: [UInt64]
        var pre1: [UInt64], pre3: [UInt64], shape: [UInt64], cased: [UInt64], pre2: [UInt64]
        init(_ words: [String]) {
            // Two padding positions on each side.
            let pad = [FeatureHash.none, FeatureHash.none]
            word = pad + words.map { FeatureHash.normalizedWord($0) } + pad
            suf1 = pad + words.map { FeatureHash.suffix($0, 1) } + pad
            suf2 = pad + words.map { FeatureHash.suffix($0, 2) } + pad
            suf3 = pad + words.map { FeatureHash.suffix($0, 3) } + pad
            suf4 = pad + words.map { FeatureHash.suffix($0, 4) } + pad
            pre1 = pad + words.map { FeatureHash.string(String($0.prefix(1))) } + pad
            pre3 = pad + words.map { FeatureHash.string(String($0.prefix(3)).lowercased()) } + pad
            shape = pad + words.map { FeatureHash.shape($0) &+ 100 } + pad
            cased = pad + words.map { FeatureHash.string($0) &+ 7 } + pad
            pre2 = pad + words.map { FeatureHash.string(String($0.prefix(2)).lowercased()) &+ 3 } + pad
        }
    }

    private func features(_ t: Tokens, _ i: Int, prev: UInt64, prev2: UInt64, into out: UnsafeMutablePointer<UInt64>) -> Int {
        let j = i + 2
        var f = FeatureSink(out, salt: 9)
        f.add(1); f.add(t.word[j]); f.add(t.word[j - 1]); f.add(t.word[j + 1]); f.add(t.word[j - 2]); f.add(t.word[j + 2])
        f.add(t.suf1[j]); f.add(t.suf2[j]); f.add(t.suf3[j]); f.add(t.suf4[j]); f.add(t.pre1[j]); f.add(t.pre3[j])
        f.add(t.shape[j]); f.add(t.shape[j - 1], t.shape[j]); f.add(t.shape[j], t.shape[j + 1])
        f.add(prev); f.add(prev, prev2); f.add(prev, t.word[j]); f.add(t.word[j - 1], t.word[j])
        f.add(t.word[j], t.word[j + 1]); f.add(t.suf3[j + 1]); f.add(t.suf3[j - 1]); f.add(prev, t.suf3[j])
        f.add(t.word[j - 1], t.word[j + 1]); f.add(prev, t.word[j + 1]); f.add(t.suf2[j + 1], t.word[j])
        f.add(t.cased[j]); f.add(t.pre2[j]); f.add(t.suf3[j + 2]); f.add(t.shape[j + 1], t.suf3[j])
        f.add(prev, t.word[j - 1]); f.add(t.suf4[j], t.shape[j]); f.add(t.word[j], t.word[j + 2])
        f.add(prev, t.shape[j]); f.add(t.suf1[j + 1], t.suf3[j])
        return f.count
    }

    /// Trains on gold XPOS/UPOS.
    func train(_ sentences: [DependencySentence], iterations: Int, seed: UInt64) {
        let index = Dictionary(uniqueKeysWithValues: xposTags.enumerated().map { ($1, $0) })
        let uIndex = Dictionary(uniqueKeysWithValues: uposTags.enumerated().map { ($1, $0) })
        let goldU = sentences.map { $0.upos.map { uIndex[$0] ?? 0 } }

        let encoded = sentences.map { Tokens($0.words) }
        let gold = sentences.map { $0.xpos.map { index[$0] ?? 0 } }
        var rng = SplitMix64(state: seed)
        var order = Array(0..<sentences.count)
        var time: Float = 1
        let feats = UnsafeMutablePointer<UInt64>.allocate(capacity: Self.maxFeatures)
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: xposTags.count)
        defer { feats.deallocate(); scores.deallocate() }
        let pad = [FeatureHash.none, FeatureHash.none]
        let xposHashes = gold.map { pad + $0.map { UInt64($0) &+ 500 } + pad }
        for _ in 0..<iterations {
            order.shuffle(using: &rng)
            for s in order {
                var prevU = FeatureHash.none
                for i in 0..<goldU[s].count {
                    let nf = uposFeatures(encoded[s], i, xpos: xposHashes[s], prev: prevU, into: feats)
                    uposTable.score(feats, nf, into: scores)
                    var best = 0
                    for k in 1..<uposTags.count where scores[k] > scores[best] { best = k }
                    let g = goldU[s][i]
                    if best != g {
                        uposTable.update(feats, nf, cls: g, delta: 1, time: time)
                        uposTable.update(feats, nf, cls: best, delta: -1, time: time)
                    }
                    prevU = UInt64(best) &+ 900
                }
                var prev = FeatureHash.none, prev2 = FeatureHash.none
                for i in 0..<gold[s].count {
                    let nf = features(encoded[s], i, prev: prev, prev2: prev2, into: feats)
                    table.score(feats, nf, into: scores)
                    var best = 0
                    for k in 1..<xposTags.count where scores[k] > scores[best] { best = k }
                    let g = gold[s][i]
                    if best != g {
                        table.update(feats, nf, cls: g, delta: 1, time: time)
                        table.update(feats, nf, cls: best, delta: -1, time: time)
                    }
                    prev2 = prev
                    prev = UInt64(best) &+ 500
                }
                time += 1
            }
        }
        weights = DenseFloatScorer(mask: table.mask, classCount: xposTags.count, weights: table.averaged(time: time))
        uposWeights = DenseFloatScorer(mask: uposTable.mask, classCount: uposTags.count, weights: uposTable.averaged(time: time))
    }

    /// Replaces the sentence's XPOS and UPOS with predicted tags.
    func tag(_ s: DependencySentence) -> DependencySentence {
        guard let w = weights, let uw = uposWeights else { return s }
        var out = s
        let enc = Tokens(s.words)
        let feats = UnsafeMutablePointer<UInt64>.allocate(capacity: Self.maxFeatures)
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: max(xposTags.count, uposTags.count))
        defer { feats.deallocate(); scores.deallocate() }
        var prev = FeatureHash.none, prev2 = FeatureHash.none
        var xh = [FeatureHash.none, FeatureHash.none]
        for i in 0..<s.count {
            let nf = features(enc, i, prev: prev, prev2: prev2, into: feats)
            w.score(feats, nf, into: scores)
            var best = 0
            for k in 1..<xposTags.count where scores[k] > scores[best] { best = k }
            let x = xposTags[best]
            out.xpos[i] = x
            prev2 = prev
            prev = UInt64(best) &+ 500
            xh.append(prev)
        }
        xh += [FeatureHash.none, FeatureHash.none]
        var prevU = FeatureHash.none
        for i in 0..<s.count {
            let nf = uposFeatures(enc, i, xpos: xh, prev: prevU, into: feats)
            uw.score(feats, nf, into: scores)
            var best = 0
            for k in 1..<uposTags.count where scores[k] > scores[best] { best = k }
            out.upos[i] = uposTags[best]
            prevU = UInt64(best) &+ 900
        }
        return out
    }
}

/// Produces predicted-tag copies of treebanks for robust parser training (jack-knifing).
public enum TagJackknife {
    /// Result of tagging: sentences with predicted tags plus accuracy against the originals.
    public struct Tagged: Sendable {
        /// Sentences with XPOS/UPOS replaced by predictions (heads and relations untouched).
        public var sentences: [DependencySentence]
        /// XPOS accuracy in percent.
        public var xposAccuracy: Double
        /// UPOS accuracy in percent.
        public var uposAccuracy: Double
    }

    static func accuracy(_ gold: [DependencySentence], _ pred: [DependencySentence]) -> (Double, Double) {
        var n = 0, x = 0, u = 0
        for (g, p) in zip(gold, pred) {
            for i in 0..<g.count {
                n += 1
                if g.xpos[i] == p.xpos[i] { x += 1 }
                if g.upos[i] == p.upos[i] { u += 1 }
            }
        }
        return (100 * Double(x) / Double(max(n, 1)), 100 * Double(u) / Double(max(n, 1)))
    }

    /// Tags `train` by k-fold jack-knifing (each fold tagged by a tagger trained on the others).
    public static func jackknife(train: [DependencySentence], folds: Int = 10, iterations: Int = 5,
                                 log: (String) -> Void = { print($0) }) -> Tagged {
        let tagset = Array(Set(train.flatMap { $0.xpos })).sorted()
        let utags = Array(Set(train.flatMap { $0.upos })).sorted()
        var out = train
        let k = max(2, folds)
        for fold in 0..<k {
            let lo = train.count * fold / k, hi = train.count * (fold + 1) / k
            let rest = Array(train[0..<lo]) + Array(train[hi...])
            let tagger = TrainingTagger(tagset: tagset, uposTagset: utags)
            tagger.train(rest, iterations: iterations, seed: UInt64(fold + 1))
            for i in lo..<hi { out[i] = tagger.tag(train[i]) }
            let acc = accuracy(Array(train[lo..<hi]), Array(out[lo..<hi]))
            log(String(format: "fold %d/%d: XPOS %.2f%% UPOS %.2f%%", fold + 1, k, acc.0, acc.1))
        }
        let acc = accuracy(train, out)
        return Tagged(sentences: out, xposAccuracy: acc.0, uposAccuracy: acc.1)
    }

    /// Tags each target set with one tagger trained on all of `train`.
    public static func tag(targets: [[DependencySentence]], train: [DependencySentence], iterations: Int = 5) -> [Tagged] {
        let tagset = Array(Set(train.flatMap { $0.xpos })).sorted()
        let utags = Array(Set(train.flatMap { $0.upos })).sorted()
        let tagger = TrainingTagger(tagset: tagset, uposTagset: utags)
        tagger.train(train, iterations: iterations, seed: 99)
        return targets.map { t in
            let tagged = t.map { tagger.tag($0) }
            let acc = accuracy(t, tagged)
            return Tagged(sentences: tagged, xposAccuracy: acc.0, uposAccuracy: acc.1)
        }
    }
}
