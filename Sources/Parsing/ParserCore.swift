/// Greedy arc-eager decoding shared by the runtime parser and training-time evaluation.
enum ParserCore {
    /// Parses one encoded sentence. Returns 1-based heads (0 = root) and label ids per word.
    ///
    /// Runs in time linear in the sentence length (at most 2n transitions, each with a bounded
    /// number of features). The result is always a single-rooted tree.
    static func parse<A: ClassScorer, L: ClassScorer>(
        _ enc: SentenceEncoding, actions: A, labels: L, rootLabel: Int
    ) -> (heads: [Int], labels: [Int]) {
        let n = enc.n
        if n == 0 { return ([], []) }
        let labelCount = labels.classCount
        let feats = UnsafeMutablePointer<UInt64>.allocate(capacity: ParserFeatures.maxFeatures)
        let lfeats = UnsafeMutablePointer<UInt64>.allocate(capacity: ParserFeatures.maxFeatures)
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: max(labelCount, Transition.count))
        defer { feats.deallocate(); lfeats.deallocate(); scores.deallocate() }

        var st = ArcEagerState(wordCount: n)
        while !st.isTerminal {
            var best = Transition.shift
            var nf = 0
            if st.legalCount > 1 {
                nf = ParserFeatures.action(st, enc, into: feats)
                actions.score(feats, nf, into: scores)
                var bestScore = -Float.infinity
                for t in Transition.allCases where st.isLegal(t) && scores[t.rawValue] > bestScore {
                    best = t
                    bestScore = scores[t.rawValue]
                }
            } else {
                // A forced move (only shift is legal): no need to score.
                for t in Transition.allCases where st.isLegal(t) { best = t; break }
            }
            var label = -1
            if let arc = st.arc(for: best) {
                label = chooseLabel(st, enc, head: arc.head, dep: arc.dep, labels: labels, rootLabel: rootLabel,
                                    context: feats, contextCount: ParserFeatures.labelContextCount(nf), feats: lfeats, scores: scores)
            }
            st.apply(best, label: label)
        }
        finalize(&st, enc, labels: labels, rootLabel: rootLabel, feats: lfeats, scores: scores)
        return (Array(st.heads[1...n]), Array(st.labels[1...n]))
    }

    /// Best label for head → dep (root arcs always get `rootLabel`, other arcs never do).
    @inline(__always)
    static func chooseLabel<L: ClassScorer>(
        _ st: ArcEagerState, _ enc: SentenceEncoding, head: Int, dep: Int, labels: L, rootLabel: Int,
        context: UnsafePointer<UInt64>, contextCount: Int,
        feats: UnsafeMutablePointer<UInt64>, scores: UnsafeMutablePointer<Float>
    ) -> Int {
        if head == 0 || labels.classCount < 2 { return rootLabel }
        let nf = ParserFeatures.label(st, enc, head: head, dep: dep, context: context, contextCount: contextCount,
                                      into: feats)
        labels.score(feats, nf, into: scores)
        var best = rootLabel == 0 ? 1 : 0
        var bestScore = -Float.infinity
        for k in 0..<labels.classCount where k != rootLabel && scores[k] > bestScore {
            best = k
            bestScore = scores[k]
        }
        return best
    }

    /// Attaches tokens left without a head: the first becomes the root's dependent if the root
    /// has none; the rest attach to the root's dependent.
    static func finalize<L: ClassScorer>(
        _ st: inout ArcEagerState, _ enc: SentenceEncoding, labels: L, rootLabel: Int,
        feats: UnsafeMutablePointer<UInt64>, scores: UnsafeMutablePointer<Float>
    ) {
        let n = st.n
        var rootChild = -1
        for i in 1...n where st.heads[i] == 0 { rootChild = i; break }
        for i in 1...n where st.heads[i] < 0 {
            if rootChild < 0 {
                st.addArc(head: 0, dep: i, label: rootLabel)
                rootChild = i
            } else {
                let l = chooseLabel(st, enc, head: rootChild, dep: i, labels: labels, rootLabel: rootLabel,
                                    context: feats, contextCount: 0, feats: feats, scores: scores)
                st.addArc(head: rootChild, dep: i, label: l)
            }
        }
    }
}
