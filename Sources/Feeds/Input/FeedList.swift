import Support

/// One feed named by a subscription list.
public struct FeedListEntry: Sendable, Equatable {
    public var url: String
    public var title: String?

    public init(url: String, title: String? = nil) {
        self.url = url
        self.title = title
    }
}

/// Subscription lists: OPML 1.0 / 2.0 outlines or plain text (one URL a line, `#` comments).
public enum FeedList {
    /// Reads a list, OPML when its first markup is `<`, plain text otherwise. Duplicate URLs are dropped
    /// (the first title wins).
    /// - Throws: `ParseError` for an XML document that is not OPML.
    public static func parse(_ bytes: [UInt8], source: String) throws(ParseError) -> [FeedListEntry] {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        let isMarkup = start < bytes.count && bytes[start] == UInt8(ascii: "<")
            || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        return isMarkup ? try OPML.parse(bytes, source: source) : plainList(bytes)
    }

    /// One URL a line; blank lines and lines starting with `#` are skipped; text after the URL (separated by
    /// white space) is its title.
    public static func plainList(_ bytes: [UInt8]) -> [FeedListEntry] {
        var entries: [FeedListEntry] = []
        var seen = Set<String>()
        let text = String(decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let trimmed = line.trimmingWhitespace()
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let parts = trimmed.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
            let url = String(parts[0])
            let title = parts.count > 1 ? parts[1].trimmingWhitespace() : ""
            if seen.insert(url).inserted { entries.append(FeedListEntry(url: url, title: title.isEmpty ? nil : title)) }
        }
        return entries
    }
}

/// OPML subscription lists (1.0 and 2.0): every `<outline>` with an `xmlUrl`, at any depth (categories are
/// outlines that nest others). Read with the same safe libxml2 set-up as feeds: the DTD is blanked before
/// parsing, no network, no entity expansion, recovery from ill-formed markup.
public enum OPML {
    public static func parse(_ bytes: [UInt8], source: String) throws(ParseError) -> [FeedListEntry] {
        let decision = bytes.withUnsafeBufferPointer { EncodingDetector.decide($0, charset: nil, mediaType: nil) }
        let transcoded = Transcoder.toUTF8(bytes, bomLength: decision.bomLength, encoding: decision.encoding)
        let prepass = transcoded.utf8.withUnsafeBufferPointer { XMLPrepass($0) }
        let utf8 = prepass.output ?? transcoded.utf8
        let handler = OutlineCollector()
        let problems = utf8.withUnsafeBufferPointer { SAXParser.parse($0, url: nil, handler: handler) }
        guard let root = handler.rootName else {
            let detail = problems.first.map { "line \($0.line), column \($0.column): \($0.message)" } ?? "no XML content"
            throw ParseError(source: source, message: "not an OPML document: \(detail)")
        }
        guard root.lowercased() == "opml" else {
            throw ParseError(source: source, message: "not an OPML document: root element is <\(root)>")
        }
        return handler.entries
    }
}

private final class OutlineCollector: XMLEventHandler {
    var rootName: String?
    var entries: [FeedListEntry] = []
    private var seen = Set<String>()

    override func startElement(_ name: SAXElementName, attributes: [SAXAttribute]) {
        if rootName == nil {
            rootName = name.localName
            return
        }
        guard name.localName == "outline" else { return }
        var url: String?
        var title: String?
        var text: String?
        for attribute in attributes {
            switch attribute.localName.lowercased() {
            case "xmlurl": url = attribute.value.trimmingWhitespace()
            case "title": title = attribute.value.trimmingWhitespace()
            case "text": text = attribute.value.trimmingWhitespace()
            default: break
            }
        }
        guard let url, !url.isEmpty, seen.insert(url).inserted else { return }
        let name = [title, text].compactMap { $0 }.first { !$0.isEmpty }
        entries.append(FeedListEntry(url: url, title: name))
    }
}
