/// Per-element hints derived from tag, class, id, role, itemprop and inline style.
struct NodeHints: OptionSet {
    let rawValue: UInt16
    /// class/id/role says navigation, ads, comments, sharing, ...
    static let boilerplate = NodeHints(rawValue: 1 << 0)
    /// hidden attribute, display:none, screen-reader-only classes.
    static let hidden = NodeHints(rawValue: 1 << 1)
    /// class/id names an article body container (e.g. "entry-content", "article__body").
    static let contentClass = NodeHints(rawValue: 1 << 2)
    /// itemprop="articleBody".
    static let articleBody = NodeHints(rawValue: 1 << 3)
    /// role="main".
    static let mainRole = NodeHints(rawValue: 1 << 4)
    /// class/id suggests low-value content ("meta", "byline", "caption", "tags") — a scoring penalty.
    static let negative = NodeHints(rawValue: 1 << 5)
    /// Comment threads: never part of the article, whatever their size.
    static let comments = NodeHints(rawValue: 1 << 6)
    /// Image captions: dropped when short.
    static let caption = NodeHints(rawValue: 1 << 8)
    /// class names a byline ("byline", "author", "post-author").
    static let byline = NodeHints(rawValue: 1 << 9)
    /// Lead / standfirst paragraph ("lead", "intro", "abstract", itemprop=description).
    static let lead = NodeHints(rawValue: 1 << 10)
    /// Generic content wrapper names ("content", "main-content").
    static let weakContent = NodeHints(rawValue: 1 << 7)
}

