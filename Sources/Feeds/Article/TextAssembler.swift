/// Turns the selected subtrees into paragraphs of plain text.
struct TextAssembler {
    private var paragraphs: [[UInt8]] = []
    private var isHeading: [Bool] = []
    private var current: [UInt8] = []
    private var pendingSpace = false

    static func text(_ tree: DOMTree, roots: [Int], stats: TextStats, removed: [Bool]) -> String {
        var assembler = TextAssembler()
        for root in roots { assembler.emit(root, tree: tree, stats: stats, removed: removed) }
        assembler.endParagraph()
        var kept = 0
        for k in 0..<assembler.paragraphs.count where !CallToActionFilter.isCallToAction(assembler.paragraphs[k]) {
            assembler.paragraphs[kept] = assembler.paragraphs[k]
            assembler.isHeading[kept] = assembler.isHeading[k]
            kept += 1
        }
        assembler.paragraphs.removeSubrange(kept...)
        assembler.isHeading.removeSubrange(kept...)
        // A heading with nothing after it introduced something that was removed (related links etc.).
        while let last = assembler.isHeading.last, last {
            assembler.isHeading.removeLast()
            assembler.paragraphs.removeLast()
        }
        var out: [UInt8] = []
        for (k, p) in assembler.paragraphs.enumerated() {
            if k > 0 { out.append(10); out.append(10) }
            out.append(contentsOf: p)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a block inside the article is a link list or other clutter to leave out.
    static func isClutter(_ i: Int, tree: DOMTree, stats: TextStats) -> Bool {
        let node = tree.nodes[i]
        switch node.tag {
        case .ul, .ol, .dl, .div, .section, .p, .table, .li:
            return stats.chars[i] > 0 && stats.linkDensity(i) > 0.5 && stats.goodChars[i] * 3 < stats.chars[i]
        default:
            return false
        }
    }

    private mutating func emit(_ root: Int, tree: DOMTree, stats: TextStats, removed: [Bool]) {
        var cur = root
        tree.nodes.withUnsafeBufferPointer { nodes in
            tree.text.withUnsafeBufferPointer { text in
                while true {
                    let node = nodes[cur]
                    var descend = false
                    if !removed[cur] && !(cur != root && Self.isClutter(cur, tree: tree, stats: stats)) {
                        switch node.tag {
                        case .text:
                            appendText(text[Int(node.start)..<Int(node.start + node.count)])
                        case .br:
                            lineBreak()
                        case .td, .th:
                            pendingSpace = !current.isEmpty
                            descend = node.firstChild >= 0
                        default:
                            if node.tag.isBlock || node.tag.isHeading { endParagraph() }
                            descend = node.firstChild >= 0
                        }
                    }
                    if descend {
                        cur = Int(node.firstChild)
                        continue
                    }
                    // Leave finished elements, closing blocks on the way up.
                    var m = cur
                    while true {
                        if m != cur || nodes[m].tag != .text {
                            if nodes[m].tag.isHeading { endParagraph(heading: true) }
                            else if nodes[m].tag.isBlock { endParagraph() }
                            if nodes[m].tag == .td || nodes[m].tag == .th { pendingSpace = !current.isEmpty }
                        }
                        if m == root { return }
                        let next = Int(nodes[m].nextSibling)
                        if next >= 0 { cur = next; break }
                        m = Int(nodes[m].parent)
                    }
                }
            }
        }
    }

    private mutating func appendText(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        var k = bytes.startIndex
        let end = bytes.endIndex
        while k < end {
            let b = bytes[k]
            k += 1
            if b == 32 || b == 9 || b == 10 || b == 13 || b == 12 || b == 0 {
                pendingSpace = !current.isEmpty && current.last != 10
            } else if b == 0xC2 && k < end && bytes[k] == 0xA0 {
                // U+00A0 no-break space counts as whitespace.
                k += 1
                pendingSpace = !current.isEmpty && current.last != 10
            } else {
                if pendingSpace { current.append(32); pendingSpace = false }
                current.append(b)
            }
        }
    }

    private mutating func lineBreak() {
        guard !current.isEmpty else { return }
        if current.last != 10 { current.append(10) }
        pendingSpace = false
    }

    mutating func endParagraph(heading: Bool = false) {
        while let last = current.last, last == 10 || last == 32 { current.removeLast() }
        if !current.isEmpty {
            paragraphs.append(current)
            isHeading.append(heading)
        }
        current.removeAll(keepingCapacity: true)
        pendingSpace = false
    }
}
