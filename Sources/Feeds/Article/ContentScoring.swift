/// Per-node text statistics over the non-removed part of the tree.
struct TextStats {
    var chars: [Int32]
    var linkChars: [Int32]
    var commas: [Int32]
    /// Characters in paragraph-like descendants that are not link-dense.
    var goodChars: [Int32]
    var hasBlockChild: [Bool]

    func linkDensity(_ i: Int) -> Double {
        chars[i] > 0 ? Double(linkChars[i]) / Double(chars[i]) : 0
    }

    /// One reverse pre-order pass: every child is visited before its parent.
    init(tree: DOMTree, removed: [Bool]) {
        let n = tree.nodes.count
        chars = Array(repeating: 0, count: n)
        linkChars = Array(repeating: 0, count: n)
        commas = Array(repeating: 0, count: n)
        goodChars = Array(repeating: 0, count: n)
        hasBlockChild = Array(repeating: false, count: n)
        tree.nodes.withUnsafeBufferPointer { nodes in
            // Forward pass: which nodes sit inside a link.
            var inLink = Array(repeating: false, count: n)
            for i in 0..<n {
                let p = Int(nodes[i].parent)
                inLink[i] = nodes[i].tag == .a || (p >= 0 && inLink[p])
            }
            // Inline text sitting directly in a container that also has block children.
            var looseChars = Array(repeating: Int32(0), count: n)
            var looseLinks = Array(repeating: Int32(0), count: n)
            var i = n - 1
            while i >= 0 {
                defer { i -= 1 }
                if removed[i] { continue }
                let node = nodes[i]
                if node.tag == .text {
                    chars[i] = node.chars
                    commas[i] = node.commas
                    if inLink[i] { linkChars[i] = node.chars }
                } else {
                    if chars[i] >= 20 && ContentScorer.isParagraphLike(node.tag, hasBlockChild: hasBlockChild[i])
                        && linkChars[i] * 2 < chars[i] {
                        goodChars[i] = chars[i]
                    } else if hasBlockChild[i] && looseChars[i] >= 50 && looseLinks[i] * 2 < looseChars[i] {
                        goodChars[i] += looseChars[i]
                    }
                }
                let p = Int(node.parent)
                if p < 0 { continue }
                chars[p] += chars[i]
                linkChars[p] += linkChars[i]
                commas[p] += commas[i]
                goodChars[p] += goodChars[i]
                if node.tag != .text && node.tag.isBlock {
                    hasBlockChild[p] = true
                } else if goodChars[i] == 0 {
                    looseChars[p] += chars[i]
                    looseLinks[p] += linkChars[i]
                }
            }
        }
    }
}

/// Decides what is boilerplate and which container holds the article.
enum ContentScorer {
    static func isParagraphLike(_ tag: HTMLTag, hasBlockChild: Bool) -> Bool {
        switch tag {
        case .p, .pre, .blockquote, .td, .dd, .li, .h2, .h3, .h4, .h5, .h6:
            return true
        case .div, .section, .article, .span, .font, .center, .main:
            return !hasBlockChild
        default:
            return false
        }
    }

