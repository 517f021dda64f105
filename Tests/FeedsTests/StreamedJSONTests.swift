import TestSupport
import Foundation
import Testing

@testable import Feeds

/// `newsgraph parse` writes entries to JSON as they close (`FeedParser.writeJSONLine`); the line must be
/// byte for byte the one built from the parsed document.
@Suite("Streamed JSON lines")
struct StreamedJSONTests {
    static func streamed(_ bytes: [UInt8], source: String) throws -> [UInt8] {
        var out: [UInt8] = []
        try FeedParser.writeJSONLine(bytes, source: source, to: { out.append(contentsOf: $0) })
        return out
    }

    static func check(_ url: URL, relativeTo root: URL) throws -> Bool {
        let bytes = [UInt8](try Data(contentsOf: url))
        let name = String(url.path.dropFirst(root.path.count))
        guard let document = try? FeedParser.parse(bytes, source: name) else {
            #expect(throws: ParseError.self) { try streamed(bytes, source: name) }
            return false
        }
        let expected = Array((document.jsonLine() + "\n").utf8)
        let actual = try streamed(bytes, source: name)
        #expect(actual == expected, "\(name)")
        return true
    }

    static func files(under root: URL) -> [URL] {
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? []).filter { !$0.hasDirectoryPath && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.path < $1.path }
    }

    @Test func bundledCorporaGiveTheSameLine() throws {
        let root = SharedData.packageRoot.appendingPathComponent("corpora")
        var parsed = 0
        for url in Self.files(under: root) where ["rss", "atom", "xml", "rdf", "html"].contains(url.pathExtension) {
            if try Self.check(url, relativeTo: root) { parsed += 1 }
        }
        #expect(parsed >= 3)  // two feeds and a page
    }

    @Test func largeGeneratedFeedGivesTheSameLine() throws {
        var feed = #"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>"#
        for i in 0..<3_000 {
            feed += "<item><title>Item \(i) &amp; more</title><description>&lt;p&gt;Text \"\(i)\"&lt;/p&gt;</description></item>"
        }
        feed += "<lastBuildDate>Tue, 30 Sep 2025 09:15:00 GMT</lastBuildDate></channel></rss>"
        let bytes = Array(feed.utf8)
        let expected = Array((try FeedParser.parse(bytes, source: "big.xml").jsonLine() + "\n").utf8)
        #expect(try Self.streamed(bytes, source: "big.xml") == expected)
    }

    /// Entries go out as they close: a large feed reaches the sink in pieces of about 64 KiB, never as one
    /// buffer holding the whole line, and a recovery error after them still makes the line `bozo`.
    @Test func largeFeedIsHandedOnInPiecesAndFlaggedAtTheEnd() throws {
        var feed = #"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>"#
        for i in 0..<5_000 { feed += "<item><title>Item \(i)</title><description>Text \(i)</description></item>" }
        feed += "<item><title>Broken</title></channel></rss>"
        let bytes = Array(feed.utf8)
        var pieces: [Int] = []
        var out: [UInt8] = []
        try FeedParser.writeJSONLine(bytes, source: "big.xml", to: { pieces.append($0.count); out.append(contentsOf: $0) })
        #expect(pieces.count > 5)
        #expect(pieces.allSatisfy { $0 <= 80_000 }, "\(pieces.max() ?? 0)")
        let expected = try FeedParser.parse(bytes, source: "big.xml")
        #expect(expected.bozo)
        #expect(out == Array((expected.jsonLine() + "\n").utf8))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out)) as? [String: Any])
        #expect(json["bozo"] as? Bool == true)
        #expect((json["entries"] as? [Any])?.count == 5_001)
    }

    /// Members in the documented order: what is known before the first entry, the entries, then the
    /// channel and the recovery flag, which only the end of the document settles.
    @Test func membersComeInStreamingOrder() throws {
        let feed = #"<rss version="2.0"><channel><item><title>A</title></item><title>Late title</title></channel></rss>"#
        let line = String(decoding: try Self.streamed(Array(feed.utf8), source: "order.xml"), as: UTF8.self)
        #expect(line.hasPrefix(#"{"source":"order.xml","kind":"rss20","encoding":"utf-8","entries":[{"#))
        let keys = [#""entries":"#, #""feed":"#, #""bozo":"#, #""bozo_reason":"#]
        let offsets = keys.compactMap { line.range(of: $0)?.lowerBound }
        #expect(offsets.count == keys.count && offsets == offsets.sorted())
        #expect(line.contains(#""title":"Late title""#))
        #expect(line.hasSuffix(#""bozo":false,"bozo_reason":null}"# + "\n"))
    }

    /// RSS 0.90 and 1.0 share `rdf:RDF` and are told apart by the namespace of the channel or, when items
    /// come first, of the first item: the kind the entries were streamed under is the line's.
    @Test func rdfItemsBeforeTheirChannelKeepOneKind() throws {
        let feed = #"""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
            <item><title>First</title><link>https://example.org/1</link></item>
            <channel><title>Old</title><link>https://example.org/</link></channel>
            </rdf:RDF>
            """#
        let bytes = Array(feed.utf8)
        let document = try FeedParser.parse(bytes, source: "old.rdf")
        #expect(try Self.streamed(bytes, source: "old.rdf") == Array((document.jsonLine() + "\n").utf8))
        #expect(document.kind == .rss090)
        #expect(document.entries.count == 1 && document.feed?.title?.value == "Old")
    }

    /// A date is written normalised with its raw form; an unreadable one keeps only the raw form; a missing
    /// date or text construct is a pair of nulls.
    @Test func datesAndTextConstructsOrTheirNulls() throws {
        let feed = #"""
            <rss version="2.0"><channel><title>T</title>
            <item><title>Dated</title><pubDate>Tue, 30 Sep 2025 09:15:00 GMT</pubDate></item>
            <item><description>No title</description><pubDate>someday</pubDate></item>
            </channel></rss>
            """#
        let line = try Self.streamed(Array(feed.utf8), source: "dates.xml")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        let entries = try #require(json["entries"] as? [[String: Any]])
        try #require(entries.count == 2)
        #expect(entries[0]["published"] as? String == "2025-09-30T09:15:00Z")
        #expect(entries[0]["published_raw"] as? String == "Tue, 30 Sep 2025 09:15:00 GMT")
        #expect(entries[0]["updated"] is NSNull && entries[0]["updated_raw"] is NSNull)
        #expect((entries[0]["title_detail"] as? [String: Any])?["value"] as? String == "Dated")
        #expect(entries[1]["published"] is NSNull)
        #expect(entries[1]["published_raw"] as? String == "someday")
        #expect(entries[1]["title"] is NSNull && entries[1]["title_detail"] is NSNull)
        #expect(entries[1]["created"] == nil && entries[1]["subtitle"] == nil)  // written only when present
    }

    @Test func conformanceDocumentsGiveTheSameLine() throws {
        guard let root = SharedData.directory("feeds-dev") else {
            print(SharedData.missing("feeds-dev"))
            return
        }
        var parsed = 0
        for url in Self.files(under: root) where url.pathExtension == "xml" {
            if try Self.check(url, relativeTo: root) { parsed += 1 }
        }
        #expect(parsed > 400)
    }
}
