import Support

/// How a document is to be read: what the caller knows from outside the bytes (an HTTP response's headers).
public struct ParseOptions: Sendable {
    /// A charset given by the caller, as an HTTP `Content-Type` header would (`--charset`).
    public var charset: String?
    /// The HTTP media type, if any; `text/xml` without a charset means US-ASCII (RFC 3023).
    public var mediaType: String?
    /// The document's URL (or `Content-Location`), against which relative links are resolved.
    public var baseURL: String?
    /// An HTTP `Content-Language`, the default `xml:lang`.
    public var language: String?
    /// Documents larger than this are refused.
    public var maxBytes: Int = 64 << 20

    public init(charset: String? = nil, mediaType: String? = nil, baseURL: String? = nil, language: String? = nil) {
        self.charset = charset
        self.mediaType = mediaType
        self.baseURL = baseURL
        self.language = language
    }

    /// Splits an HTTP `Content-Type` value into media type and charset (quotes and spaces tolerated).
    public mutating func apply(contentType: String) {
        let parts = contentType.split(separator: ";", omittingEmptySubsequences: false)
        mediaType = parts.first.map { $0.trimmingWhitespace().lowercased() }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingWhitespace().lowercased() == "charset" else { continue }
            let value = pair[1].trimmingCharacters(in: " \t\"'")
            if !value.isEmpty { charset = value }
        }
    }
}

/// Why a source could not be parsed at all.
public struct ParseError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var message: String

    public init(source: String, message: String) {
        self.source = source
        self.message = message
    }

    public var description: String { "\(source): \(message)" }
}

/// Parses news feeds (RSS 0.9x, 1.0, 2.0, Atom 0.3, 1.0) and HTML article pages into `ParsedDocument`s.
///
/// The format is sniffed from the content, never from a file name. Ill-formed feeds are recovered and
/// flagged `bozo`; documents that are neither feeds nor pages throw `ParseError`.
public enum FeedParser {
    /// Parses one document.
    /// - Complexity: O(n) in the size of the document.
    public static func parse(_ bytes: [UInt8], source: String, options: ParseOptions = ParseOptions()) throws(ParseError) -> ParsedDocument {
        try parse(bytes, source: source, options: options, entryReceiver: nil)
    }

    /// Parses one document, handing each entry to `eachEntry` as soon as it is complete (a feed's entries
    /// in document order, with their ids filled in; a page's one entry at the end) instead of keeping
    /// them: the result's `entries` is empty. A large feed then needs memory for one entry at a time,
    /// not for all of them (a 50 MB feed's entries take about 600 MB as values).
    public static func parse(_ bytes: [UInt8], source: String, options: ParseOptions = ParseOptions(),
                             eachEntry: (Entry) -> Void) throws(ParseError) -> ParsedDocument {
        try withoutActuallyEscaping(eachEntry) { (eachEntry) throws(ParseError) -> ParsedDocument in
            var document = try parse(bytes, source: source, options: options, entryReceiver: { entry, _ in eachEntry(entry) })
            for entry in document.entries { eachEntry(entry) }
            document.entries = []
            return document
        }
    }

    /// Parses one document and streams its JSON line (newline included) to `sink` in pieces, as
    /// `newsgraph parse` prints it. Feed entries are written to JSON as each one closes and handed on in
    /// pieces of about 64 KiB, so a feed of any size needs one entry's memory, not its entries' or its
    /// JSON's. Nothing reaches `sink` when the document cannot be parsed: that is known before the first
    /// entry (the document's first element decides whether it is a feed).
    public static func writeJSONLine(_ bytes: [UInt8], source: String, options: ParseOptions = ParseOptions(),
                                     to sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) throws(ParseError) {
        let line = StreamedJSONLine(sink: sink)
        let document = try parse(bytes, source: source, options: options, entryReceiver: { line.write(&$0, head: $1) })
        line.finish(document)
    }

