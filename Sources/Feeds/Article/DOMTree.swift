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

/// Builds a `DOMTree` from a libxml2 document without recursion.
enum DOMBuilder {
    static func build(_ doc: htmlDocPtr) -> DOMTree {
        var tree = DOMTree()
        tree.nodes.reserveCapacity(4096)
        var tagCache: [UnsafeRawPointer: HTMLTag] = [:]
        var cursor: xmlNodePtr? = doc.pointee.children
        var depth = 0
        var parentIndex: Int32 = -1

        while let node = cursor {
            var descend = false
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let tag = tagFor(node, cache: &tagCache)
                let index = Int32(tree.nodes.count)
                var entry = DOMNode(tag: tag, parent: parentIndex)
                entry.start = Int32(tree.attributes.count)
                var attr = node.pointee.properties
                while let a = attr {
                    if let nm = a.pointee.name, let which = HTMLAttribute.lookup(nm) {
                        tree.attributes.append((which, attributeValue(a)))
                    }
                    attr = a.pointee.next
                }
                entry.count = Int32(tree.attributes.count) - entry.start
                link(&tree, index: index, parent: parentIndex)
                tree.nodes.append(entry)
                if tag == .script {
                    captureJSONLD(node, index: Int(index), tree: &tree)
                } else if !tag.isSkippedSubtree && node.pointee.children != nil {
                    descend = true
                    parentIndex = index
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if parentIndex >= 0, let content = node.pointee.content {
                    appendText(content, parent: parentIndex, tree: &tree)
                }
            default:
                break
            }
            if descend {
                depth += 1
                cursor = node.pointee.children
                continue
            }
            var m = node
            cursor = nil
            while true {
                if let next = m.pointee.next { cursor = next; break }
                if depth == 0 { break }
                guard let up = m.pointee.parent else { break }
                m = up
                depth -= 1
                parentIndex = tree.nodes[Int(parentIndex)].parent
            }
        }
        HintClassifier.annotate(&tree)
        tree.computeSubtreeEnds()
        return tree
    }

    private static func link(_ tree: inout DOMTree, index: Int32, parent: Int32) {
        guard parent >= 0 else { return }
        let p = Int(parent)
        let last = tree.nodes[p].lastChild
        if last >= 0 { tree.nodes[Int(last)].nextSibling = index } else { tree.nodes[p].firstChild = index }
        tree.nodes[p].lastChild = index
    }

    private static func appendText(_ content: UnsafePointer<xmlChar>, parent: Int32, tree: inout DOMTree) {
        let start = tree.text.count
        var chars: Int32 = 0
        var commas: Int32 = 0
        var p = content
        while p.pointee != 0 {
            let b = p.pointee
            tree.text.append(b)
            if b > 32 && (b & 0xC0) != 0x80 { chars += 1 }
            if b == 44 { commas += 1 }
            p += 1
        }
        let length = tree.text.count - start
        if length == 0 { return }
        // Merge with a directly preceding text sibling to keep the tree small.
        let index = Int32(tree.nodes.count)
        let last = tree.nodes[Int(parent)].lastChild
        if last >= 0 && Int(last) == tree.nodes.count - 1 && tree.nodes[Int(last)].tag == .text {
            tree.nodes[Int(last)].count += Int32(length)
            tree.nodes[Int(last)].chars += chars
            tree.nodes[Int(last)].commas += commas
            return
        }
        var entry = DOMNode(tag: .text, parent: parent)
        entry.start = Int32(start)
        entry.count = Int32(length)
        entry.chars = chars
        entry.commas = commas
        link(&tree, index: index, parent: parent)
        tree.nodes.append(entry)
    }

    private static func tagFor(_ node: xmlNodePtr, cache: inout [UnsafeRawPointer: HTMLTag]) -> HTMLTag {
        guard let name = node.pointee.name else { return .other }
        let key = UnsafeRawPointer(name)
        if let hit = cache[key] { return hit }
        let tag = HTMLTag.byName[String(cString: name).lowercased()] ?? .other
        cache[key] = tag
        return tag
    }

    private static func attributeValue(_ attr: xmlAttrPtr) -> String {
        guard let child = attr.pointee.children else { return "" }
        if child.pointee.next == nil, let content = child.pointee.content {
            return String(cString: content)
        }
        guard let joined = xmlNodeListGetString(attr.pointee.doc, child, 1) else { return "" }
        defer { clibxml2_free(joined) }
        return String(cString: joined)
    }

    private static func captureJSONLD(_ node: xmlNodePtr, index: Int, tree: inout DOMTree) {
        guard let type = tree.attribute(index, .type), type.lowercased().contains("ld+json") else { return }
        var out = ""
        var child = node.pointee.children
        while let c = child {
            if let content = c.pointee.content { out += String(cString: content) }
            child = c.pointee.next
        }
        tree.jsonLD.append(out)
    }
}
