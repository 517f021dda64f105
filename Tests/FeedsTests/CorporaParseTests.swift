import TestSupport
import Foundation
import Testing

@testable import Feeds

/// The sample feeds and pages in `corpora/`, written for NewsGraph, parsed field by field.
@Suite("Parsing the bundled corpora")
struct CorporaParseTests {
    static let corpora = SharedData.packageRoot.appendingPathComponent("corpora")

    static func parse(_ relative: String) throws -> ParsedDocument {
        let url = corpora.appendingPathComponent(relative)
        return try FeedParser.parse([UInt8](try Data(contentsOf: url)), source: relative)
    }

    @Test func rssWithNamespacesAndCDATA() throws {
        let document = try Self.parse("feeds/world-desk.rss")
        #expect(document.kind == .rss20 && !document.bozo)
        #expect(document.feed?.language == "en")
        #expect(document.feed?.links.contains { $0.rel == "self" } == true)
        #expect(document.entries.count == 4)
        let first = document.entries[0]
        #expect(first.id == "newsgraph-sample-0001")
        #expect(first.published?.iso8601 == "2025-09-30T14:15:00Z")
        #expect(first.published?.raw == "Tue, 30 Sep 2025 09:15:00 -0500")
        #expect(first.author == "Ada Mensah")
        #expect(first.tags.map(\.term) == ["Politics"])
        #expect(first.content.first?.type == "text/html")
        #expect(first.text.hasPrefix("At present, President Donald Trump is attempting to deploy National Guard troops in Illinois"))
        #expect(!first.text.contains("<p>"))
        #expect(document.entries[3].title?.value == "Kenya\u{2019}s parliament approves a new climate law")
        #expect(document.entries[3].id == "https://samples.newsgraph.invalid/world/2025/09/27/kenya-climate.html")
    }

    @Test func atomWithXMLBaseAndXHTML() throws {
        let document = try Self.parse("feeds/policy-watch.atom")
        #expect(document.kind == .atom10)
        #expect(document.feed?.link == "https://samples.newsgraph.invalid/policy/")
        #expect(document.feed?.subtitle?.type == "text/html")
        let entry = document.entries[0]
        #expect(entry.link == "https://samples.newsgraph.invalid/policy/2025/10/02/hiring-order.html")
        #expect(entry.published?.iso8601 == "2025-10-02T18:05:00Z")
        #expect(entry.content.first?.type == "application/xhtml+xml")
        #expect(entry.content.first?.value.hasPrefix("<p>President Trump signed") == true)
        #expect(entry.title?.language == "en")
        #expect(entry.tags.first?.label == "Executive orders")
        #expect(document.entries[1].text.contains("Senator Elizabeth Warren asked"))
    }

    @Test func htmlArticlePage() throws {
        let document = try Self.parse("pages/harbour-strike.html")
        #expect(document.kind == .html && document.feed == nil)
        let entry = try #require(document.entries.first)
        #expect(entry.title?.value == "Dock workers strike in Rotterdam")
        #expect(entry.author == "Joris van Dijk")
        #expect(entry.published?.iso8601 == "2025-10-06T05:45:00Z")
        #expect(entry.link == "https://samples.newsgraph.invalid/pages/harbour-strike.html")
        #expect(entry.text.contains("Dock workers in Rotterdam stopped work on Monday"))
        #expect(entry.text.contains("Dick Schoof urged both sides"))
        for boilerplate in ["cookies", "Related stories", "Reader comment", "Share on social media", "Business"] {
            #expect(!entry.text.contains(boilerplate), "\(boilerplate) leaked into the main text")
        }
    }

    @Test func encodingsFromDeclarationAndCaller() throws {
        var latin1 = Array("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss><channel><title>Caf".utf8)
        latin1 += [0xE9]
        latin1 += Array("</title></channel></rss>".utf8)
        let declared = try FeedParser.parse(latin1, source: "latin1.xml")
        #expect(declared.encoding == "iso-8859-1" && declared.feed?.title?.value == "Café" && !declared.bozo)
        var koi8 = Array("<rss><channel><title>".utf8)
        koi8 += [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4]  // "Привет" in KOI8-R
        koi8 += Array("</title></channel></rss>".utf8)
        let given = try FeedParser.parse(koi8, source: "koi8.xml", options: ParseOptions(charset: "koi8-r"))
        #expect(given.encoding == "koi8-r" && given.feed?.title?.value == "Привет")
        let utf16 = [UInt8]([0xFF, 0xFE]) + "<rss><channel><title>Grüße</title></channel></rss>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let wide = try FeedParser.parse(utf16, source: "utf16.xml")
        #expect(wide.encoding == "utf-16le" && wide.feed?.title?.value == "Grüße")
        var shiftJIS = Array("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><rss><channel><title>".utf8)
        shiftJIS += [0x93, 0xFA, 0x96, 0x7B]  // 日本
        shiftJIS += Array("</title></channel></rss>".utf8)
        #expect(try FeedParser.parse(shiftJIS, source: "sjis.xml").feed?.title?.value == "日本")
    }

    @Test func jsonLineFollowsTheDocumentedFormat() throws {
        let line = try Self.parse("feeds/world-desk.rss").jsonLine()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        for key in ["source", "kind", "bozo", "bozo_reason", "encoding", "feed", "entries"] { #expect(object[key] != nil, "missing \(key)") }
        let entry = try #require((object["entries"] as? [[String: Any]])?.first)
        for key in ["id", "title", "link", "links", "published", "updated", "author", "authors", "summary", "content", "tags", "enclosures", "text"] {
            #expect(entry[key] != nil, "entry misses \(key)")
        }
        #expect(!line.contains("\n"))
    }
}
