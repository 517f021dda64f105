/// Dynamic oracle for arc-eager (Goldberg & Nivre 2012): the cost of a transition is the number
/// of gold arcs that become unreachable by taking it. Gold trees must be projective.
struct ArcEagerOracle {
    /// Gold head per token (index 0...n+1; root and sentinel hold -1).
    let goldHeads: [Int]
    /// Gold label id per token (-1 for root/sentinel).
    let goldLabels: [Int]
    /// Gold dependents per token.
    let goldDeps: [[Int]]

    init(heads: [Int], labels: [Int]) {
        let n = heads.count
        var gh = [Int](repeating: -1, count: n + 2)
        var gl = [Int](repeating: -1, count: n + 2)
        var deps = [[Int]](repeating: [], count: n + 2)
        for i in 0..<n {
            gh[i + 1] = heads[i]
            gl[i + 1] = labels[i]
            if heads[i] >= 0 && heads[i] <= n { deps[heads[i]].append(i + 1) }
        }
        goldHeads = gh
        goldLabels = gl
        goldDeps = deps
    }

    /// Whether gold arc h → d is still obtainable with respect to the root constraint.
    @inline(__always)
    private func headOnStackReachable(_ h: Int, _ st: ArcEagerState) -> Bool {
        st.inStack[h] && (h != 0 || !st.rootHasChild)
    }

    /// Unlabelled cost of a legal transition.
    func cost(_ t: Transition, _ st: ArcEagerState) -> Int {
        let b = st.buffer
        let s = st.s0
        var c = 0
        switch t {
        case .shift:
            let h = goldHeads[b]
            if h >= 0 && headOnStackReachable(h, st) { c += 1 }
            for d in goldDeps[b] where st.inStack[d] && st.heads[d] < 0 { c += 1 }
        case .reduce:
            for d in goldDeps[s] where d >= b { c += 1 }
        case .leftArc:
            if goldHeads[s] > b { c += 1 }
            for d in goldDeps[s] where d >= b { c += 1 }
        case .rightArc:
            let h = goldHeads[b]
            if h != s && h >= 0 {
                if h > b || headOnStackReachable(h, st) { c += 1 }
            }
            for d in goldDeps[b] where st.inStack[d] && st.heads[d] < 0 { c += 1 }
        }
        return c
    }
}

/// Projectivisation by lifting: repeatedly re-attaches the dependent of the shortest
/// non-projective arc to its grandparent until the tree is projective (labels unchanged).
enum Projectivizer {
    /// Returns projective heads (1-based, 0 = root) and whether any arc was lifted.
    static func projectivize(heads: [Int]) -> (heads: [Int], changed: Bool) {
        var h = heads
        let n = h.count
        if n == 0 { return (heads, false) }
        // Malformed trees (cycles or out-of-range heads) are returned unchanged.
        for i in 0..<n where h[i] < 0 || h[i] > n || h[i] == i + 1 { return (heads, false) }
        var changed = false
        var guardCount = 0
        while guardCount < n * n + 10 {
            guardCount += 1
            var best = -1
            var bestLen = Int.max
            for d in 1...n {
                let hd = h[d - 1]
                let len = abs(hd - d)
                if len < bestLen && !isProjectiveArc(head: hd, dep: d, heads: h) {
                    best = d
                    bestLen = len
                }
            }
            if best < 0 { break }
            let parent = h[best - 1]
            if parent == 0 { break }
            h[best - 1] = h[parent - 1]
            changed = true
        }
        return (h, changed)
    }

    /// Whether every token strictly between head and dep is dominated by head.
    static func isProjectiveArc(head: Int, dep: Int, heads: [Int]) -> Bool {
        if head == 0 { return true }
        let lo = min(head, dep), hi = max(head, dep)
        if hi - lo < 2 { return true }
        for k in (lo + 1)..<hi {
            var x = k
            var steps = 0
            while x != head && x != 0 && steps <= heads.count {
                x = heads[x - 1]
                steps += 1
            }
            if x != head { return false }
        }
        return true
    }

    /// Whether a whole tree is projective.
    static func isProjective(heads: [Int]) -> Bool {
        for d in 0..<heads.count where !isProjectiveArc(head: heads[d], dep: d + 1, heads: heads) {
            return false
        }
        return true
    }
}
