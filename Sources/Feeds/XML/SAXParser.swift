import CLibXML2

/// One attribute of an element as libxml2's SAX2 interface reports it.
struct SAXAttribute {
    var localName: String
    var namespace: XMLNamespace
    var namespaceURI: String?
    var prefix: String?
    var value: String
}

/// An element's name as handlers see it, made once per distinct (local name, namespace) of a document
/// (a class, so handing it to the handler costs one reference count, not one per string). The parser
/// keeps every name alive until the parse ends.
final class SAXElementName {
    let localName: String
    /// `localName` lower-cased: feed vocabularies are matched case-insensitively.
    let lowercased: String
    let namespace: XMLNamespace
    let namespaceURI: String?
    /// The name feed vocabularies match: lower-cased, except in namespaces whose names are case-sensitive
    /// (GeoRSS, GML and unknown ones).
    let feedName: String
    /// `feedName` as a routing term (`.other` for names feeds do not route on).
    let feedTerm: FeedTerm

    init(localName: String, lowercased: String, namespace: XMLNamespace, namespaceURI: String?) {
        self.localName = localName
        self.lowercased = lowercased
        self.namespace = namespace
        self.namespaceURI = namespaceURI
        feedName = namespace == .other || namespace == .georss || namespace == .gml ? localName : lowercased
        feedTerm = FeedTerm(feedName: feedName)
    }
}

/// Receives the events of a streaming XML parse; handlers subclass it and override the events they need.
///
/// A class rather than a protocol: the parser holds its handler unmanaged and calls it through a
/// guaranteed reference, so the hundreds of thousands of events per megabyte retain and release nothing
/// (an existential loaded from an `unowned(unsafe)` property is retained for every call).
class XMLEventHandler {
    func startElement(_ name: SAXElementName, attributes: [SAXAttribute]) {}
    func endElement() {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
    /// The parse is over (elements a truncated document left open get no `endElement`); the element
    /// names handed out during the parse are released after this call.
    func endDocument() {}
}

/// A well-formedness problem libxml2 reported (and recovered from).
struct XMLParseProblem: Sendable {
    var line: Int
    var column: Int
    var message: String
}

/// Streams an XML document through libxml2's SAX2 parser with safe options: no network, no DTD
/// loading, no entity substitution, no XInclude, no size lifting; recovery on errors.
enum SAXParser {
    /// The options every XML parse uses.
    static let options = Int32(
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_IGNORE_ENC.rawValue)

    private final class Context {
        /// Unmanaged: `parse` keeps the handler alive for the whole parse, and every SAX event would
        /// otherwise retain and release it.
        let handler: Unmanaged<XMLEventHandler>
        var problems: [XMLParseProblem] = []
        /// libxml2 interns names in its dictionary, so a name's pointer identifies it for the whole parse:
        /// each distinct name becomes a Swift string once.
        var names: [UnsafePointer<xmlChar>: String] = [:]
        var namespaces: [UnsafePointer<xmlChar>: XMLNamespace] = [:]
        /// Element names by the addresses of their interned local name and namespace URI.
        var elementNames: [ElementKey: SAXElementName] = [:]
        init(handler: XMLEventHandler) { self.handler = Unmanaged.passUnretained(handler) }

        struct ElementKey: Hashable {
            var localName: UnsafePointer<xmlChar>
            var uri: UnsafePointer<xmlChar>?
        }

        /// A direct-mapped cache in front of `elementNames`: two pointer compares instead of hashing for
        /// the few names a feed repeats thousands of times. Two arrays rather than one of optional pairs:
        /// reading a pair retains its name on every probe (0.7 % more instructions for a whole feed parse).
        var recentKeys = [ElementKey?](repeating: nil, count: 128)
        var recentNames = [SAXElementName?](repeating: nil, count: 128)

