import Testing

@testable import Feeds

/// `xml:base` and `xml:lang` hold for the element that sets them and everything inside it, and no further.
@Suite("xml:base and xml:lang scopes")
struct XMLScopeTests {
    static let feed = #"""
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/news/" xml:lang="en">
          <title>Scopes</title>
          <entry xml:base="world/" xml:lang="fr">
            <title>Premier</title><link href="one.html"/>
            <content type="html" xml:lang="de">&lt;a href="inner.html"&gt;x&lt;/a&gt;</content>
          </entry>
          <entry><title>Second</title><link href="two.html"/></entry>
          <entry xml:lang=""><title>Third</title><link href="/three.html"/></entry>
        </feed>
        """#

    @Test func nestedScopesApplyInsideAndEndWithTheirElement() throws {
        let document = try FeedParser.parse(Array(Self.feed.utf8), source: "scopes.xml")
        try #require(document.entries.count == 3)
        let (first, second, third) = (document.entries[0], document.entries[1], document.entries[2])
        #expect(first.link == "http://example.org/news/world/one.html")
        #expect(first.title?.language == "fr")
        #expect(first.title?.base == "http://example.org/news/world/")
        #expect(first.content.first?.language == "de")
        #expect(first.content.first?.value.contains(#"href="http://example.org/news/world/inner.html""#) == true)
        #expect(second.link == "http://example.org/news/two.html")
        #expect(second.title?.language == "en")
        #expect(third.link == "http://example.org/three.html")
        #expect(third.title?.language == nil)  // xml:lang="" says the language is unknown
        #expect(document.feed?.language == "en")
    }

    /// The caller's document URL and language (from HTTP) hold where the document says nothing.
    @Test func documentURLAndCallerLanguageAreTheOutermostScope() throws {
        let feed = #"<rss version="2.0"><channel><title>T</title><item><title>A</title><link>a.html</link></item></channel></rss>"#
        let options = ParseOptions(baseURL: "https://example.com/feeds/rss.xml", language: "de")
        let document = try FeedParser.parse(Array(feed.utf8), source: "rss.xml", options: options)
        #expect(document.entries.first?.link == "https://example.com/feeds/a.html")
        #expect(document.entries.first?.title?.language == "de")
        #expect(document.entries.first?.language == "de")
    }
}
