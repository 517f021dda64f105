/// Builds a `ParsedDocument` from the SAX events of an RSS, RDF or Atom document.
///
/// Elements are tracked on a stack of frames; `xml:base` and `xml:lang` on a stack of scopes, one per
/// element that sets either (most set neither: their frames share the enclosing scope, no strings copied).
/// Containers (channel, item, entry, author, image ...) route the values of their children; any other
/// element collects its text, and markup nested inside it (inline XHTML, naked HTML in a description)
/// is serialised back into that text.
final class FeedBuilder: XMLEventHandler {
    /// What an open element means to the builder.
    enum Role: Equatable {
        case root
        case feed  // rss/channel, rdf:RDF/channel, atom:feed
        case entry  // item, atom:entry
        case source  // atom:source inside an entry
        case person(PersonRole)
        case image
        case textInput
        case itunesCategory
        case mediaGroup
        case geoContainer  // georss:where, gml:Point/LineString/Polygon/Envelope
        case leaf
    }

    enum PersonRole: Equatable { case author, contributor, owner }

    struct Frame {
        /// The parser's interned name: one reference instead of copies of its strings.
        let element: SAXElementName
        var attributes: [SAXAttribute]
        var role: Role
        /// A leaf's text while its value is routed (a view of the builder's `leafText`); empty otherwise.
        var text = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        /// The index of the element's `xml:base` and `xml:lang` in `scopes`.
        var scope: Int
        /// True when the element set `xml:base` or `xml:lang` and so pushed `scopes[scope]`.
        var opensScope: Bool
        /// True once child markup was serialised into `text` (text is then escaped markup).
        var holdsMarkup = false

        var namespace: XMLNamespace { element.namespace }
        /// The name vocabularies match (see `SAXElementName.feedName`).
        var name: String { element.feedName }
        /// `name` as a routing term.
        var term: FeedTerm { element.feedTerm }
    }

    var kind: DocumentKind?
    var rootName: String?
    var feed = FeedMetadata()
    var entries: [Entry] = []
    /// When set, a feed's finished entries go here (with their ids filled in, and the document's kind)
    /// instead of into `entries`.
    var entryReceiver: ((inout Entry, DocumentKind) -> Void)?
    /// Whether the first channel or entry has settled the kind (see `refineKind(namespace:)`).
    var kindRefined = false
    /// The entry being built while `inEntry`, boxed so that it is mutated in place rather than copied per
    /// element; one box for the document, emptied as each entry closes.
    let openEntry = EntryBox()
    var inEntry = false
    var source: FeedMetadata?
    var person: Person?
    var image: FeedImage?
    var textInput: [(String, String)] = []
    var geometryType: String?
    var geometrySwapsAxes = true
    var frames: [Frame] = []
    /// The `xml:base` and `xml:lang` in force, the document's own first (its URL and the caller's language).
    var scopes: [Scope]
    /// Whether the innermost open frame is a leaf, which collects text (only the innermost can be).
    var topIsLeaf = false
    /// The open leaf's text (raw, or escaped markup once `leafHoldsMarkup`); its storage is reused for
    /// every leaf of the document and lent to the frame when the leaf closes.
    var leafText = ByteBuffer()
    /// True once child markup was serialised into `leafText`.
    var leafHoldsMarkup = false
    /// Depth of serialised markup inside the innermost leaf frame (0: not serialising).
    var markupDepth = 0
    /// Serialised elements still waiting for their `>` (to write `<br />` for empty void elements).
    var markupOpenTag = false
    var markupNames: [String] = []
    var markupNamespaces: [String] = []
    /// `xml:lang` in force where the channel or feed element opened.
    var feedLanguage: String?

    init(documentURL: String?, language: String?) {
        scopes = [Scope(base: documentURL, language: language)]
        super.init()
    }

    /// An effective `xml:base` and `xml:lang`.
    struct Scope {
        var base: String?
        var language: String?
    }

    /// The effective `xml:base` of an open or just-closed element.
    func base(of frame: Frame) -> String? { scopes[frame.scope].base }

    /// The effective `xml:lang` of an open or just-closed element.
    func language(of frame: Frame) -> String? { scopes[frame.scope].language }

    /// The `xml:base` in force inside the innermost open element.
    var currentBase: String? { scopes[scopes.count - 1].base }

    /// The `xml:lang` in force inside the innermost open element.
    var currentLanguage: String? { scopes[scopes.count - 1].language }

    final class EntryBox {
        var value = Entry()
    }

    // MARK: - Events

    override func startElement(_ element: SAXElementName, attributes: [SAXAttribute]) {
        let namespace = element.namespace
        if markupDepth > 0 || topIsLeaf {
            serializeStart(localName: element.localName, namespace: namespace, namespaceURI: element.namespaceURI,
                           attributes: attributes)
            return
        }
        let name = element.feedName
        let role = self.role(of: name, namespace: namespace, attributes: attributes)
        let opensScope = !attributes.isEmpty && openScope(attributes)
        frames.append(Frame(element: element, attributes: attributes, role: role, scope: scopes.count - 1, opensScope: opensScope))
        topIsLeaf = role == .leaf
        if topIsLeaf {
            // The previous leaf emptied the buffer when it closed.
            assert(leafText.isEmpty, "leaf text left over from an earlier element")
            leafHoldsMarkup = false
        } else {
            opened(role: role, name: name, namespace: namespace, attributes: attributes)
        }
    }