        func elementName(_ localName: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?) -> SAXElementName {
            let key = ElementKey(localName: localName, uri: uri)
            // libxml2's dictionary packs names a few bytes apart: mix all address bits into the slot.
            let mixed = (UInt(bitPattern: localName) ^ (UInt(bitPattern: uri) &* 31)) &* 0x9E37_79B9_7F4A_7C15
            var slot = Int(truncatingIfNeeded: mixed >> 57)
            if recentKeys[slot] == key, let cached = recentNames[slot] { return cached }
            slot ^= 1  // two ways per set: names that collide do not evict each other every entry
            if recentKeys[slot] == key, let cached = recentNames[slot] { return cached }
            let value: SAXElementName
            if let cached = elementNames[key] {
                value = cached
            } else {
                let local = name(localName) ?? ""
                value = SAXElementName(localName: local, lowercased: local.lowercased(), namespace: namespace(uri),
                                       namespaceURI: name(uri))
                elementNames[key] = value
            }
            recentKeys[slot] = key
            recentNames[slot] = value
            return value
        }

        func name(_ pointer: UnsafePointer<xmlChar>?) -> String? {
            guard let pointer else { return nil }
            if let cached = names[pointer] { return cached }
            let value = String(cString: pointer)
            names[pointer] = value
            return value
        }

        func namespace(_ pointer: UnsafePointer<xmlChar>?) -> XMLNamespace {
            guard let pointer else { return .none }
            if let cached = namespaces[pointer] { return cached }
            let value = XMLNamespace(uri: name(pointer))
            namespaces[pointer] = value
            return value
        }
    }

    /// Parses UTF-8 `bytes`, sending events to `handler`; returns the problems found, first first.
    /// `predefinedReferences`: where `bytes` has `&lt;`, `&gt;`, `&amp;`, `&quot;` or `&apos;` as references (see
    /// `DocumentInput`), ascending.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, url: String?, handler: XMLEventHandler,
                      predefinedReferences: [UInt32] = []) -> [XMLParseProblem] {
        LibXML2.initialize()
        let context = Context(handler: handler)
        guard let parser = xmlNewParserCtxt() else {
            return [XMLParseProblem(line: 0, column: 0, message: "out of memory")]
        }
        defer { xmlFreeParserCtxt(parser) }
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = startElement
        sax.endElementNs = endElement
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.cdataBlock = characters
        sax.serror = structuredError
        parser.pointee.sax.pointee = sax
        parser.pointee._private = Unmanaged.passUnretained(context).toOpaque()
        withExtendedLifetime((context, handler)) {
            // libxml2 reads the bytes through a callback, a few kilobytes at a time, and drops what it
            // has parsed: `xmlCtxtReadMemory` first copies the whole document into a buffer of its own (a
            // 50 MB feed: 50 MB more memory, a page fault per 4 KiB, a fifth slower). No encoding is
            // named: the bytes are UTF-8 without a BOM, which libxml2 reads natively (its sniff of the
            // first four bytes can only find UTF-8, and `XML_PARSE_IGNORE_ENC` ignores the declaration);
            // naming "UTF-8" installs a converter that copies every byte once more.
            if bytes.baseAddress != nil {
                predefinedReferences.withUnsafeBufferPointer { references in
                    var input = DocumentInput(bytes, references: references)
                    withUnsafeMutablePointer(to: &input) { cursor in
                        _ = xmlCtxtReadIO(parser, readInput, nil, cursor, url, nil, options)
                    }
                }
            }
            handler.endDocument()
        }
        if let document = parser.pointee.myDoc {
            xmlFreeDoc(document)
            parser.pointee.myDoc = nil
        }
        guard !context.problems.isEmpty, !predefinedReferences.isEmpty else { return context.problems }
        return predefinedReferences.withUnsafeBufferPointer {
            DocumentInput.mapColumns(of: context.problems, in: bytes, references: $0)
        }
    }

    private static func context(_ ctx: UnsafeMutableRawPointer?) -> Context? {
        guard let ctx else { return nil }
        let parser = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let box = parser.pointee._private else { return nil }
        return Unmanaged<Context>.fromOpaque(box).takeUnretainedValue()
    }

