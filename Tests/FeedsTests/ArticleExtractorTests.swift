import Testing
@testable import Feeds

private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

private let sampleArticle = """
<!DOCTYPE html><html lang="en"><head>
<meta charset="utf-8"><title>Rivers are rising again | Daily Example</title>
<meta property="og:site_name" content="Daily Example">
<meta name="description" content="Flood warnings for the valley.">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<link rel="canonical" href="/news/rivers-rising">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Rivers are rising again","author":[{"@type":"Person","name":"Ana Lee"},{"name":"Bo Chan"}]}</script>
</head><body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience, accept them please.</div>
<main><article>
<h1>Rivers are rising again</h1>
<p>Heavy rain over the weekend pushed the river above its banks, flooding several streets in the old town, officials said.</p>
<p>Residents were told to move cars to higher ground, and the fire service set up sandbag stations along the embankment.</p>
<h2>What happens next</h2>
<ul><li>More rain is expected on Tuesday, forecasters said.</li><li>Schools near the river will stay closed.</li></ul>
<p>Line one<br>Line two of a poem, with a comma.</p>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
</article>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Another story about something else</a></li></ul></aside>
</main>
<div id="comments" class="comments-area"><p>Great article, thanks for writing it, I learned a lot.</p></div>
<footer><p>© 2024 Daily Example. All rights reserved.</p></footer>
</body></html>
"""

@Test func extractsMainTextAndDropsBoilerplate() {
    let a = ArticleExtractor.extract(html: bytes(sampleArticle), baseURL: "https://example.com/x/y")
    #expect(a.text.contains("Heavy rain over the weekend pushed the river above its banks"))
    #expect(a.text.contains("What happens next"))
    #expect(a.text.contains("\n\nSchools near the river will stay closed."))
    #expect(a.text.contains("Line one\nLine two of a poem"))
    for junk in ["Home", "cookies", "Share on Facebook", "Most read", "Great article", "All rights reserved"] {
        #expect(!a.text.contains(junk), "leaked: \(junk)")
    }
}

@Test func extractsMetadata() {
    let a = ArticleExtractor.extract(html: bytes(sampleArticle), baseURL: "https://example.com/x/y")
    #expect(a.title == "Rivers are rising again")
    #expect(a.author == "Ana Lee, Bo Chan")
    #expect(a.publishedRaw == "2024-03-05T08:00:00Z")
    #expect(a.canonicalURL == "https://example.com/news/rivers-rising")
    #expect(a.language == "en")
    #expect(a.siteName == "Daily Example")
    #expect(a.description == "Flood warnings for the valley.")
}

@Test func paragraphsAreSeparatedByBlankLinesAndWhitespaceCollapsed() {
    let html = "<html><body><article><p>First   paragraph\n with   spaces, long enough to count as prose text.</p><p>Second&nbsp;one &amp; more, also long enough to count as prose.</p></article></body></html>"
    let a = ArticleExtractor.extract(html: bytes(html))
    #expect(a.text == "First paragraph with spaces, long enough to count as prose text.\n\nSecond one & more, also long enough to count as prose.")
}

@Test func survivesHostileInput() {
    #expect(ArticleExtractor.extract(html: []).text == "")
    var junk: [UInt8] = []
    var x: UInt32 = 12345
    for _ in 0..<200_000 { x = x &* 1_103_515_245 &+ 12345; junk.append(UInt8(truncatingIfNeeded: x >> 16)) }
    #expect(ArticleExtractor.extract(html: junk).text == "")
    let nul: [UInt8] = bytes("<p>before") + [0, 0xFF, 0xFE, 0xC3] + bytes(" after, with more words to make it a real paragraph.</p>")
    let a = ArticleExtractor.extract(html: nul)
    #expect(a.text.contains("before"))
    #expect(a.text.contains("after"))
}

@Test func deepNestingKeepsText() {
    let para = "<p>Deep text survives here, with commas, and enough words to be a paragraph.</p>"
    let deep300 = "<html><body>" + String(repeating: "<div>", count: 300) + para + String(repeating: "</div>", count: 300) + "</body></html>"
    #expect(ArticleExtractor.extract(html: bytes(deep300)).text.contains("Deep text survives"))
    let deep = "<html><body>" + String(repeating: "<div>", count: 100_000) + para + "</body></html>"
    #expect(ArticleExtractor.extract(html: bytes(deep)).text.contains("Deep text survives"))
}

@Test func charsetHintAndMetaDeclaration() {
    // "Grüße" in ISO-8859-1.
    let latin1: [UInt8] = bytes("<html><body><p>Gr") + [0xFC, 0xDF] + bytes("e aus der Stadt, mit vielen Worten und Kommas, damit es reicht.</p></body></html>")
    #expect(ArticleExtractor.extract(html: latin1, charset: "iso-8859-1").text.hasPrefix("Grüße"))
    let declared: [UInt8] = bytes("<html><head><meta charset=\"windows-1252\"></head><body><p>Gr") + [0xFC, 0xDF]
        + bytes("e aus der Stadt, mit vielen Worten und Kommas, damit es reicht.</p></body></html>")
    #expect(ArticleExtractor.extract(html: declared).text.hasPrefix("Grüße"))
    // Undeclared bytes default to UTF-8.
    #expect(ArticleExtractor.extract(html: bytes("<p>Grüße aus der Stadt, mit vielen Worten und Kommas, damit es reicht.</p>")).text.hasPrefix("Grüße"))
}

@Test func deterministic() {
    let a = ArticleExtractor.extract(html: bytes(sampleArticle))
    let b = ArticleExtractor.extract(html: bytes(sampleArticle))
    #expect(a == b)
}

@Test func urlResolution() {
    #expect(URIResolver.resolve("../c?q=1", against: "http://a/b/d/e") == "http://a/b/c?q=1")
    #expect(URIResolver.resolve("//cdn.example/x", against: "https://a/b") == "https://cdn.example/x")
    #expect(URIResolver.resolve("https://other/x", against: "https://a/b") == "https://other/x")
    #expect(URIResolver.resolve("g", against: "http://a/b/c/d;p?q") == "http://a/b/c/g")
    #expect(URIResolver.resolve("./g/", against: "http://a/b/c/d;p?q") == "http://a/b/c/g/")
    #expect(URIResolver.resolve("../../g", against: "http://a/b/c/d;p?q") == "http://a/g")
    #expect(URIResolver.resolve("?y", against: "http://a/b/c/d;p?q") == "http://a/b/c/d;p?y")
    #expect(URIResolver.resolve("/news", against: nil) == "/news")
}

@Test func titleSuffixRemoval() {
    #expect(TitleCleaner.clean("Budget talks stall again - The Paper", siteName: "The Paper") == "Budget talks stall again")
    #expect(TitleCleaner.clean("The Paper | Budget talks stall again", siteName: "The Paper") == "Budget talks stall again")
    #expect(TitleCleaner.clean("Budget talks stall again in the capital | Site", siteName: nil) == "Budget talks stall again in the capital")
    #expect(TitleCleaner.clean("Pros - and cons", siteName: nil) == "Pros - and cons")
}

@Test func classTokensKeepRealContent() {
    #expect(!HintClassifier.classify("has-comments-count").contains(.boilerplate))
    #expect(HintClassifier.classify("comments-area").contains(.comments))
    #expect(HintClassifier.classify("relatedArticles").contains(.boilerplate))
    #expect(HintClassifier.classify("entry-content").contains(.contentClass))
    #expect(!HintClassifier.classify("header").contains(.boilerplate))
}
