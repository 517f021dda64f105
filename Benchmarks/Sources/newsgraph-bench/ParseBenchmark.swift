import Feeds

/// `parse` end to end (sniff, decode, parse, build entries, extract main text, write JSON) on a
/// generated RSS 2.0 feed and a generated set of HTML article pages.
enum ParseBenchmark {
    static func run(megabytes: Int, only: String?) {
        let target = megabytes << 20
        print("parse benchmark (release build, single thread), input generated deterministically")
        if only != "html" { runFeed(target) }
        if only != "feed" { runPages(target) }
        print(String(format: "peak resident memory: %.0f MB", Measure.peakResidentMegabytes()))
    }

    static func runFeed(_ target: Int) {
        let feed = generateFeed(bytes: target)

        // End to end as `newsgraph parse` does it: entries written to JSON as they close.
        var outputBytes = 0
        let feedTime = Measure.median(runs: 5) {
            outputBytes = 0
            try? FeedParser.writeJSONLine(feed, source: "bench.xml", to: { outputBytes += $0.count })
        }
        guard let document = try? FeedParser.parse(feed, source: "bench.xml") else { return }
        report("RSS 2.0 feed", bytes: feed.count, seconds: feedTime.median,
               detail: "\(document.entries.count) entries, \(outputBytes) bytes of JSON")
        // For comparison, the library's two steps on their own: a document of values, then its JSON.
        let buildTime = Measure.median(runs: 5) { _ = try? FeedParser.parse(feed, source: "bench.xml") }
        let writeTime = Measure.median(runs: 5) { document.writeJSONLine { _ in } }
        print(String(format: "  library path: parsing into entries %.3f s, then writing JSON %.3f s", buildTime.median, writeTime.median))
    }

    static func runPages(_ target: Int) {
        let pages = generatePages(bytes: target)
        let pageBytes = pages.reduce(0) { $0 + $1.count }
        var textBytes = 0
        let htmlTime = Measure.median(runs: 3) {
            textBytes = 0
            for (index, page) in pages.enumerated() {
                guard let document = try? FeedParser.parse(page, source: "page\(index).html") else { continue }
                textBytes += document.entries.first?.text.utf8.count ?? 0
                document.writeJSONLine { _ in }
            }
        }
        report("HTML article pages", bytes: pageBytes, seconds: htmlTime.median, detail: "\(pages.count) pages, \(textBytes) bytes of main text")
    }

    static func report(_ name: String, bytes: Int, seconds: Double, detail: String) {
        let mb = Double(bytes) / 1_048_576
        print(String(format: "%@: %.1f MB in %.3f s (median of runs) = %.1f MB/s; %@", name, mb, seconds, mb / seconds, detail))
    }

    static func generateFeed(bytes target: Int) -> [UInt8] {
        var text = NewsText(random: SplitMix64(state: 42))
        var out = Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel><title>Generated World News</title><link>https://news.example.org/</link>
            <description>Benchmark feed</description><language>en</language>

            """.utf8)
        var item = 0
        while out.count < target {
            item += 1
            let day = item % 28 + 1
            let entry = """
                <item><title>\(text.sentence())</title><link>https://news.example.org/world/\(item).html</link>
                <guid isPermaLink="false">urn:bench:\(item)</guid><pubDate>Tue, \(day) Sep 2025 12:\(item % 60 < 10 ? "0" : "")\(item % 60):00 +0000</pubDate>
                <dc:creator>Reporter \(item % 97)</dc:creator><category>World</category>
                <description>&lt;p&gt;\(text.paragraph(sentences: 3)) &lt;a href="/more/\(item)"&gt;More&lt;/a&gt;&lt;/p&gt;</description>
                </item>

                """
            out.append(contentsOf: entry.utf8)
        }
        out.append(contentsOf: "</channel></rss>\n".utf8)
        return out
    }

    static func generatePages(bytes target: Int) -> [[UInt8]] {
        var text = NewsText(random: SplitMix64(state: 7))
        var pages: [[UInt8]] = []
        var total = 0
        var index = 0
        while total < target {
            index += 1
            let navigation = (0..<40).map { "<li><a href=\"/section/\($0)\">Section \($0)</a></li>" }.joined()
            let paragraphs = (0..<25).map { _ in "<p>\(text.paragraph(sentences: 4))</p>" }.joined(separator: "\n")
            let comments = (0..<15).map { "<div class=\"comment\"><p>Comment \($0): \(text.sentence())</p></div>" }.joined()
            let related = (0..<20).map { "<li><a href=\"/story/\($0)\">\(text.sentence())</a></li>" }.joined()
            let page = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Story \(index) | Example News</title>
                <meta property="og:title" content="Story \(index)"><meta name="author" content="Jane Reporter">
                <meta property="article:published_time" content="2025-09-30T12:00:00Z">
                <link rel="canonical" href="https://news.example.org/story/\(index)">
                <script>var tracking = {id: \(index), data: "\(String(repeating: "x", count: 2000))"};</script>
                <style>body { font-family: sans-serif; } .nav { display: flex; }</style></head>
                <body><header class="site-header"><nav class="nav"><ul>\(navigation)</ul></nav></header>
                <div class="cookie-banner">We use cookies. <button>Accept</button></div>
                <main><article><h1>Story \(index)</h1><p class="byline">By Jane Reporter</p>
                \(paragraphs)
                </article>
                <aside class="related"><h2>Related</h2><ul>\(related)</ul></aside>
                <section class="comments">\(comments)</section></main>
                <footer class="site-footer"><p>Copyright Example News</p>\(navigation)</footer></body></html>

                """
            let bytes = Array(page.utf8)
            total += bytes.count
            pages.append(bytes)
        }
        return pages
    }
}
