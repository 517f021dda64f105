import Foundation
import Testing

@testable import Feeds

#if canImport(Glibc)
import Glibc
#endif

/// Hostile and broken documents: each must return quickly, in bounded memory, with a clear
/// `bozo_reason` or error, and without expanding entities, reading files or reaching the network.
@Suite("Hostile input")
struct HostileInputTests {
    static func parse(_ text: String, source: String = "hostile.xml", options: ParseOptions = ParseOptions()) throws -> ParsedDocument {
        try parse(Array(text.utf8), source: source, options: options)
    }

    static func parse(_ bytes: [UInt8], source: String = "hostile.xml", options: ParseOptions = ParseOptions()) throws -> ParsedDocument {
        let clock = ContinuousClock()
        let before = peakResidentBytes()
        var result: Result<ParsedDocument, ParseError>!
        let elapsed = clock.measure {
            do throws(ParseError) {
                result = .success(try FeedParser.parse(bytes, source: source, options: options))
            } catch {
                result = .failure(error)
            }
        }
        #expect(elapsed < .seconds(2), "\(source) took \(elapsed)")
        #expect(peakResidentBytes() - before < 200 << 20, "\(source) grew the peak resident size by more than 200 MB")
        return try result.get()
    }

    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [
          <!ENTITY lol "lol">
          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <rss version="2.0"><channel><title>Laughs &lol9;</title>
        <item><title>Item</title><link>http://example.com/a?x="&lol9;"</link><category domain="&lol9;">x</category></item>
        </channel></rss>
        """

    @Test func billionLaughsInTextAndAttributeIsNotExpanded() throws {
        let document = try Self.parse(Self.billionLaughs)
        #expect(document.bozo)
        #expect(document.bozoReason?.contains("entity declarations") == true)
        #expect(document.bozoReason?.contains("line 2") == true)
        #expect(document.feed?.title?.value == "Laughs &lol9;")
        #expect(document.entries.count == 1)
        #expect(document.entries[0].tags.first?.scheme == "&lol9;")
    }

    @Test func quadraticBlowUpIsNotExpanded() throws {
        let big = String(repeating: "A", count: 50_000)
        let references = String(repeating: "&a;", count: 50_000)
        let text = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"\(big)\">]><rss><channel><title>\(references)</title></channel></rss>"
        let document = try Self.parse(text)
        #expect(document.bozo)
        #expect((document.feed?.title?.value.utf8.count ?? 0) < 200_000)
    }

    @Test func externalEntityToLocalFileIsNotRead() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <rss><channel><title>leak: &xxe;</title></channel></rss>
            """
        let document = try Self.parse(text)
        #expect(document.bozo)
        #expect(document.feed?.title?.value.contains("root:") == false)
        #expect(document.feed?.title?.value == "leak: &xxe;")
    }

