import Feeds
import Foundation
import Ingest
import TestSupport
import Testing

/// `Article.parse` turns entries into articles as they close; it must give exactly the articles of the
/// whole-document path, for feeds, pages, and documents that are read as a page after all.
@Suite struct ArticleParsingTests {
    static func bothWays(_ bytes: [UInt8], source: String, options: ParseOptions = ParseOptions()) throws -> (streamed: [Article], whole: [Article]) {
        let streamed = try Article.parse(bytes, source: source, options: options)
        let whole = Article.articles(from: try FeedParser.parse(bytes, source: source, options: options))
        #expect(streamed.document.entries.isEmpty, "entries went to the articles, not into the document")
        return (streamed.articles, whole)
    }

    @Test func corporaGiveTheSameArticles() throws {
        let corpora = SharedData.packageRoot.appendingPathComponent("corpora")
        var checked = 0
        for folder in ["feeds", "pages"] {
            let directory = corpora.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
                let bytes = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
                let (streamed, whole) = try Self.bothWays(bytes, source: name)
                #expect(!streamed.isEmpty, "\(name)")
                #expect(streamed == whole, "\(name)")
                checked += 1
            }
        }
        #expect(checked >= 3)
    }

    @Test func entriesWithoutIdsAndFeedLinksAfterTheItems() throws {
        let feed = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
            <item><title>First</title><description>Officials confirmed the agreement.</description></item>
            <item><title>Second</title><link>https://example.org/2</link><description>More.</description></item>
            <atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="self" href="https://example.org/feed.xml"/>
            </channel></rss>
            """
        let (streamed, whole) = try Self.bothWays(Array(feed.utf8), source: "desk.xml")
        #expect(streamed == whole)
        #expect(streamed.map(\.feed) == ["https://example.org/feed.xml", "https://example.org/feed.xml"])
        #expect(streamed[0].id.hasPrefix("urn:newsgraph:hash:"))
        #expect(streamed[1].id == "https://example.org/2")
    }

    /// A page fragment without `<html>` is parsed as XML first and read as a page once its root turns
    /// out to be HTML: the items inside it must not become articles of their own.
    @Test func aPageWithItemsIsOneArticle() throws {
        let page = """
            <body><h1>Harbour strike ends</h1>
            <item><title>Not an entry</title></item>
            <article><p>Dock workers returned to work on Monday after the port authority agreed to their demands.</p>
            <p>The strike had closed the harbour for nine days.</p></article></body>
            """
        let (streamed, whole) = try Self.bothWays(Array(page.utf8), source: "page.xhtml")
        #expect(streamed == whole)
        #expect(streamed.count == 1)
        #expect(streamed.first?.feed == nil)
    }

    @Test func feedsDevGivesTheSameArticles() throws {
        guard let directory = SharedData.directory("feeds-dev") else {
            print(SharedData.missing("feeds-dev"))
            return
        }
        var checked = 0
        let files = FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? []
        for file in files.sorted() where file.hasSuffix(".xml") {
            let bytes = Array((try? Data(contentsOf: directory.appendingPathComponent(file))) ?? Data())
            guard let (streamed, whole) = try? Self.bothWays(bytes, source: file) else { continue }
            #expect(streamed == whole, "\(file)")
            checked += 1
        }
        #expect(checked > 400)
    }
}
