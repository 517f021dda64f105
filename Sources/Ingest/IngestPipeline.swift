import Feeds
import Graph

/// Turns an article into facts for the store; the text pipeline provides the real one.
public protocol FactExtractor: Sendable {
    func extract(_ article: Article) -> ExtractedFacts
}

/// What extraction found in one article.
public struct ExtractedFacts: Sendable, Equatable {
    public var facts: [FactRecord] = []
    public var entities: [EntityRecord] = []
    public var aliases: [AliasRecord] = []

    public init(facts: [FactRecord] = [], entities: [EntityRecord] = [], aliases: [AliasRecord] = []) {
        self.facts = facts
        self.entities = entities
        self.aliases = aliases
    }
}

/// Progress of an ingest, for a progress bar or a log.
public enum IngestEvent: Sendable {
    case started(sources: Int)
    case parsed(source: String, articles: Int, index: Int)
    case failed(source: String, message: String, index: Int)
}

/// The result of an ingest run.
public struct IngestSummary: Sendable {
    public var sources = 0
    public var failedSources = 0
    public var newArticles = 0
    public var knownArticles = 0
    public var newFacts = 0
}

/// Sources → parse → extract → one store transaction.
public struct IngestPipeline {
    public var options: ParseOptions
    public var extractor: FactExtractor?

    public init(options: ParseOptions = ParseOptions(), extractor: FactExtractor? = nil) {
        self.options = options
        self.extractor = extractor
    }

    /// Reads every source, extracts facts from the articles not stored yet, and commits them in one transaction.
    /// - Throws: `StoreError` when the transaction cannot be written (nothing is then changed).
    public func run(sources: [String], into store: GraphStore, progress: (IngestEvent) -> Void = { _ in }) throws(StoreError) -> IngestSummary {
        var items: [SourceReader.Item] = []
        var summary = IngestSummary()
        for source in sources {
            do {
                items += try SourceReader.expand(source)
            } catch {
                summary.sources += 1
                summary.failedSources += 1
                progress(.failed(source: source, message: error.message, index: 0))
            }
        }
        progress(.started(sources: items.count))
        var batch = GraphBatch()
        var seen = Set<String>()
        for (index, item) in items.enumerated() {
            summary.sources += 1
            let document: ParsedDocument
            do {
                let bytes = try SourceReader.read(item, maxBytes: options.maxBytes)
                document = try FeedParser.parse(bytes, source: item.name, options: options)
            } catch {
                summary.failedSources += 1
                progress(.failed(source: item.name, message: error.message, index: index + 1))
                continue
            }
            let articles = Article.articles(from: document)
            progress(.parsed(source: item.name, articles: articles.count, index: index + 1))
            for article in articles {
                guard seen.insert(article.id).inserted else { continue }
                if store.graph.containsDocument(id: article.id) {
                    summary.knownArticles += 1
                    continue
                }
                batch.documents.append(
                    DocumentRecord(id: article.id, url: article.url, title: article.title, published: article.published, feed: article.feed))
                if let extractor {
                    let extracted = extractor.extract(article)
                    batch.facts += extracted.facts
                    batch.entities += extracted.entities
                    batch.aliases += extracted.aliases
                }
            }
        }
        let result = try store.commit(batch)
        summary.newArticles = result.newDocuments
        summary.knownArticles += result.knownDocuments
        summary.newFacts = result.newFacts
        return summary
    }
}
