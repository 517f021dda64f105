import Foundation

/// A finished dependency tree (heads + first-pass labels) indexed for second-pass labelling.
///
/// Token 0 is the root, 1...n the words, n+1 the "none" sentinel (as in `SentenceEncoding`).
struct TreeContext {
    let n: Int
    let none: Int
    /// Head per token (root and sentinel: sentinel).
    var heads: [Int]
    /// First-pass label id per token (-1 for root/sentinel).
    var labels: [Int]
    /// CSR children lists, ordered by position: children of h are `children[childStart[h]..<childStart[h+1]]`.
    var childStart: [Int]
    var children: [Int]
    /// Position of each token within its head's children list.
    var sibIndex: [Int]
    /// Bit sets of child labels (label id mod 64).
    var childLabels: [UInt64]

    /// `heads` are 1-based (0 = root) and `labels` label ids, both for words 1...n (0-based arrays).
    init(heads h: [Int], labels l: [Int]) {
        n = h.count
        none = n + 1
        let size = n + 2
        heads = [Int](repeating: n + 1, count: size)
        labels = [Int](repeating: -1, count: size)
        var counts = [Int](repeating: 0, count: size + 1)
        for i in 0..<n {
            let hd = h[i] >= 0 && h[i] <= n ? h[i] : 0
            heads[i + 1] = hd
            labels[i + 1] = l[i]
            counts[hd + 1] += 1
        }
        for i in 0..<size { counts[i + 1] += counts[i] }
        childStart = counts
        children = [Int](repeating: 0, count: max(n, 1))
        sibIndex = [Int](repeating: 0, count: size)
        childLabels = [UInt64](repeating: 0, count: size)
        var fill = counts
        for d in 1...max(n, 1) where n > 0 {
            let hd = heads[d]
            sibIndex[d] = fill[hd] - childStart[hd]
            children[fill[hd]] = d
            fill[hd] += 1
            if labels[d] >= 0 { childLabels[hd] |= 1 << UInt64(labels[d] & 63) }
        }
    }

    @inline(__always) func childCount(_ h: Int) -> Int { childStart[h + 1] - childStart[h] }
}

/// Feature templates of the second-pass labeller: the dependent, its head, the head's label and
/// grandparent, sibling labels and the dependent's own children, all from the finished tree.
enum TreeLabelFeatures {
    static let maxFeatures = 128

    static func extract(_ t: TreeContext, _ e: SentenceEncoding, dep d: Int,
                        into out: UnsafeMutablePointer<UInt64>) -> Int {
        let none = t.none
        let h = t.heads[d]
        let w = e.word, p = e.xpos, u = e.upos
        @inline(__always) func lab(_ x: Int) -> UInt64 {
            x == none ? 0x7777 : UInt64(bitPattern: Int64(t.labels[x] &+ 2)) &+ 0x1234
        }
        let dir: UInt64 = d < h ? 1 : 2
        var f = FeatureSink(out, salt: 20 + dir)
        let dw = w[d], dp = p[d], du = u[d], hw = w[h], hp = p[h], hu = u[h]
        let dist = ParserFeatures.distanceBucket(abs(h - d))
        let l1 = lab(d)
        // First-pass label as a prior.
        f.add(l1); f.add(l1, dp); f.add(l1, hp); f.add(l1, dw); f.add(l1, hp, dp)
        // Dependent and head.
        f.add(dw); f.add(dp); f.add(du); f.add(dw, dp); f.add(e.suffix[d]); f.add(e.suffix[d], e.shape[d])
        f.add(hw); f.add(hp); f.add(hu); f.add(hw, hp)
        f.add(hp, dp); f.add(hw, dp); f.add(hp, dw); f.add(hw, dw); f.add(hu, du); f.add(hw, dw, dp)
        f.add(dist, hp, dp); f.add(dist, dp); f.add(dist, du, hu); f.add(hw, dp, dist)
        // Head's own attachment.
        let hh = h == 0 ? none : t.heads[h]
        let lh = lab(h)
        f.add(lh); f.add(lh, dp); f.add(lh, hp, dp); f.add(p[hh], hp, dp); f.add(lh, l1)
        f.add(w[hh], hp, dp)
        // Siblings: nearest on each side, and the other children's label set.
        let si = t.sibIndex[d]
        let base = t.childStart[h], cnt = t.childCount(h)
        let prev = si > 0 ? t.children[base + si - 1] : none
        let next = si + 1 < cnt ? t.children[base + si + 1] : none
        f.add(lab(prev), dp); f.add(p[prev], dp); f.add(lab(prev), dp, hp)
        f.add(lab(next), dp); f.add(p[next], dp); f.add(lab(next), dp, hp); f.add(w[prev], dp)
        let sibSet = t.childLabels[h] & ~(t.labels[d] >= 0 ? (1 << UInt64(t.labels[d] & 63)) : 0)
        f.add(sibSet &+ 3, dp); f.add(sibSet &+ 5, hp, dp)
        var k = 0
        var j = base
        while j < base + cnt && k < 12 {
            let s = t.children[j]
            if s != d {
                let side: UInt64 = s < d ? 7 : 8
                f.add(lab(s), dp, side); f.add(lab(s), dp, hp)
                k += 1
            }
            j += 1
        }
        // Dependent's children.
        let dc = t.childCount(d)
        f.add(t.childLabels[d] &+ 9, dp); f.add(UInt64(min(dc, 5)), dp, l1)
        let dcBase = t.childStart[d]
        let firstChild = dc > 0 ? t.children[dcBase] : none
        let lastChild = dc > 0 ? t.children[dcBase + dc - 1] : none
        f.add(w[firstChild], dp); f.add(w[firstChild], lab(firstChild), dp); f.add(w[firstChild], hp, dp)
        f.add(p[lastChild], lab(lastChild), dp)
        j = dcBase
        k = 0
        while j < dcBase + dc && k < 8 {
            let c = t.children[j]
            let lc = lab(c)
            f.add(lc, dp); f.add(lc, w[c], dp); f.add(lc, dp, hp)
            k += 1
            j += 1
        }
        // Linear context.
        let dPrev = d - 1, dNext = d + 1 <= t.n ? d + 1 : none
        f.add(dp, p[dPrev]); f.add(dp, p[dNext]); f.add(dp, w[dNext]); f.add(w[dPrev], dp)
        f.add(u[dPrev], dp, hp)
        let btw = e.between(h, d)
        f.add(btw.punct, btw.verb, dp); f.add(btw.punct, hp, dp)
        let first: UInt64 = d == 1 ? 1 : (d == t.n ? 2 : 3)
        f.add(first, dp, l1)
        return f.count
    }

