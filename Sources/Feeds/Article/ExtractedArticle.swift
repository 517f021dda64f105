/// What the main-text extractor found in one HTML page.
public struct ExtractedArticle: Sendable, Equatable {
    /// Headline, with a trailing " | Site" style suffix removed.
    public var title: String?
    /// Byline (person or organisation name), never a URL.
    public var author: String?
    /// Publication date exactly as the page states it.
    public var publishedRaw: String?
    /// Canonical URL, resolved against the base URL when relative.
    public var canonicalURL: String?
    /// Language from `<html lang>`.
    public var language: String?
    /// Site name from `og:site_name`.
    public var siteName: String?
    /// Meta or Open Graph description.
    public var description: String?
    /// Main text: paragraphs separated by a blank line, whitespace collapsed inside each paragraph.
    public var text: String

    /// Creates an article; every field but `text` defaults to nil.
    public init(title: String? = nil, author: String? = nil, publishedRaw: String? = nil,
                canonicalURL: String? = nil, language: String? = nil, siteName: String? = nil,
                description: String? = nil, text: String = "") {
        self.title = title
        self.author = author
        self.publishedRaw = publishedRaw
        self.canonicalURL = canonicalURL
        self.language = language
        self.siteName = siteName
        self.description = description
        self.text = text
    }
}
