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
        let feedLink = document.feed?.links.first(where: { $0.rel == "self" })?.href ?? document.feed?.link ?? document.source
        return document.entries.map { entry in
            let id = entry.id ?? entry.link ?? document.source
            return Article(
                id: id, url: entry.link ?? id, title: entry.title?.plainText ?? "",
                published: entry.published?.iso8601 ?? entry.updated?.iso8601, author: entry.author,
                feed: document.kind == .html ? nil : feedLink, text: entry.text)
        }
    }
}
