import Feeds
import FuzzDriver

// Feeds, article pages and feed lists: sniffing, encoding detection and transcoding, the pre-pass,
// libxml2 recovery, the feed builder, dates, HTML to text, main-text extraction (also of input that sniffs
// as a feed), both JSON paths, and OPML or plain feed lists. The input's length picks a caller-given
// charset, as `--charset` would, so that transcoding paths are reached too.
private let charsets: [String?] = [nil, nil, nil, "utf-8", "iso-8859-1", "windows-1252", "utf-16", "shift_jis", "koi8-r", "us-ascii"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    let bytes = Array(input)
    var options = ParseOptions(charset: charsets[bytes.count % charsets.count], baseURL: "http://example.org/feed/")
    options.maxBytes = 1 << 20
    if let document = try? FeedParser.parse(bytes, source: "fuzz", options: options) {
        document.writeJSONLine { _ in }
    }
    try? FeedParser.writeJSONLine(bytes, source: "fuzz", options: options) { _ in }
    _ = ArticleExtractor.extract(html: bytes, charset: options.charset, baseURL: options.baseURL)
    _ = try? FeedList.parse(bytes, source: "fuzz")
    return 0
}

runFuzzer(fuzzOne)