    @Test func externalDTDAndParameterEntitiesNeverReachTheNetwork() throws {
        let listener = try LoopbackListener()
        let url = "http://127.0.0.1:\(listener.port)"
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE rss SYSTEM "\(url)/rss.dtd" [
              <!ENTITY % remote SYSTEM "\(url)/evil.dtd">
              %remote;
              <!ENTITY ext SYSTEM "\(url)/text">
            ]>
            <rss><channel><title>t &ext;</title></channel></rss>
            """
        let document = try Self.parse(text)
        #expect(document.bozo)
        #expect(document.feed?.title?.value == "t &ext;")
        #expect(listener.connectionsAccepted() == 0, "the parser connected to \(url)")
    }

    @Test func xincludeIsNotProcessed() throws {
        let text = """
            <rss xmlns:xi="http://www.w3.org/2001/XInclude"><channel><title>x</title>
            <description><xi:include href="file:///etc/passwd" parse="text"/></description></channel></rss>
            """
        let document = try Self.parse(text)
        #expect(document.feed?.subtitle?.value.contains("root:") == false)
    }

    @Test func nestingThreeHundredDeepIsReported() throws {
        let open = String(repeating: "<div>", count: 300)
        let close = String(repeating: "</div>", count: 300)
        let text = "<rss><channel><title>deep</title><item><title>t</title><description>\(open)text\(close)</description></item></channel></rss>"
        let document = try Self.parse(text)
        #expect(document.feed?.title?.value == "deep")
        #expect(document.bozo)
        #expect(document.bozoReason?.contains("depth") == true)
    }

    @Test func nestingHundredThousandDeepTerminates() throws {
        let text = "<rss><channel><title>deep</title>" + String(repeating: "<x>", count: 100_000) + "text"
            + String(repeating: "</x>", count: 100_000) + "</channel></rss>"
        let document = try Self.parse(text)
        #expect(document.bozo)
        #expect(document.feed?.title?.value == "deep")
    }

    @Test func invalidUTF8IsReadAsWindows1252() throws {
        var bytes = Array("<rss><channel><title>caf".utf8)
        bytes += [0xE9, 0xFF]
        bytes += Array("</title></channel></rss>".utf8)
        let document = try Self.parse(bytes)
        #expect(document.bozo)
        #expect(document.encoding == "windows-1252")
        #expect(document.feed?.title?.value == "café\u{FF}")
    }

    @Test func embeddedNULIsReplaced() throws {
        var bytes = Array("<rss><channel><title>a".utf8)
        bytes.append(0)
        bytes += Array("b</title></channel></rss>".utf8)
        let document = try Self.parse(bytes)
        #expect(document.bozo)
        #expect(document.bozoReason?.contains("NUL") == true)
        #expect(document.feed?.title?.value == "a\u{FFFD}b")
    }

    @Test func truncatedDocumentKeepsWhatWasRead() throws {
        let text = "<rss version=\"2.0\"><channel><title>Cut</title><item><title>First</title></item><item><title>Sec"
        let document = try Self.parse(text)
        #expect(document.bozo)
        #expect(document.bozoReason?.contains("line 1") == true)
        #expect(document.feed?.title?.value == "Cut")
        #expect(document.entries.first?.title?.value == "First")
    }

    /// libxml2 reads a document a few kilobytes at a time and refuses to look ahead more than 10 MB
    /// without `XML_PARSE_HUGE`: one 12 MB attribute value stops the parse with a reason, and the
    /// entries closed before it are kept.
    @Test func tenMegabyteTokenStopsTheParseAndKeepsWhatCameBefore() throws {
        let huge = String(repeating: "x", count: 12 << 20)
        let text = "<rss version=\"2.0\"><channel><title>Big</title><item><title>Before</title></item>"
            + "<item><title>Huge</title><enclosure url=\"\(huge)\" type=\"audio/mpeg\"/></item>"
            + "<item><title>After</title></item></channel></rss>"
        let document = try Self.parse(text)
        #expect(document.bozo)
        #expect(document.bozoReason?.contains("line 1") == true)
        #expect(document.entries.first?.title?.value == "Before")
        #expect(!document.entries.contains { $0.enclosures.contains { $0.href.count > 1 << 20 } })
    }

    @Test func utf16DeclarationOnUTF8BytesIsReadAsUTF8() throws {
        let text = "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss><channel><title>naïve</title></channel></rss>"
        let document = try Self.parse(text)
        #expect(document.bozo)
        #expect(document.bozoReason?.contains("utf-16") == true)
        #expect(document.feed?.title?.value == "naïve")
    }

    @Test func emptyAndWhitespaceDocumentsAreErrors() {
        #expect(throws: ParseError.self) { try FeedParser.parse([], source: "empty.xml") }
        #expect(throws: ParseError.self) { try FeedParser.parse(Array(" \n\t ".utf8), source: "blank.xml") }
    }

    @Test func nonFeedXMLIsAnErrorNamingTheRoot() {
        do {
            _ = try FeedParser.parse(Array("<catalog><book/></catalog>".utf8), source: "books.xml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("books.xml"))
            #expect(error.description.contains("<catalog>"))
        }
    }

    @Test func binaryJunkIsAnError() {
        let junk = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }
        #expect(throws: ParseError.self) { try FeedParser.parse(junk, source: "junk.bin") }
    }

    @Test func oversizeDocumentIsRefused() {
        var options = ParseOptions()
        options.maxBytes = 100
        do {
            _ = try FeedParser.parse(Array(repeating: 0x20, count: 101), source: "big.xml", options: options)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("--max-bytes"))
        }
    }

    @Test func unescapedAmpersandAndUndefinedEntityAreKept() throws {
        let document = try Self.parse("<rss><channel><title>AT&T &bogus; &eacute;</title></channel></rss>")
        #expect(document.feed?.title?.value == "AT&T &bogus; é")
        #expect(document.bozo)
    }
}

/// A TCP listener on 127.0.0.1 that only counts connection attempts.
final class LoopbackListener {
    let socketDescriptor: Int32
    let port: UInt16

    init() throws {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socketDescriptor = socketDescriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socketDescriptor, 8) == 0 else { throw ParseError(source: "listener", message: "cannot listen") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
        }
        self.port = UInt16(bigEndian: address.sin_port)
        _ = fcntl(socketDescriptor, F_SETFL, O_NONBLOCK)
    }

    func connectionsAccepted() -> Int {
        var count = 0
        while true {
            let client = accept(socketDescriptor, nil, nil)
            if client < 0 { break }
            close(client)
            count += 1
        }
        return count
    }

    deinit { close(socketDescriptor) }
}