    override func endElement() {
        if markupDepth > 0 {
            serializeEnd()
            return
        }
        guard !frames.isEmpty else { return }
        var frame = frames.removeLast()
        topIsLeaf = false
        if frame.role == .leaf {
            // The frame reads the shared text while its value is routed (nothing appends meanwhile).
            frame.text = leafText.bytes
            frame.holdsMarkup = leafHoldsMarkup
            closed(frame)
            leafText.removeAll()
        } else {
            closed(frame)
        }
        if frame.opensScope { scopes.removeLast() }
    }

    override func endDocument() {
        // Elements a truncated document left open are not closed.
        frames.removeAll()
        scopes.removeSubrange(1...)
        topIsLeaf = false
    }

    /// Pushes a scope when `attributes` set `xml:base` or `xml:lang` (or a CDF `base`); true if one was pushed.
    private func openScope(_ attributes: [SAXAttribute]) -> Bool {
        let outer = scopes[scopes.count - 1]
        var scope = outer
        for attribute in attributes where attribute.namespace == .xml {
            if attribute.localName == "base" {
                let resolved = URIResolver.resolve(attribute.value, against: scope.base)
                if URIResolver.isSafe(resolved) { scope.base = resolved }
            } else if attribute.localName == "lang" {
                scope.language = attribute.value.isEmpty ? nil : attribute.value
            }
        }
        if kind == .cdf, let cdfBase = attributes.first(where: { $0.localName.lowercased() == "base" })?.value {
            scope.base = URIResolver.resolve(cdfBase, against: scope.base)
        }
        guard scope.base != outer.base || scope.language != outer.language else { return false }
        scopes.append(scope)
        return true
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard topIsLeaf else { return }
        if markupDepth > 0 || leafHoldsMarkup {
            closePendingTag()
            MarkupEscaping.appendEscapedText(bytes, to: &leafText)
        } else if bytes.count == 1 {
            // A predefined entity (`&lt;` in escaped HTML) arrives as its own one-byte event.
            leafText.append(bytes[0])
        } else {
            leafText.append(bytes)
        }
    }

    // MARK: - Roles

    private func role(of name: String, namespace: XMLNamespace, attributes: [SAXAttribute]) -> Role {
        guard let parent = frames.last?.role else {
            rootName = name
            detectKind(root: name, namespace: namespace, attributes: attributes)
            return namespace.isAtom || kind == .cdf ? .feed : .root
        }
        switch parent {
        case .root:
            if name == "channel" && (namespace.isRSSCore) { return .feed }
            if name == "item" && namespace.isRSSCore { return .entry }
            if name == "image" && namespace.isRSSCore { return .image }
            if name == "textinput" && namespace.isRSSCore { return .textInput }
            return .leaf
        case .feed:
            if namespace.isRSSCore {
                switch name {
                case "item": return .entry
                case "image": return .image
                case "textinput": return .textInput
                default: break
                }
            }
            if namespace.isAtom {
                switch name {
                case "entry", "item": return .entry
                case "author": return .person(.author)
                case "contributor": return .person(.contributor)
                default: break
                }
            }
            return commonRole(name, namespace)
        case .entry:
            if namespace.isAtom {
                switch name {
                case "author": return .person(.author)
                case "contributor": return .person(.contributor)
                case "source": return .source
                default: break
                }
            }
            return commonRole(name, namespace)
        case .source:
            if namespace.isAtom && name == "author" { return .person(.author) }
            if namespace.isAtom && name == "contributor" { return .person(.contributor) }
            return .leaf
        case .itunesCategory:
            return commonRole(name, namespace)
        case .mediaGroup:
            return commonRole(name, namespace)
        case .geoContainer:
            return namespace == .gml && ["Point", "LineString", "Polygon", "Envelope", "exterior", "LinearRing"].contains(name)
                ? .geoContainer : .leaf
        case .person, .image, .textInput, .leaf:
            return .leaf
        }
    }

    private func commonRole(_ name: String, _ namespace: XMLNamespace) -> Role {
        switch (namespace, name) {
        case (.itunes, "owner"): return .person(.owner)
        case (.itunes, "category"): return .itunesCategory
        case (.media, "group"), (.media, "content"): return .mediaGroup
        case (.georss, "where"): return .geoContainer
        case (.gml, "Point"), (.gml, "LineString"), (.gml, "Polygon"), (.gml, "Envelope"): return .geoContainer
        default: return .leaf
        }
    }

    private func detectKind(root name: String, namespace: XMLNamespace, attributes: [SAXAttribute]) {
        switch (namespace, name) {
        case (.atom10, "feed"):
            kind = .atom10
        case (.atom03, "feed"):
            kind = .atom03
        case (_, "feed") where namespace == .none || namespace == .other:
            let version = attributes.first { $0.localName == "version" }?.value
            kind = version == "0.3" ? .atom03 : .atom10
        case (.none, "channel"):
            kind = .cdf
        case (.rdf, "RDF"), (.rdf, "rdf"):
            kind = .rss10
        case (_, "rss"):
            let version = attributes.first { $0.localName == "version" }?.value ?? "2.0"
            switch version {
            case "0.90": kind = .rss090
            case "0.91": kind = .rss091
            case "0.92": kind = .rss092
            case "0.93": kind = .rss093
            case "0.94": kind = .rss094
            default: kind = .rss20
            }
        default:
            kind = nil
        }
    }

    /// RSS 0.90 and 1.0 are both `rdf:RDF`; the namespace of the first channel or item tells them apart
    /// (items may come before the channel, and entries are handed on with the kind known when they close).
    func refineKind(namespace: XMLNamespace) {
        guard !kindRefined else { return }
        kindRefined = true
        if kind == .rss10 && namespace == .rss090 { kind = .rss090 }
    }
}
