import CLibXML2

/// Builds a `DOMTree` from the events of libxml2's HTML parser, without the parser's own tree.
///
/// libxml2 builds its document from these same SAX events (implied `<html>`, `<body>` and `<p>`, elements
/// closed by the tags that cannot nest in them), so the nesting is the one its tree would have had; building
/// the flat tree directly spares allocating, walking and freeing a libxml2 node per element, attribute and
/// text run, which was about half of the time of reading a page.
final class DOMBuilder {
    private var tree = DOMTree()
    /// The element that receives children and text; -1 before the first element.
    private var parentIndex: Int32 = -1
    /// Open elements inside a subtree that is not inspected (`isSkippedSubtree`), counting its root.
    private var skipDepth = 0
    /// The text of the `<script>` being skipped, when it may be JSON-LD.
    private var script: (index: Int, text: [UInt8])?
    /// Tags by the address of libxml2's interned element name.
    private var tags: [UnsafeRawPointer: HTMLTag] = [:]

    private init() {
        tree.nodes.reserveCapacity(4096)
    }

    /// Parses `html` (already transcoded or labelled, see `HTMLParsing`) with `ctxt`'s options.
    static func build(_ ctxt: htmlParserCtxtPtr, _ input: UnsafeBufferPointer<CChar>, encoding: String?, options: Int32) -> DOMTree {
        let builder = DOMBuilder()
        var sax = htmlSAXHandler()
        sax.initialized = 1
        sax.startElement = startElement
        sax.endElement = endElement
        sax.characters = characters
        sax.cdataBlock = characters  // script and style contents
        ctxt.pointee.sax.pointee = sax
        ctxt.pointee._private = Unmanaged.passUnretained(builder).toOpaque()
        withExtendedLifetime(builder) {
            guard let base = input.baseAddress else { return }
            let doc = htmlCtxtReadMemory(ctxt, base, Int32(input.count), nil, encoding, options)
            // No start-of-document handler: libxml2 makes no document. Free one should a version make it.
            if let doc { xmlFreeDoc(doc) }
        }
        ctxt.pointee._private = nil
        HintClassifier.annotate(&builder.tree)
        builder.tree.computeSubtreeEnds()
        return builder.tree
    }

    // MARK: - Events

    private func open(_ name: UnsafePointer<xmlChar>, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        if skipDepth > 0 {
            skipDepth += 1
            return
        }
        let tag = self.tag(name)
        let index = Int32(tree.nodes.count)
        var entry = DOMNode(tag: tag, parent: parentIndex)
        entry.start = Int32(tree.attributes.count)
        if let attributes {
            var k = 0
            while let attributeName = attributes[k] {
                if let which = HTMLAttribute.lookup(attributeName) {
                    let value = attributes[k + 1].map { String(cString: $0) } ?? ""
                    tree.attributes.append((which, value))
                }
                k += 2
            }
        }
        entry.count = Int32(tree.attributes.count) - entry.start
        link(index, to: parentIndex)
        tree.nodes.append(entry)
        if tag.isSkippedSubtree {
            skipDepth = 1
            if tag == .script, let type = tree.attribute(Int(index), .type), type.lowercased().contains("ld+json") {
                script = (Int(index), [])
            }
        } else {
            parentIndex = index
        }
    }

    private func close() {
        if skipDepth > 0 {
            skipDepth -= 1
            if skipDepth == 0, let (_, text) = script {
                tree.jsonLD.append(String(decoding: text, as: UTF8.self))
                script = nil
            }
            return
        }
        // libxml2 closes what it opened; an end event with nothing open is ignored.
        guard parentIndex >= 0 else { return }
        parentIndex = tree.nodes[Int(parentIndex)].parent
    }

    private func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if skipDepth > 0 {
            if skipDepth == 1, script != nil { script?.text.append(contentsOf: bytes) }
            return
        }
        guard parentIndex >= 0, !bytes.isEmpty else { return }
        let start = tree.text.count
        var chars: Int32 = 0
        var commas: Int32 = 0
        for b in bytes {
            if b > 32 && (b & 0xC0) != 0x80 { chars += 1 }
            if b == 44 { commas += 1 }
        }
        tree.text.append(contentsOf: bytes)
        // Merge with a directly preceding text sibling: one text node per run, as libxml2's tree has.
        let last = tree.nodes[Int(parentIndex)].lastChild
        if last >= 0 && Int(last) == tree.nodes.count - 1 && tree.nodes[Int(last)].tag == .text {
            tree.nodes[Int(last)].count += Int32(bytes.count)
            tree.nodes[Int(last)].chars += chars
            tree.nodes[Int(last)].commas += commas
            return
        }
        var entry = DOMNode(tag: .text, parent: parentIndex)
        entry.start = Int32(start)
        entry.count = Int32(bytes.count)
        entry.chars = chars
        entry.commas = commas
        link(Int32(tree.nodes.count), to: parentIndex)
        tree.nodes.append(entry)
    }

    private func link(_ index: Int32, to parent: Int32) {
        guard parent >= 0 else { return }
        let p = Int(parent)
        let last = tree.nodes[p].lastChild
        if last >= 0 { tree.nodes[Int(last)].nextSibling = index } else { tree.nodes[p].firstChild = index }
        tree.nodes[p].lastChild = index
    }

    private func tag(_ name: UnsafePointer<xmlChar>) -> HTMLTag {
        let key = UnsafeRawPointer(name)
        if let hit = tags[key] { return hit }
        let tag = HTMLTag.byName[String(cString: name).lowercased()] ?? .other
        tags[key] = tag
        return tag
    }

    // MARK: - C callbacks

    /// The builder of a parse, without retaining it (`build` keeps it alive).
    @inline(__always)
    private static func withBuilder(_ ctx: UnsafeMutableRawPointer?, _ body: (DOMBuilder) -> Void) {
        LibXML2.withParseObject(ctx, as: DOMBuilder.self, body)
    }

    private static let startElement: startElementSAXFunc = { ctx, name, attributes in
        guard let name else { return }
        withBuilder(ctx) { $0.open(name, attributes: attributes) }
    }

    private static let endElement: endElementSAXFunc = { ctx, _ in
        withBuilder(ctx) { $0.close() }
    }

    private static let characters: charactersSAXFunc = { ctx, bytes, length in
        guard let bytes, length > 0 else { return }
        let text = UnsafeBufferPointer(start: bytes, count: Int(length))
        withBuilder(ctx) { $0.text(text) }
    }
}