    /// Marks boilerplate subtrees (by tag, role, class/id tokens, hidden state, captions and image boxes).
    /// A subtree that wraps most of the page text, or a prose block whose class merely looks like
    /// boilerplate, is kept.
    static func removedNodes(_ tree: DOMTree) -> [Bool] {
        let n = tree.nodes.count
        var removed = Array(repeating: false, count: n)
        let raw = TextStats(tree: tree, removed: removed)
        // Which subtrees hold an image (reverse pass: children before parents).
        var hasImage = Array(repeating: false, count: n)
        var k = n - 1
        while k >= 0 {
            let t = tree.nodes[k].tag
            if t == .img || t == .picture || t == .figure { hasImage[k] = true }
            let p = Int(tree.nodes[k].parent)
            if hasImage[k] && p >= 0 { hasImage[p] = true }
            k -= 1
        }
        var insideArticle = Array(repeating: false, count: n)
        var total: Int32 = 1
        for i in 0..<n where tree.nodes[i].parent < 0 { total += raw.chars[i] }
        for i in 0..<n {
            let node = tree.nodes[i]
            let p = Int(node.parent)
            if p >= 0 {
                if removed[p] { removed[i] = true; continue }
                insideArticle[i] = insideArticle[p]
            }
            if node.tag == .text { continue }
            if node.tag == .article || node.tag == .main || node.hints.contains(.articleBody) { insideArticle[i] = true }
            var drop = false
            switch node.tag {
            case .nav, .aside, .menu, .footer, .form, .fieldset, .head, .title, .meta, .link, .base, .label, .address:
                drop = true
            case .header:
                drop = !insideArticle[i] || raw.linkDensity(i) > 0.5
            default:
                break
            }
            if node.hints.contains(.boilerplate) || node.hints.contains(.hidden) { drop = true }
            if (node.tag == .figcaption || node.hints.contains(.caption)) && raw.chars[i] < 150 { drop = true }
            // Image boxes: a picture plus a short caption or credit line.
            if hasImage[i] && raw.chars[i] < 80 && raw.goodChars[i] < 60 {
                switch node.tag {
                case .figure, .div, .a, .span, .section: drop = true
                default: break
                }
            }
            if node.tag.isSkippedSubtree || node.tag == .script { drop = true }
            if drop && node.tag != .head && !node.tag.isSkippedSubtree {
                // Guards against wrapper elements with misleading names.
                if drop && raw.chars[i] * 10 > total * 6 { drop = false }
                if node.tag == .body || node.tag == .html { drop = false }
                // A class-name match on a block full of prose is more likely a styling hook than boilerplate.
                if drop && node.hints.contains(.boilerplate) && !node.hints.contains(.comments) && !node.hints.contains(.hidden)
                    && !(node.tag == .nav || node.tag == .aside || node.tag == .footer || node.tag == .form)
                    && raw.goodChars[i] >= 400 && raw.linkDensity(i) < 0.25 && raw.goodChars[i] * 2 >= raw.chars[i] {
                    drop = false
                }
            }
            if drop { removed[i] = true }
        }
        return removed
    }

    /// Readability-style container scores keyed by node index.
    static func scores(_ tree: DOMTree, stats: TextStats, removed: [Bool]) -> [Int: Double] {
        var scores: [Int: Double] = [:]
        for i in 0..<tree.nodes.count where !removed[i] {
            let node = tree.nodes[i]
            guard node.tag != .text, isParagraphLike(node.tag, hasBlockChild: stats.hasBlockChild[i]),
                  node.tag != .li, stats.chars[i] >= 25 else { continue }
            let base = 1.0 + Double(stats.commas[i]) + min(Double(stats.chars[i]) / 100.0, 3.0)
            var ancestor = Int(node.parent)
            var level = 0
            while ancestor >= 0 && level < 4 {
                if scores[ancestor] == nil { scores[ancestor] = initialScore(tree.nodes[ancestor]) }
                let divider = level == 0 ? 1.0 : (level == 1 ? 2.0 : Double(level) * 3.0)
                scores[ancestor, default: 0] += base / divider
                ancestor = Int(tree.nodes[ancestor].parent)
                level += 1
            }
        }
        for (k, v) in scores { scores[k] = v * (1.0 - stats.linkDensity(k)) }
        return scores
    }

    static func initialScore(_ node: DOMNode) -> Double {
        var s: Double
        switch node.tag {
        case .div, .article, .main, .section: s = 5
        case .pre, .td, .blockquote: s = 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: s = -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: s = -5
        default: s = 0
        }
        if node.hints.contains(.contentClass) || node.hints.contains(.articleBody) || node.hints.contains(.mainRole) { s += 25 }
        if node.hints.contains(.negative) { s -= 25 }
        if node.tag == .article { s += 10 }
        return s
    }
}