    /// Parses one document; with `entryReceiver`, a feed's entries go there rather than into `entries`.
    static func parse(_ bytes: [UInt8], source: String, options: ParseOptions,
                      entryReceiver: ((inout Entry, DocumentHead) -> Void)?) throws(ParseError) -> ParsedDocument {
        guard bytes.count <= options.maxBytes else {
            throw ParseError(source: source, message: "document is \(bytes.count) bytes, more than the limit of \(options.maxBytes) (--max-bytes)")
        }
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            throw ParseError(source: source, message: "empty document")
        }
        let decision = bytes.withUnsafeBufferPointer { EncodingDetector.decide($0, charset: options.charset, mediaType: options.mediaType) }
        let transcoded = Transcoder.toUTF8(bytes, bomLength: decision.bomLength, encoding: decision.encoding)
        if Sniffer.looksLikeHTML(transcoded.utf8) {
            return try parseHTML(bytes, source: source, options: options)
        }
        var problems: [String] = []
        if let problem = decision.problem { problems.append(problem) }
        if let problem = transcoded.problem { problems.append(problem) }
        if let mediaType = options.mediaType, !Sniffer.isXMLMediaType(mediaType) {
            problems.append("served as \(mediaType), which is not an XML media type")
        }
        let prepass = transcoded.utf8.withUnsafeBufferPointer { XMLPrepass($0) }
        let utf8 = prepass.output ?? transcoded.utf8
        for problem in prepass.problems.prefix(1) {
            let (line, column) = transcoded.utf8.withUnsafeBufferPointer { XMLPrepass.position(of: problem.offset, in: $0) }
            problems.append("line \(line), column \(column): \(problem.message)")
        }
        let baseURL = options.baseURL.flatMap { URIResolver.isSafe($0) ? $0 : nil }
        let builder = FeedBuilder(documentURL: baseURL, language: options.language)
        if let entryReceiver {
            let encoding = transcoded.encoding
            builder.entryReceiver = { entry, kind in
                entryReceiver(&entry, DocumentHead(source: source, kind: kind, encoding: encoding))
            }
        }
        let parseProblems = utf8.withUnsafeBufferPointer {
            SAXParser.parse($0, url: baseURL, handler: builder, predefinedReferences: prepass.predefinedReferences)
        }
        if let first = parseProblems.first {
            problems.append("line \(first.line), column \(first.column): \(first.message)")
        }
        guard let kind = builder.kind else {
            if let root = builder.rootName, Sniffer.htmlRootNames.contains(root.lowercased()) {
                return try parseHTML(bytes, source: source, options: options)
            }
            let what = builder.rootName.map { "root element <\($0)> is not RSS, RDF or Atom" } ?? "no XML or HTML content found"
            throw ParseError(source: source, message: "not a feed or article page: \(what)")
        }
        builder.finishFeed()
        var document = ParsedDocument(source: source, kind: kind, encoding: transcoded.encoding)
        for problem in problems { document.flagBozo(problem) }
        document.feed = builder.feed
        document.entries = builder.entries
        for index in document.entries.indices { document.entries[index].fillMissingID() }
        return document
    }

    /// Parses an HTML article page: one entry holding its title, byline, date, canonical link and main text.
    static func parseHTML(_ bytes: [UInt8], source: String, options: ParseOptions) throws(ParseError) -> ParsedDocument {
        let article = ArticleExtractor.extract(html: bytes, charset: options.charset, baseURL: options.baseURL)
        var document = ParsedDocument(source: source, kind: .html, encoding: EncodingDetector.normalize(options.charset ?? "utf-8"))
        var entry = Entry()
        if let title = article.title { entry.title = TextValue(value: title, language: article.language) }
        entry.link = article.canonicalURL ?? options.baseURL
        if let link = entry.link { entry.links = [Link(rel: "alternate", href: link, type: "text/html")] }
        if let raw = article.publishedRaw { entry.published = FeedTimestamp(raw: raw) }
        if let author = article.author { entry.authors = [Person(name: author)] }
        if let description = article.description { entry.summary = TextValue(value: description, language: article.language) }
        entry.language = article.language
        entry.text = article.text
        if !article.text.isEmpty {
            entry.content = [TextValue(value: article.text, type: "text/plain", language: article.language, base: options.baseURL)]
        }
        entry.id = entry.link ?? ContentHash.id(for: entry)
        document.entries = [entry]
        return document
    }
}

/// Content sniffing: feed or HTML page, from the first markup of the document.
enum Sniffer {
    static let htmlRootNames: Set<String> = ["html", "head", "body", "div", "p", "article", "section", "main", "table"]

    /// True when the first element of the document (after the XML declaration, comments and
    /// whitespace) is an HTML doctype or `<html>`.
    static func looksLikeHTML(_ utf8: [UInt8]) -> Bool {
        var i = 0
        let n = min(utf8.count, 4096)
        func lower(_ k: Int) -> UInt8 { k < n ? (utf8[k] >= 0x41 && utf8[k] <= 0x5A ? utf8[k] | 0x20 : utf8[k]) : 0 }
        func starts(_ literal: String, at k: Int) -> Bool {
            var k = k
            for byte in literal.utf8 {
                if lower(k) != byte { return false }
                k += 1
            }
            return true
        }
        while i < n {
            let byte = utf8[i]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                i += 1
            } else if starts("<?", at: i) {
                while i < n && !(utf8[i] == 0x3E && i > 0 && utf8[i - 1] == 0x3F) { i += 1 }
                i += 1
            } else if starts("<!--", at: i) {
                i += 4
                while i + 2 < n && !(utf8[i] == 0x2D && utf8[i + 1] == 0x2D && utf8[i + 2] == 0x3E) { i += 1 }
                i += 3
            } else {
                return starts("<!doctype html", at: i) || starts("<html", at: i)
            }
        }
        return false
    }

    static func isXMLMediaType(_ type: String) -> Bool {
        let type = type.lowercased()
        return type.hasSuffix("/xml") || type.hasSuffix("+xml") || type.contains("xml-") || type == "application/octet-stream"
    }
}

/// Stable ids for entries that have neither id nor link: a hash of their title and text.
extension Entry {
    /// An entry without `guid`/`id` is identified by its link, else by a hash of its content.
    mutating func fillMissingID() {
        if id == nil { id = link ?? ContentHash.id(for: self) }
    }
}

enum ContentHash {
    static func id(for entry: Entry) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ string: String?) {
            for byte in (string ?? "").utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
            hash ^= 0xFF
            hash &*= 0x0000_0100_0000_01B3
        }
        mix(entry.title?.value)
        mix(entry.summary?.value)
        for value in entry.content { mix(value.value) }
        let hex = String(hash, radix: 16)
        return "urn:newsgraph:hash:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