    /// Relabels every non-root arc of a finished tree in place (label ids, words 1...n 0-based).
    static func relabel<L: ClassScorer>(_ enc: SentenceEncoding, heads: [Int], labels: inout [Int],
                                        scorer: L, rootLabel: Int) {
        let n = heads.count
        if n == 0 || scorer.classCount < 2 { return }
        let t = TreeContext(heads: heads, labels: labels)
        let feats = UnsafeMutablePointer<UInt64>.allocate(capacity: maxFeatures)
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: scorer.classCount)
        defer { feats.deallocate(); scores.deallocate() }
        for d in 1...n where t.heads[d] != 0 {
            let nf = extract(t, enc, dep: d, into: feats)
            scorer.score(feats, nf, into: scores)
            var best = labels[d - 1], bestScore = -Float.infinity
            for k in 0..<scorer.classCount where k != rootLabel && scores[k] > bestScore {
                best = k
                bestScore = scores[k]
            }
            labels[d - 1] = best
        }
    }
}

/// Options for training the second-pass labeller.
public struct RelabelTrainingOptions: Sendable {
    public var iterations: Int = 10
    public var bits: Int = 20
    public var seed: UInt64 = 7
    public var pruneBelow: Int16 = 1
    public var log: @Sendable (String) -> Void = { print($0) }
    public init() {}
}

extension DependencyParser {
    /// Parses with the first pass only (no second-pass relabelling).
    func parseFirstPass(_ s: DependencySentence) -> (heads: [Int], labels: [Int]) {
        let enc = SentenceEncoding(words: s.words, upos: s.upos, xpos: s.xpos)
        return ParserCore.parse(enc, actions: model.actions, labels: model.labelTable, rootLabel: model.rootLabel)
    }