    /// Calls `body` with the parse's context without retaining it (`parse` keeps it alive): the
    /// character and end-element events come hundreds of thousands of times per megabyte.
    @inline(__always)
    private static func withContext(_ ctx: UnsafeMutableRawPointer?, _ body: (Context) -> Void) {
        LibXML2.withParseObject(ctx, as: Context.self, body)
    }

    /// Attribute values keep `&` as `&#38;` when entities are not substituted; undo that.
    private static func attributeValue(_ start: UnsafePointer<xmlChar>, _ end: UnsafePointer<xmlChar>) -> String {
        let buffer = UnsafeBufferPointer(start: start, count: max(0, end - start))
        guard buffer.contains(0x26) else { return String(decoding: buffer, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(buffer.count)
        var i = 0
        while i < buffer.count {
            if buffer[i] == 0x26, i + 4 < buffer.count, buffer[i + 1] == 0x23, buffer[i + 2] == 0x33,
                buffer[i + 3] == 0x38, buffer[i + 4] == 0x3B
            {
                out.append(0x26)
                i += 5
            } else {
                out.append(buffer[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// libxml2's read callback: copies up to `length` bytes of the document and moves the cursor on.
    private static let readInput: xmlInputReadCallback = { context, buffer, length in
        guard let cursor = context?.assumingMemoryBound(to: DocumentInput.self), let buffer, length > 0 else { return 0 }
        let out = UnsafeMutableRawPointer(buffer).assumingMemoryBound(to: UInt8.self)
        return Int32(cursor.pointee.read(into: out, capacity: Int(length)))
    }

    private static let startElement: startElementNsSAX2Func = {
        ctx, localName, _, uri, _, _, attributeCount, _, attributes in
        guard let localName else { return }
        withContext(ctx) { context in
            var list: [SAXAttribute] = []
            if let attributes, attributeCount > 0 {
                list.reserveCapacity(Int(attributeCount))
                for k in 0..<Int(attributeCount) {
                    let base = 5 * k
                    guard let name = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else {
                        continue
                    }
                    list.append(
                        SAXAttribute(
                            localName: context.name(name) ?? "", namespace: context.namespace(attributes[base + 2]),
                            namespaceURI: context.name(attributes[base + 2]), prefix: context.name(attributes[base + 1]),
                            value: attributeValue(start, end)))
                }
            }
            let name = context.elementName(localName, uri: uri)
            context.handler._withUnsafeGuaranteedRef { $0.startElement(name, attributes: list) }
        }
    }

    private static let endElement: endElementNsSAX2Func = { ctx, _, _, _ in
        withContext(ctx) { $0.handler._withUnsafeGuaranteedRef { $0.endElement() } }
    }

    private static let characters: charactersSAXFunc = { ctx, bytes, length in
        guard let bytes, length > 0 else { return }
        let text = UnsafeBufferPointer(start: bytes, count: Int(length))
        withContext(ctx) { $0.handler._withUnsafeGuaranteedRef { $0.characters(text) } }
    }

    private static let structuredError: xmlStructuredErrorFunc = { ctx, error in
        guard let context = context(ctx), let error else { return }
        let level = error.pointee.level
        guard level == XML_ERR_ERROR || level == XML_ERR_FATAL, context.problems.count < 50 else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "parse error"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        context.problems.append(
            XMLParseProblem(line: Int(error.pointee.line), column: Int(error.pointee.int2), message: message))
    }
}

/// Process-wide libxml2 set-up.
enum LibXML2 {
    private static let initialized: Bool = {
        xmlInitParser()
        clibxml2_silence_generic_errors()
        return true
    }()

    static func initialize() { _ = initialized }

    /// Calls `body` with the object a parse keeps in its parser context's `_private`, without retaining
    /// it (the parse keeps it alive); `ctx` is the user data libxml2 hands to SAX callbacks, the context.
    @inline(__always)
    static func withParseObject<Object: AnyObject>(_ ctx: UnsafeMutableRawPointer?, as type: Object.Type,
                                                   _ body: (Object) -> Void) {
        guard let ctx else { return }
        let parser = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let box = parser.pointee._private else { return }
        Unmanaged<Object>.fromOpaque(box)._withUnsafeGuaranteedRef(body)
    }
}
