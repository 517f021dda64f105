/// Extracts the main text and metadata of an article page.
public enum ArticleExtractor {
    /// Parses `html` (raw bytes in any encoding; `charset` is a caller-supplied hint such as an
    /// HTTP header's, used when present) and extracts the article.
    public static func extract(html: [UInt8], charset: String? = nil, baseURL: String? = nil) -> ExtractedArticle {
        guard let tree = HTMLParsing.parse(html, charset: charset), !tree.nodes.isEmpty else {
            return ExtractedArticle()
        }
        var removed = ContentScorer.removedNodes(tree)
        let stats = TextStats(tree: tree, removed: removed)
        let roots = ContentSelector.select(tree, stats: stats, removed: removed)
        SectionCutter.cut(tree, roots: roots, stats: stats, removed: &removed)
        var article = MetadataExtractor.extract(tree, roots: roots, baseURL: baseURL)
        article.text = TextAssembler.text(tree, roots: roots, stats: stats, removed: removed)
        return article
    }
}
