/// The format of a parsed document, sniffed from its content.
public enum DocumentKind: String, Sendable, CaseIterable {
    case rss090, rss091, rss092, rss093, rss094, rss20, rss10, atom03, atom10, html
    /// Microsoft's Channel Definition Format, an early syndication format some sites still serve.
    case cdf
}

/// One parsed source: a feed with its entries, or an HTML page with one entry for its article.
///
/// Field names follow the conventions of feed readers (Python's feedparser), see ARCHITECTURE.md "Parse output".
public struct ParsedDocument: Sendable {
    /// Where the document came from: a path, a URL or `-` for stdin.
    public var source: String
    public var kind: DocumentKind
    /// True when the document was not well-formed or declared a wrong encoding and was read by recovery.
    public var bozo: Bool = false
    /// Why `bozo` is set, with line and column where known.
    public var bozoReason: String?
    /// The character encoding the document was read with (lower-case IANA name).
    public var encoding: String
    /// Channel-level metadata; nil for HTML pages.
    public var feed: FeedMetadata?
    public var entries: [Entry] = []

    public init(source: String, kind: DocumentKind, encoding: String) {
        self.source = source
        self.kind = kind
        self.encoding = encoding
    }

    /// Marks the document as recovered, keeping the first reason given.
    mutating func flagBozo(_ reason: String) {
        if !bozo {
            bozo = true
            bozoReason = reason
        }
    }
}

/// A text construct (Atom's title, summary, content, rights ...) with its media type, language and base URL.
public struct TextValue: Sendable, Equatable {
    /// The value: plain text for `text/plain`, markup for HTML and XHTML.
    public var value: String
    /// `text/plain`, `text/html`, `application/xhtml+xml` or another media type.
    public var type: String
    public var language: String?
    public var base: String?
    /// Out-of-line content (`<content src="...">`).
    public var src: String?

    public init(value: String, type: String = "text/plain", language: String? = nil, base: String? = nil) {
        self.value = value
        self.type = type
        self.language = language
        self.base = base
    }

    /// True for HTML and XHTML values, whose markup is removed for plain text.
    public var isMarkup: Bool { type == "text/html" || type == "application/xhtml+xml" || type.hasSuffix("+xml") && type.contains("html") }

    /// The value as plain text: markup removed and character references decoded.
    public var plainText: String { isMarkup ? HTMLText.plainText(fromFragment: value) : value }
}

/// An author, contributor or publisher.
public struct Person: Sendable, Equatable {
    public var name: String?
    public var email: String?
    public var href: String?

    public init(name: String? = nil, email: String? = nil, href: String? = nil) {
        self.name = name
        self.email = email
        self.href = href
    }

    /// "Name (email)", the display form feed readers use.
    public var display: String? {
        switch (name, email) {
        case let (name?, email?): return "\(name) (\(email))"
        case let (name?, nil): return name
        case let (nil, email?): return email
        case (nil, nil): return nil
        }
    }

    var isEmpty: Bool { name == nil && email == nil && href == nil }
}

/// A link with its relation.
public struct Link: Sendable, Equatable {
    public var rel: String
    public var href: String
    public var type: String?
    public var title: String?
    public var hreflang: String?
    public var length: String?

    public init(rel: String, href: String, type: String? = nil, title: String? = nil, hreflang: String? = nil, length: String? = nil) {
        self.rel = rel
        self.href = href
        self.type = type
        self.title = title
        self.hreflang = hreflang
        self.length = length
    }
}

/// A category or keyword.
public struct Tag: Sendable, Equatable {
    public var term: String
    public var scheme: String?
    public var label: String?

    public init(term: String, scheme: String? = nil, label: String? = nil) {
        self.term = term
        self.scheme = scheme
        self.label = label
    }
}

/// A media file attached to an entry.
public struct Enclosure: Sendable, Equatable {
    public var href: String
    public var type: String?
    public var length: String?
}

/// A GeoRSS or GML location.
public struct Geometry: Sendable, Equatable {
    /// `Point`, `LineString`, `Polygon` or `Box`.
    public var type: String
    /// One position for a point, a list of positions otherwise (latitude first as written).
    public var coordinates: [[Double]]
}

/// Metadata shared by a feed and an entry's `source` (the feed an entry was copied from).
public struct FeedMetadata: Sendable {
    public var id: String?
    public var title: TextValue?
    public var subtitle: TextValue?
    public var rights: TextValue?
    /// Atom 0.3 `info`.
    public var info: TextValue?
    public var link: String?
    public var links: [Link] = []
    public var language: String?
    public var updated: FeedTimestamp?
    public var published: FeedTimestamp?
    public var authors: [Person] = []
    public var contributors: [Person] = []
    public var publisher: Person?
    public var generator: Person?
    public var generatorVersion: String?
    public var image: FeedImage?
    public var icon: String?
    public var logo: String?
    public var tags: [Tag] = []
    public var docs: String?
    public var ttl: String?
    public var cloud: [(String, String)] = []
    public var textInput: [(String, String)] = []
    /// Other namespaced values, keyed the feedparser way (`itunes_block`, `itunes_explicit`, ...).
    public var extensions: [(String, ExtensionValue)] = []

    public init() {}
}

/// A feed's logo image.
public struct FeedImage: Sendable {
    public var href: String?
    public var title: String?
    public var link: String?
    public var width: Int?
    public var height: Int?
    public var description: String?
}

/// A date as written in the document and, when it could be read, normalised to UTC.
public struct FeedTimestamp: Sendable, Equatable {
    public var raw: String
    public var date: FeedDate?

    public init(raw: String) {
        self.raw = raw
        self.date = FeedDate(parsing: raw)
    }

    /// ISO 8601 UTC, or nil when the raw string is not a date.
    public var iso8601: String? { date?.iso8601 }
}

/// A value of a namespaced extension element.
public enum ExtensionValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool?)
}

/// One feed item or the article of an HTML page.
public struct Entry: Sendable {
    public var id: String?
    public var title: TextValue?
    public var link: String?
    public var links: [Link] = []
    public var published: FeedTimestamp?
    public var updated: FeedTimestamp?
    public var created: FeedTimestamp?
    public var expired: FeedTimestamp?
    public var authors: [Person] = []
    public var contributors: [Person] = []
    public var publisher: Person?
    public var summary: TextValue?
    public var subtitle: TextValue?
    public var content: [TextValue] = []
    public var rights: TextValue?
    public var tags: [Tag] = []
    public var enclosures: [Enclosure] = []
    public var comments: String?
    public var license: String?
    public var language: String?
    public var guidIsLink: Bool?
    public var location: Geometry?
    /// The feed an entry was copied from (Atom `source`, RSS `source`).
    public var source: FeedMetadata? {
        get { sourceStorage.first }
        set { sourceStorage = newValue.map { [$0] } ?? [] }
    }
    /// Kept out of line: feed metadata is large and most entries have none.
    private var sourceStorage: [FeedMetadata] = []
    public var extensions: [(String, ExtensionValue)] = []
    /// Plain article text for extraction: the longest of content and summary, markup removed.
    public var text: String = ""

    public init() {}

    /// The display form of the first author.
    public var author: String? { authors.first?.display }
}
