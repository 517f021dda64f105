/// Picks the container(s) holding the article text.
enum ContentSelector {
    /// Weight of non-paragraph and link text against paragraph text when choosing the container.
    static let penalty = 1.0
    /// Root nodes whose text forms the article, in document order.
    static func select(_ tree: DOMTree, stats: TextStats, removed: [Bool]) -> [Int] {
        guard !tree.nodes.isEmpty else { return [] }
        let scores = ContentScorer.scores(tree, stats: stats, removed: removed)
        guard let maxScore = scores.values.max() else { return fallbackRoot(tree, removed: removed) }
        // The container that maximises paragraph text minus everything else (links, fragments).
        var top = 0
        var bestNet = -Double.infinity
        for i in 0..<tree.nodes.count where !removed[i] && tree.nodes[i].tag != .text {
            let good = Double(stats.goodChars[i])
            let bad = Double(stats.chars[i] - stats.goodChars[i]) + Double(stats.linkChars[i])
            let net = good - penalty * bad
            if net > bestNet { bestNet = net; top = i }
        }
        let topScore = scores[top] ?? maxScore

        var roots: [Int]
        if let marker = bestMarker(tree, stats: stats, removed: removed, reference: top) {
            roots = [marker]
        } else {
            roots = withSiblings(top, topScore: topScore, tree: tree, stats: stats, scores: scores, removed: removed)
        }
        if let first = roots.first, let lead = leadBefore(first, tree: tree, stats: stats, removed: removed) {
            roots.insert(lead, at: 0)
        }
        return roots
    }

    /// A lead/standfirst element shortly before the article body and close to it in the tree.
    static func leadBefore(_ first: Int, tree: DOMTree, stats: TextStats, removed: [Bool]) -> Int? {
        var near: [Int] = []
        var a = Int(tree.nodes[first].parent)
        while a >= 0 && near.count < 4 {
            near.append(a)
            a = Int(tree.nodes[a].parent)
        }
        guard let outer = near.last else { return nil }
        var i = first - 1
        while i > outer {
            defer { i -= 1 }
            let node = tree.nodes[i]
            guard node.tag != .text, node.hints.contains(.lead), !removed[i],
                  stats.chars[i] >= 30, stats.chars[i] <= 1500, stats.linkDensity(i) < 0.3,
                  tree.subtreeEnd(i) <= first else { continue }
            // Every ancestor up to the shared container must be kept.
            var up = Int(node.parent)
            var ok = true
            var steps = 0
            while up >= 0 && !near.contains(up) {
                if removed[up] || steps > 8 { ok = false; break }
                up = Int(tree.nodes[up].parent)
                steps += 1
            }
            if ok && up >= 0 { return i }
        }
        return nil
    }

    static func fallbackRoot(_ tree: DOMTree, removed: [Bool]) -> [Int] {
        for i in 0..<tree.nodes.count where tree.nodes[i].tag == .body && !removed[i] { return [i] }
        return removed.first == false ? [0] : []
    }

    /// Explicit article containers, tried from most to least specific.
    static func bestMarker(_ tree: DOMTree, stats: TextStats, removed: [Bool], reference: Int) -> Int? {
        var best: [Int] = [-1, -1, -1, -1]
        for i in 0..<tree.nodes.count where !removed[i] {
            let node = tree.nodes[i]
            guard node.tag != .text else { continue }
            var kind = -1
            if node.hints.contains(.articleBody) { kind = 0 }
            else if node.hints.contains(.contentClass) { kind = 1 }
            else if node.tag == .article { kind = 2 }
            else if node.tag == .main || node.hints.contains(.mainRole) || node.hints.contains(.weakContent) { kind = 3 }
            guard kind >= 0 else { continue }
            if best[kind] < 0 || stats.goodChars[i] > stats.goodChars[best[kind]] { best[kind] = i }
        }
        let refGood = Double(stats.goodChars[reference])
        for m in best where m >= 0 {
            let good = Double(stats.goodChars[m])
            if good >= 0.5 * refGood && good >= 100 { return m }
        }
        return nil
    }

    /// Readability's sibling rule: neighbours of the top candidate that score well or read like prose.
    static func withSiblings(_ top: Int, topScore: Double, tree: DOMTree, stats: TextStats,
                             scores: [Int: Double], removed: [Bool]) -> [Int] {
        let parent = Int(tree.nodes[top].parent)
        guard parent >= 0 else { return [top] }
        let threshold = max(10.0, topScore * 0.2)
        var roots: [Int] = []
        var child = Int(tree.nodes[parent].firstChild)
        while child >= 0 {
            defer { child = Int(tree.nodes[child].nextSibling) }
            if removed[child] { continue }
            if child == top { roots.append(child); continue }
            if let s = scores[child], s >= threshold { roots.append(child); continue }
            let node = tree.nodes[child]
            if node.tag == .p {
                let len = stats.chars[child]
                let ld = stats.linkDensity(child)
                if len > 80 && ld < 0.25 { roots.append(child) }
                else if len > 0 && len <= 80 && ld == 0 && tree.collapsedText(of: child).hasSuffix(".") { roots.append(child) }
            }
        }
        return roots
    }
}
