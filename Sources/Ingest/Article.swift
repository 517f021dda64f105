import Feeds

/// An article ready for extraction: one feed entry or one HTML page.
public struct Article: Sendable, Equatable {
    /// guid, id, link or content hash: what makes re-ingesting idempotent.
    public var id: String
    public var url: String
    public var title: String
    /// ISO 8601 UTC, when known.
    public var published: String?
    public var author: String?
    /// The feed's link (or the source path) the article came from.
    public var feed: String?
    /// Plain text, paragraphs separated by blank lines.
    public var text: String

    public init(id: String, url: String, title: String, published: String? = nil, author: String? = nil, feed: String? = nil, text: String) {
        self.id = id
        self.url = url
        self.title = title
        self.published = published
        self.author = author
        self.feed = feed
        self.text = text
    }

    /// The articles of a parsed document.
    public static func articles(from document: ParsedDocument) -> [Article] {
        var articles = document.entries.map { Article(entry: $0, source: document.source) }
        articles.setFeed(of: document)
        return articles
    }

    /// Parses a document straight into articles: each feed entry becomes an article as soon as it is
    /// complete, so a large feed is never held as entry values (its summaries, contents and links).
    public static func parse(_ bytes: [UInt8], source: String, options: ParseOptions = ParseOptions())
        throws(ParseError) -> (document: ParsedDocument, articles: [Article])
    {
        var articles: [Article] = []
        let document = try FeedParser.parse(bytes, source: source, options: options) { entry in
            articles.append(Article(entry: entry, source: source))
        }
        articles.setFeed(of: document)
        return (document, articles)
    }

    /// The article of one entry (its feed is set once the whole document is read).
    init(entry: Entry, source: String) {
        let id = entry.id ?? entry.link ?? source
        self.init(id: id, url: entry.link ?? id, title: entry.title?.plainText ?? "",
                  published: entry.published?.iso8601 ?? entry.updated?.iso8601, author: entry.author, text: entry.text)
    }
}

extension [Article] {
    /// Sets each article's feed: the document's self link, else its link, else its source; none for a page.
    fileprivate mutating func setFeed(of document: ParsedDocument) {
        guard document.kind != .html else { return }
        let feedLink = document.feed?.links.first(where: { $0.rel == "self" })?.href ?? document.feed?.link ?? document.source
        for index in indices { self[index].feed = feedLink }
    }
}