/// Classifies class/id/role tokens. Tokens are split into lower-case words at `-`, `_`,
/// digits and camelCase boundaries, so "relatedArticles" and "c-related-list" both yield "related".
enum HintClassifier {
    static func annotate(_ tree: inout DOMTree) {
        var cache: [Substring: NodeHints] = [:]
        var classCache: [String: NodeHints] = [:]
        for i in 0..<tree.nodes.count where tree.nodes[i].tag != .text {
            let n = tree.nodes[i]
            guard n.count > 0 else { continue }
            var hints: NodeHints = []
            for k in Int(n.start)..<Int(n.start + n.count) {
                let (name, value) = tree.attributes[k]
                switch name {
                case .class:
                    if let hit = classCache[value] { hints.formUnion(hit); continue }
                    var classHints: NodeHints = []
                    defer { classCache[value] = classHints; hints.formUnion(classHints) }
                    for token in value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
                        if let hit = cache[token] { classHints.formUnion(hit); continue }
                        let h = classify(token)
                        cache[token] = h
                        classHints.formUnion(h)
                    }
                case .id:
                    let token = Substring(value)
                    if let hit = cache[token] { hints.formUnion(hit) } else {
                        let h = classify(token)
                        cache[token] = h
                        hints.formUnion(h)
                    }
                case .role:
                    switch value.lowercased() {
                    case "navigation", "banner", "complementary", "contentinfo", "menu", "menubar",
                         "search", "dialog", "alertdialog", "toolbar", "tablist":
                        hints.insert(.boilerplate)
                    case "main":
                        hints.insert(.mainRole)
                    default: break
                    }
                case .itemprop:
                    for v in value.lowercased().split(separator: " ") {
                        if v == "articlebody" || v == "reviewbody" { hints.insert(.articleBody) }
                        if v == "description" || v == "abstract" { hints.insert(.lead) }
                    }
                case .hidden:
                    hints.insert(.hidden)
                case .style:
                    if styleHides(value) { hints.insert(.hidden) }
                default: break
                }
            }
            if hints.contains(.contentClass) || hints.contains(.articleBody) { hints.remove(.boilerplate); hints.remove(.negative) }
            tree.nodes[i].hints = hints
        }
    }

    static let boilerplateWords: Set<String> = [
        "nav", "navbar", "navigation", "menu", "menubar", "megamenu", "submenu", "footer", "sidebar", "sidenav",
        "comment", "comments", "commentlist", "disqus", "share", "shares", "sharing", "sharer", "sharebar",
        "social", "socials", "related", "recommended", "recommendation", "recommendations", "promo",
        "promotion", "advert", "advertisement", "advertising", "ads", "ad", "adsense", "adslot", "adunit",
        "sponsor", "sponsored", "cookie", "cookies", "consent", "gdpr", "newsletter", "subscribe",
        "subscription", "signup", "breadcrumb", "breadcrumbs", "popup", "modal", "overlay", "masthead",
        "toolbar", "pagination", "pager", "skip", "outbrain", "taboola", "teaser", "teasers", "paywall", "login", "search", "topbar", "copyright", "dfp", "banner", "tagcloud",
        "jump", "trending", "popular", "newsticker", "ticker", "follow",
        "offcanvas", "dropdown", "side", "articleside", "infobox", "newletter", "tags", "taglist",
        "meta", "postmeta", "postmetadata", "utility", "toc", "nocomments", "loading", "loader", "spinner", "author", "authors", "bio", "biography", "byline", "avatar", "profile",
        "credit", "credits", "license", "disclaimer", "rating", "ratings", "reactions", "cta", "more", "readmore", "next", "prev", "previous", "permalink",
    ]
    static let commentWords: Set<String> = ["comment", "comments", "commentlist", "disqus", "respond", "reply", "replies"]
    static let negativeWords: Set<String> = [
        "meta", "byline", "author", "caption", "credit", "tags", "tag", "date", "dateline", "categories",
        "category", "source", "foot", "bio", "header", "head", "title", "info", "links", "list",
    ]
    static let leadWords: Set<String> = [
        "lead", "leadtext", "intro", "introduction", "abstract", "standfirst", "summary", "excerpt", "deck", "dek",
        "subtitle", "subheadline", "subline", "kicker", "lede", "description", "einleitung", "vorspann",
    ]
    static let hiddenTokens: Set<String> = [
        "srOnly", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screenreader",
        "hidden", "hide", "d-none", "is-hidden", "u-hidden", "element-invisible", "invisible",
    ]
    static let neutralPrefixes: Set<String> = ["has", "is", "no", "with", "without", "show", "enable", "disable", "js"]

    static func classify(_ token: Substring) -> NodeHints {
        guard !token.isEmpty, token.utf8.count < 80 else { return [] }
        let lower = token.lowercased()
        if hiddenTokens.contains(lower) { return .hidden }
        var extra: NodeHints = []
        if lower.contains("byline") || lower == "author" || lower.hasSuffix("-author") || lower.hasSuffix("__author")
            || lower.hasSuffix("author-name") {
            extra.insert(.byline)
        }
        return classifyWords(token).union(extra)
    }

    /// `display:none` or `visibility:hidden` in an inline style, found without allocating.
    static func styleHides(_ style: String) -> Bool {
        var compact: [UInt8] = []
        compact.reserveCapacity(32)
        for b in style.utf8 where b != 32 && b != 9 && b != 10 && b != 13 {
            compact.append(b >= 65 && b <= 90 ? b + 32 : b)
        }
        let patterns: [[UInt8]] = [Array("display:none".utf8), Array("visibility:hidden".utf8)]
        for pattern in patterns where compact.count >= pattern.count {
            var i = 0
            while i + pattern.count <= compact.count {
                if compact[i] == pattern[0] && Array(compact[i..<(i + pattern.count)]) == pattern { return true }
                i += 1
            }
        }
        return false
    }

    private static func classifyWords(_ token: Substring) -> NodeHints {
        let words = splitWords(token)
        guard let first = words.first else { return [] }
        var hints: NodeHints = []
        let joined = words.joined()
        let articleish = words.contains { $0 == "article" || $0 == "post" || $0 == "entry" || $0 == "story" || $0 == "news" || $0 == "blog" || $0 == "single" || $0 == "main" }
            || joined.hasPrefix("article") || joined.hasPrefix("post") || joined.hasPrefix("entry") || joined.hasPrefix("story")
        let bodyish = words.contains { $0 == "body" || $0 == "content" || $0 == "text" || $0 == "txt" || $0 == "copy" }
            || joined.hasSuffix("body") || joined.hasSuffix("content") || joined.hasSuffix("text")
        let hasBoiler = words.contains { boilerplateWords.contains($0) } || first == "widget"
        if articleish && bodyish && !hasBoiler { hints.insert(.contentClass) }
        if joined == "bodytext" || joined == "richtext" || joined == "articlebody" { hints.insert(.contentClass) }
        if joined == "content" || joined == "maincontent" || joined == "main" || joined == "pagecontent" { hints.insert(.weakContent) }
        if neutralPrefixes.contains(first) && words.count > 1 {
            return hints
        }
        if hasBoiler && !hints.contains(.contentClass) {
            // "ad" only as a standalone token word, never inside longer words (split guarantees that).
            hints.insert(.boilerplate)
            if words.contains(where: { commentWords.contains($0) }) { hints.insert(.comments) }
        } else if words.contains(where: { commentWords.contains($0) }) {
            hints.insert(.comments)
            hints.insert(.boilerplate)
        }
        if words.contains(where: { negativeWords.contains($0) }) { hints.insert(.negative) }
        if words.contains(where: { leadWords.contains($0) }) && !hasBoiler { hints.insert(.lead) }
        if words.contains(where: { $0 == "caption" || $0 == "figcaption" || $0 == "legend" }) { hints.insert(.caption) }
        return hints
    }

    /// Splits "c-relatedArticles__list2" into ["c", "related", "articles", "list"].
    static func splitWords(_ token: Substring) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        var prevLower = false
        for b in token.utf8 {
            let isUpper = b >= 65 && b <= 90
            let isLower = b >= 97 && b <= 122
            if isUpper || isLower {
                if isUpper && prevLower && !current.isEmpty {
                    words.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true)
                }
                current.append(isUpper ? b + 32 : b)
                prevLower = isLower
            } else {
                if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
                prevLower = false
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }
}
