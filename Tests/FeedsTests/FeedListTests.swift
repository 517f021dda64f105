import Feeds
import Testing

@Suite struct FeedListTests {
    @Test func opmlNestedOutlines() throws {
        let opml = """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <opml version="1.0"><head><title>mySubscriptions</title></head><body>
              <outline text="News">
                <outline text="World" title="World desk" type="rss" xmlUrl="https://example.org/world.xml" htmlUrl="https://example.org/"/>
                <outline text="Deeper"><outline text="Politics" xmlUrl="https://example.org/politics.xml"/></outline>
              </outline>
              <outline text="No feed here" htmlUrl="https://example.org/about"/>
              <outline text="Duplicate" xmlUrl="https://example.org/world.xml"/>
              <outline TEXT="Caf\u{E9}" XMLURL="https://example.org/cafe.xml"/>
            </body></opml>
            """
        let entries = try FeedList.parse(Array(opml.unicodeScalars.map { UInt8($0.value) }), source: "subs.opml")
        #expect(entries == [
            FeedListEntry(url: "https://example.org/world.xml", title: "World desk"),
            FeedListEntry(url: "https://example.org/politics.xml", title: "Politics"),
            FeedListEntry(url: "https://example.org/cafe.xml", title: "Café"),
        ])
    }

    @Test func opmlEntitiesAreNeverExpanded() throws {
        let opml = """
            <?xml version="1.0"?>
            <!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <opml version="2.0"><body><outline text="&xxe;&b;" xmlUrl="https://example.org/a.xml?x=1&amp;y=2"/></body></opml>
            """
        let entries = try FeedList.parse(Array(opml.utf8), source: "evil.opml")
        #expect(entries.count == 1)
        #expect(entries[0].url == "https://example.org/a.xml?x=1&y=2")
        #expect(entries[0].title?.contains("root:") != true)
        #expect(entries[0].title?.contains("aaaaaaaaaa") != true)
    }

    @Test func notOPML() {
        #expect(throws: ParseError.self) { try FeedList.parse(Array("<rss version=\"2.0\"><channel/></rss>".utf8), source: "feed.xml") }
    }

    @Test func plainList() throws {
        let text = "\u{FEFF}# subscriptions\nhttps://example.org/a.xml\r\n\n   https://example.org/b.xml   Bee feed \n#https://example.org/c.xml\nhttps://example.org/a.xml\n"
        #expect(try FeedList.parse(Array(text.utf8), source: "feeds.txt") == [
            FeedListEntry(url: "https://example.org/a.xml"),
            FeedListEntry(url: "https://example.org/b.xml", title: "Bee feed"),
        ])
    }
}
