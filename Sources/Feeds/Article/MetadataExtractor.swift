import Foundation

/// Title, byline, dates and other page metadata.
enum MetadataExtractor {
    /// Everything gathered in one pass over the tree.
    private struct Collected {
        var meta: [String: String] = [:]
        var canonical: String?
        var language: String?
        var titleElement: String?
        var h1: String?
        var relAuthor: String?
        var itempropAuthor: String?
        var itempropDate: String?
        var bylineClass: String?
        var firstTime: String?
        var articleTime: String?
    }

    static func extract(_ tree: DOMTree, roots: [Int], baseURL: String?) -> ExtractedArticle {
        let c = collect(tree, roots: roots)
        let ld = JSONLDFields(scripts: tree.jsonLD)
        var article = ExtractedArticle()
        article.language = c.language
        article.siteName = nonEmpty(c.meta["og:site_name"])
        article.description = nonEmpty(c.meta["description"]) ?? nonEmpty(c.meta["og:description"])
            ?? nonEmpty(c.meta["twitter:description"])
        let rawTitle = nonEmpty(c.meta["og:title"]) ?? nonEmpty(c.meta["twitter:title"]) ?? ld.headline
            ?? c.h1 ?? c.titleElement
        article.title = rawTitle.map { TitleCleaner.clean($0, siteName: article.siteName) }
        var author = nonEmpty(c.meta["author"])
        if author == nil, let a = nonEmpty(c.meta["article:author"]), !looksLikeURL(a) { author = a }
        author = author ?? ld.author ?? c.relAuthor ?? c.itempropAuthor ?? c.bylineClass
        article.author = author.map(cleanByline).flatMap(nonEmpty)
        article.publishedRaw = nonEmpty(c.meta["article:published_time"]) ?? ld.datePublished
            ?? nonEmpty(c.meta["date"]) ?? nonEmpty(c.meta["pubdate"]) ?? nonEmpty(c.meta["dc.date.issued"])
            ?? nonEmpty(c.meta["sailthru.date"]) ?? c.itempropDate ?? c.articleTime ?? c.firstTime
        if let href = nonEmpty(c.canonical) ?? nonEmpty(c.meta["og:url"]) {
            article.canonicalURL = URIResolver.resolve(href, against: baseURL)
        }
        return article
    }

    private static func collect(_ tree: DOMTree, roots: [Int]) -> Collected {
        var c = Collected()
        var rootRanges: [(Int, Int)] = roots.map { ($0, tree.subtreeEnd($0)) }
        rootRanges.sort { $0.0 < $1.0 }
        for i in 0..<tree.nodes.count {
            let node = tree.nodes[i]
            guard node.tag != .text else { continue }
            switch node.tag {
            case .html:
                if c.language == nil { c.language = nonEmpty(tree.attribute(i, .lang)?.trimmingSpaces) }
            case .meta:
                let key = (tree.attribute(i, .property) ?? tree.attribute(i, .name) ?? tree.attribute(i, .itemprop))?
                    .trimmingSpaces.lowercased()
                if let key, let value = tree.attribute(i, .content)?.collapsingWhitespace, !value.isEmpty {
                    if c.meta[key] == nil { c.meta[key] = value }
                    if key == "datepublished" && c.itempropDate == nil { c.itempropDate = value }
                }
            case .link:
                if let rel = tree.attribute(i, .rel)?.lowercased() {
                    let tokens = rel.split(separator: " ")
                    if tokens.contains("canonical") && c.canonical == nil { c.canonical = tree.attribute(i, .href)?.trimmingSpaces }
                }
            case .title:
                if c.titleElement == nil { c.titleElement = nonEmpty(tree.collapsedText(of: i)) }
            case .h1:
                if c.h1 == nil { c.h1 = nonEmpty(tree.collapsedText(of: i)) }
            case .time:
                if let dt = nonEmpty(tree.attribute(i, .datetime)?.trimmingSpaces) {
                    if c.firstTime == nil { c.firstTime = dt }
                    if c.articleTime == nil && rootRanges.contains(where: { i >= $0.0 && i < $0.1 }) { c.articleTime = dt }
                }
            case .a:
                if c.relAuthor == nil, let rel = tree.attribute(i, .rel)?.lowercased(),
                   rel.split(separator: " ").contains("author") {
                    c.relAuthor = shortText(tree, i)
                }
            default:
                break
            }
            if node.tag != .meta, let itemprop = tree.attribute(i, .itemprop)?.lowercased() {
                let props = itemprop.split(separator: " ")
                if props.contains("datepublished") && c.itempropDate == nil {
                    c.itempropDate = nonEmpty(tree.attribute(i, .content)) ?? nonEmpty(tree.attribute(i, .datetime))
                        ?? shortText(tree, i)
                }
                if props.contains("author") && c.itempropAuthor == nil {
                    c.itempropAuthor = nonEmpty(tree.attribute(i, .content)) ?? shortText(tree, i)
                }
            }
            if c.bylineClass == nil && node.hints.contains(.byline) {
                c.bylineClass = shortText(tree, i)
            }
        }
        return c
    }

    /// Collapsed text of a small element, or nil when empty or too long to be a name or date.
    private static func shortText(_ tree: DOMTree, _ i: Int) -> String? {
        if tree.subtreeEnd(i) - i > 60 { return nil }
        let t = tree.collapsedText(of: i)
        return t.isEmpty || t.count > 120 ? nil : t
    }

    private static func nonEmpty(_ s: String?) -> String? {
        guard let s else { return nil }
        let t = s.collapsingWhitespace
        return t.isEmpty ? nil : t
    }

    private static func looksLikeURL(_ s: String) -> Bool {
        let l = s.lowercased()
        return l.hasPrefix("http://") || l.hasPrefix("https://") || l.hasPrefix("//") || l.hasPrefix("www.")
    }

    /// Removes "By " / "Von " prefixes from bylines.
    private static func cleanByline(_ s: String) -> String {
        var t = s.collapsingWhitespace
        for prefix in ["by ", "von ", "par ", "por ", "di ", "door ", "autor: ", "author: "] where t.lowercased().hasPrefix(prefix) {
            t = String(t.dropFirst(prefix.count))
            break
        }
        return t.trimmingSpaces
    }
}

/// Strips site-name suffixes and prefixes from page titles.
enum TitleCleaner {
    static let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / "]

    static func clean(_ raw: String, siteName: String?) -> String {
        let title = raw.collapsingWhitespace
        let site = siteName?.collapsingWhitespace.lowercased()
        for sep in separators {
            guard let range = title.range(of: sep, options: .backwards) else { continue }
            let head = String(title[..<range.lowerBound]).trimmingSpaces
            let tail = String(title[range.upperBound...]).trimmingSpaces
            guard !head.isEmpty, !tail.isEmpty else { continue }
            if let site, !site.isEmpty {
                if tail.lowercased() == site || site.contains(tail.lowercased()) && tail.count >= 3 { return head }
                if let first = title.range(of: sep) {
                    let lead = String(title[..<first.lowerBound]).trimmingSpaces
                    if lead.lowercased() == site { return String(title[first.upperBound...]).trimmingSpaces }
                }
            }
            // Without a matching site name: a short trailing part after a longer headline is a suffix.
            let tailWords = tail.split(separator: " ").count
            let headWords = head.split(separator: " ").count
            if tailWords <= 4 && headWords >= 3 && tail.count * 2 < head.count && (sep == " | " || sep == " - " || sep == " – " || sep == " — " || sep == " :: " || sep == " · ") {
                return head
            }
        }
        return title
    }
}
