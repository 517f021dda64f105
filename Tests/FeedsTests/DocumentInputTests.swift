import Foundation
import Testing

@testable import Feeds

/// libxml2 reads `&lt;`, `&gt;`, `&amp;`, `&quot;` and `&apos;` as character references (`DocumentInput`):
/// the parse must be the one of the document as written, and problem positions its columns.
@Suite("Document input with character references")
struct DocumentInputTests {
    static func item(_ i: Int) -> String {
        #"<item><title>Item \#(i) &amp; &quot;more&quot; &apos;x&apos;</title><link>https://example.org/\#(i)?a=1&amp;b=2</link>"#
            + #"<category domain="https://example.org/?x=&quot;\#(i)&quot;&amp;y=&lt;z&gt;">c</category>"#
            + #"<description>&lt;p&gt;Text \#(i) &lt;a href="/more/\#(i)"&gt;More&lt;/a&gt;&lt;/p&gt;</description>"#
            + #"<content:encoded><![CDATA[<p>kept &lt;literally&gt; &amp; here</p>]]></content:encoded><!-- &lt;comment&gt; --></item>"#
    }

    static func feed(_ items: Int, numeric: Bool) -> [UInt8] {
        var text = #"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T &lt;1&gt;</title>"#
        for i in 0..<items { text += item(i) }
        text += "</channel></rss>"
        guard numeric else { return Array(text.utf8) }
        // The same document with character references written in it (CDATA and comments left alone).
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "<![CDATA[") ?? rest.range(of: "<!--") {
            out += numericForm(rest[..<open.lowerBound])
            let close = rest[open.upperBound...].range(of: rest[open].hasPrefix("<![") ? "]]>" : "-->")!
            out += rest[open.lowerBound..<close.upperBound]
            rest = rest[close.upperBound...]
        }
        out += numericForm(rest)
        return Array(out.utf8)
    }

    static func numericForm(_ text: Substring) -> String {
        text.replacingOccurrences(of: "&lt;", with: "&#60;").replacingOccurrences(of: "&gt;", with: "&#62;")
            .replacingOccurrences(of: "&amp;", with: "&#38;").replacingOccurrences(of: "&quot;", with: "&#34;")
            .replacingOccurrences(of: "&apos;", with: "&#39;")
    }

    /// Thousands of references across libxml2's reads, in text, attributes and the channel: the same
    /// parse as the document with character references; CDATA and comments untouched.
    @Test func parsesAsTheDocumentWithCharacterReferences() throws {
        let written = try FeedParser.parse(Self.feed(2_000, numeric: false), source: "a.xml")
        let numeric = try FeedParser.parse(Self.feed(2_000, numeric: true), source: "a.xml")
        #expect(written.jsonLine() == numeric.jsonLine())
        let first = try #require(written.entries.first)
        #expect(first.title?.value == #"Item 0 & "more" 'x'"#)
        #expect(first.link == "https://example.org/0?a=1&b=2")
        #expect(first.tags.first?.scheme == #"https://example.org/?x="0"&y=<z>"#)
        #expect(first.summary?.value == #"<p>Text 0 <a href="/more/0">More</a></p>"#)
        #expect(first.content.first?.value == "<p>kept &lt;literally&gt; &amp; here</p>")
        #expect(written.feed?.title?.value == "T <1>")
    }

    /// A document made of references lists at most one per 16 bytes; the rest reach libxml2 as written,
    /// with the same text.
    @Test func denseReferencesBeyondTheListLimit() throws {
        let feed = #"<rss version="2.0"><channel><item><title>"# + String(repeating: "&lt;&amp;&gt;", count: 5_000)
            + "</title></item></channel></rss>"
        let bytes = Array(feed.utf8)
        let listed = bytes.withUnsafeBufferPointer { XMLPrepass($0).predefinedReferences.count }
        #expect(listed == bytes.count / 16)
        let document = try FeedParser.parse(bytes, source: "dense.xml")
        #expect(document.entries.first?.title?.value == String(repeating: "<&>", count: 5_000))
        #expect(!document.bozo)
    }

    /// Every read size from one byte up: a reference never split, nothing lost or doubled.
    @Test func readsInPiecesOfAnySize() {
        let text = Array("a&lt;b&gt;&amp;&quot;c&apos;&lt;".utf8)
        let references: [UInt32] = [1, 6, 10, 15, 22, 28]
        let expected = Array("a&#60;b&#62;&#38;&#34;c&#39;&#60;".utf8)
        for capacity in 1...40 {
            var out: [UInt8] = []
            text.withUnsafeBufferPointer { bytes in
                references.withUnsafeBufferPointer { refs in
                    var input = DocumentInput(bytes, references: refs)
                    var buffer = [UInt8](repeating: 0, count: capacity)
                    while true {
                        let count = buffer.withUnsafeMutableBufferPointer { input.read(into: $0.baseAddress!, capacity: capacity) }
                        if count == 0 { break }
                        out += buffer[..<count]
                    }
                }
            }
            // Reads shorter than a rewritten reference pass the references on as written.
            #expect(out == (capacity < 5 ? text : expected), "capacity \(capacity)")
        }
    }

    /// A problem after references on its line is reported at its column in the document as written:
    /// the same column as in a document with plain text of the same length in their place.
    @Test func problemColumnsAreTheDocumentsOwn() throws {
        let references = #"&lt;é&gt;&quot;&amp;&apos;&lt;&lt;&lt;"#
        let plain = String(repeating: "x", count: references.count - 1) + "é"  // as many characters
        func reason(_ text: String) throws -> String? {
            let document = try FeedParser.parse(Array(#"<rss version="2.0"><channel><title>\#(text)</title><item><title>a</titl></item></channel></rss>"#.utf8), source: "b.xml")
            return document.bozoReason
        }
        let withReferences = try #require(try reason(references))
        let withPlainText = try #require(try reason(plain))
        #expect(withReferences.hasPrefix("line 1, column "))
        #expect(withReferences == withPlainText)
        // References on earlier lines do not move a later line's columns.
        let multiline = try #require(try reason("&lt;&quot;\n" + references + "\n"))
        let multilinePlain = try #require(try reason("&lt;&quot;\n" + plain + "\n"))
        #expect(multiline.hasPrefix("line 3, column ") && multiline == multilinePlain)
    }
}