    /// Trains a second-pass labeller and returns a parser that applies it.
    ///
    /// - Parameters:
    ///   - gold: Training sentences with gold trees (and predicted tags).
    ///   - parsed: The same sentences parsed by a parser that did not see them (jack-knifed), in order.
    ///   - dev: Gold dev sentences used to choose the epoch (parsed here with this parser's first pass).
    ///   - report: Extra sets scored each epoch.
    public func trainingRelabeller(gold: [DependencySentence], parsed: [DependencySentence],
                                   dev: [DependencySentence], report: [[DependencySentence]] = [],
                                   options: RelabelTrainingOptions = RelabelTrainingOptions()) -> DependencyParser {
        let labels = model.labels
        let rootLabel = model.rootLabel
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        struct Item { let enc: SentenceEncoding; let tree: TreeContext; let targets: [(Int, Int)] }
        var items: [Item] = []
        var arcs = 0
        for (g, p) in zip(gold, parsed) where g.count == p.count && g.count > 0 {
            let enc = SentenceEncoding(words: g.words, upos: g.upos, xpos: g.xpos)
            let pl = p.deprels.map { index[$0] ?? rootLabel }
            let tree = TreeContext(heads: p.heads, labels: pl)
            var targets: [(Int, Int)] = []
            for i in 0..<g.count where p.heads[i] == g.heads[i] && g.heads[i] != 0 {
                if let gl = index[g.deprels[i]], gl != rootLabel { targets.append((i + 1, gl)) }
            }
            arcs += targets.count
            items.append(Item(enc: enc, tree: tree, targets: targets))
        }
        options.log("relabeller: \(items.count) sentences, \(arcs) arcs")
        let table = PerceptronTable(rowBits: options.bits, classes: labels.count)
        func firstPass(_ set: [DependencySentence]) -> [(SentenceEncoding, [Int], [Int])] {
            set.map { s in
                let enc = SentenceEncoding(words: s.words, upos: s.upos, xpos: s.xpos)
                let r = ParserCore.parse(enc, actions: model.actions, labels: model.labelTable, rootLabel: rootLabel)
                return (enc, r.heads, r.labels)
            }
        }
        let devParsed = firstPass(dev)
        let repParsed = report.map { firstPass($0) }
        func score<L: ClassScorer>(_ set: [DependencySentence], _ parsedSet: [(SentenceEncoding, [Int], [Int])],
                                   _ scorer: L?) -> ParserScores {
            var i = 0
            return ParserEvaluation.evaluate(gold: set) { _ in
                let (enc, h, l0) = parsedSet[i]
                i += 1
                var l = l0
                if let sc = scorer { TreeLabelFeatures.relabel(enc, heads: h, labels: &l, scorer: sc, rootLabel: rootLabel) }
                return zip(h, l).map { ($0, labels[$1]) }
            }
        }
        let base = score(dev, devParsed, nil as DenseFloatScorer?)
        options.log(String(format: "first pass: dev UAS %.2f LAS %.2f", base.uas, base.las))
        var rng = SplitMix64(state: options.seed)
        var order = Array(0..<items.count)
        let feats = UnsafeMutablePointer<UInt64>.allocate(capacity: TreeLabelFeatures.maxFeatures)
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: labels.count)
        defer { feats.deallocate(); scores.deallocate() }
        var time: Float = 1
        var best: (las: Double, epoch: Int, w: [Float])?
        for epoch in 1...max(1, options.iterations) {
            order.shuffle(using: &rng)
            var errors = 0
            for idx in order {
                let it = items[idx]
                for (d, gl) in it.targets {
                    let nf = TreeLabelFeatures.extract(it.tree, it.enc, dep: d, into: feats)
                    table.score(feats, nf, into: scores)
                    var pl = rootLabel == 0 ? 1 : 0, ps = -Float.infinity
                    for k in 0..<labels.count where k != rootLabel && scores[k] > ps { pl = k; ps = scores[k] }
                    if pl != gl {
                        errors += 1
                        table.update(feats, nf, cls: gl, delta: 1, time: time)
                        table.update(feats, nf, cls: pl, delta: -1, time: time)
                    }
                }
                time += 1
            }
            let w = table.averaged(time: time)
            let sc = DenseFloatScorer(mask: table.mask, classCount: labels.count, weights: w)
            let ds = score(dev, devParsed, sc)
            var line = String(format: "relabel epoch %d: train errors %.2f%% | dev LAS %.2f", epoch,
                              100 * Double(errors) / Double(max(arcs, 1)), ds.las)
            for (k, rep) in report.enumerated() {
                let rs = score(rep, repParsed[k], sc)
                line += String(format: " | r%d %.2f/%.2f", k + 1, rs.uas, rs.las)
            }
            options.log(line)
            if best == nil || ds.las > (best?.las ?? 0) { best = (ds.las, epoch, w) }
        }
        let chosen = best!
        options.log("relabeller: using epoch \(chosen.epoch)")
        let q = ParserModel.quantizeSparse(weights: chosen.w, rowBits: options.bits, classCount: labels.count,
                                           pruneBelow: options.pruneBelow)
        return DependencyParser(model: model.withRelabeller(q))
    }
}
