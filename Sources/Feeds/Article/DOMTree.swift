import CLibXML2

/// Attributes the extractor keeps; all others are dropped while building the tree.
enum HTMLAttribute: UInt8 {
    case id, `class`, role, itemprop, href, rel, name, property, content, lang
    case datetime, hidden, style, type, charset, httpEquiv, src

    static func lookup(_ name: UnsafePointer<xmlChar>) -> HTMLAttribute? {
        // Attribute names are short ASCII; compare lower-cased bytes without allocating.
        var buf: (UInt64, UInt64) = (0, 0)
        var length = 0
        while name[length] != 0 {
            if length >= 16 { return nil }
            var c = UInt64(name[length])
            if c >= 65 && c <= 90 { c += 32 }
            if length < 8 { buf.0 |= c << (8 * UInt64(length)) } else { buf.1 |= c << (8 * UInt64(length - 8)) }
            length += 1
        }
        return table[Key(a: buf.0, b: buf.1)]
    }

    private struct Key: Hashable { var a: UInt64; var b: UInt64 }

    private static let table: [Key: HTMLAttribute] = {
        let names: [(String, HTMLAttribute)] = [
            ("id", .id), ("class", .class), ("role", .role), ("itemprop", .itemprop), ("href", .href),
            ("rel", .rel), ("name", .name), ("property", .property), ("content", .content), ("lang", .lang),
            ("datetime", .datetime), ("hidden", .hidden), ("style", .style), ("type", .type),
            ("charset", .charset), ("http-equiv", .httpEquiv), ("src", .src),
        ]
        var t: [Key: HTMLAttribute] = [:]
        for (n, a) in names {
            var k = Key(a: 0, b: 0)
            for (i, c) in n.utf8.enumerated() {
                if i < 8 { k.a |= UInt64(c) << (8 * UInt64(i)) } else { k.b |= UInt64(c) << (8 * UInt64(i - 8)) }
            }
            t[k] = a
        }
        return t
    }()
}

/// One element or text node of the flattened document, stored in pre-order.
struct DOMNode {
    var tag: HTMLTag
    var hints: NodeHints = []
    var parent: Int32
    var firstChild: Int32 = -1
    var lastChild: Int32 = -1
    var nextSibling: Int32 = -1
    /// Text nodes: byte range in `DOMTree.text`. Elements: range in `DOMTree.attributes`.
    var start: Int32 = 0
    var count: Int32 = 0
    /// Text nodes: visible characters and commas (filled while building).
    var chars: Int32 = 0
    var commas: Int32 = 0
}

/// A flat, pointer-free copy of the parsed HTML document. Every walk over it is iterative.
struct DOMTree {
    var nodes: [DOMNode] = []
    var text: [UInt8] = []
    var attributes: [(name: HTMLAttribute, value: String)] = []
    /// Raw contents of `<script type="application/ld+json">` elements.
    var jsonLD: [String] = []

    func attribute(_ node: Int, _ name: HTMLAttribute) -> String? {
        let n = nodes[node]
        guard n.tag != .text, n.count > 0 else { return nil }
        for i in Int(n.start)..<Int(n.start + n.count) where attributes[i].name == name {
            return attributes[i].value
        }
        return nil
    }

    /// Pre-order index just past each node's subtree (filled by `computeSubtreeEnds`).
    var ends: [Int32] = []

    /// Pre-order index just past the subtree rooted at `node`.
    func subtreeEnd(_ node: Int) -> Int { Int(ends[node]) }

    /// One reverse pass: a node's subtree ends where its last descendant's subtree ends.
    mutating func computeSubtreeEnds() {
        let n = nodes.count
        ends = Array(repeating: 0, count: n)
        var i = n - 1
        while i >= 0 {
            let last = nodes[i].lastChild
            ends[i] = last >= 0 ? ends[Int(last)] : Int32(i + 1)
            i -= 1
        }
    }

    /// Text of the subtree with whitespace collapsed to single spaces.
    func collapsedText(of node: Int) -> String {
        var out: [UInt8] = []
        var pendingSpace = false
        let end = subtreeEnd(node)
        var i = node
        while i < end {
            let n = nodes[i]
            if n.tag == .text {
                for b in text[Int(n.start)..<Int(n.start + n.count)] {
                    if b == 32 || b == 9 || b == 10 || b == 13 || b == 12 {
                        pendingSpace = !out.isEmpty
                    } else {
                        if pendingSpace { out.append(32); pendingSpace = false }
                        out.append(b)
                    }
                }
            } else if n.tag == .br || n.tag.isBlock {
                pendingSpace = !out.isEmpty
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
