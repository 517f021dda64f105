import Feeds
import Fetch
import Foundation
import Graph
import Support

/// Turns an article into facts for the store; the text pipeline provides the real one.
public protocol FactExtractor: Sendable {
    /// The facts, entities and aliases of one article.
    func extract(_ article: Article) -> ExtractedFacts

    /// The facts of a run's new articles, in order, with entity names made canonical against each other and
    /// against the entities already in `graph`; may ask for stored entities to be renamed. The default
    /// extracts each article on its own.
    func extract(_ articles: [Article], known graph: KnowledgeGraph) -> ExtractedFacts
}

extension FactExtractor {
    /// Extracts each article with ``extract(_:)`` and concatenates the results.
    public func extract(_ articles: [Article], known graph: KnowledgeGraph) -> ExtractedFacts {
        var all = ExtractedFacts()
        for article in articles { all.append(extract(article)) }
        return all
    }
}

/// What extraction found in one article (or a run's articles).
public struct ExtractedFacts: Sendable, Equatable {
    public var facts: [FactRecord] = []
    public var entities: [EntityRecord] = []
    public var aliases: [AliasRecord] = []
    /// Stored entities that took a longer canonical name, applied after the facts.
    public var renames: [EntityRename] = []

    public init(facts: [FactRecord] = [], entities: [EntityRecord] = [], aliases: [AliasRecord] = [], renames: [EntityRename] = []) {
        self.facts = facts
        self.entities = entities
        self.aliases = aliases
        self.renames = renames
    }

    /// Adds another extraction's facts, entities, aliases and renames after these.
    public mutating func append(_ other: ExtractedFacts) {
        facts += other.facts
        entities += other.entities
        aliases += other.aliases
        renames += other.renames
    }
}

/// Progress of an ingest, for a progress bar.
public enum IngestEvent: Sendable {
    /// The number of sources (files, feeds, pages) about to be read.
    case started(sources: Int)
    /// One more source was read (or failed); `index` counts the sources done so far.
    case progress(source: String, index: Int)
    /// Article pages of short entries about to be fetched (`--fetch-articles`).
    case fetchingArticles(count: Int)
}

/// Sources → fetch → parse → extract → one store transaction.
///
/// Files are read in order; feeds and pages are fetched concurrently (`jobs` at a time), each with its own
/// retries and deadline, so a slow or broken feed never holds up the others. Everything found, together with
/// the updated feed records (validators, successes, failures, moves), is committed in one transaction.
public struct IngestPipeline: Sendable {
    public var options: IngestOptions
    public var extractor: FactExtractor?
    /// Loads the extractor when a run first has new articles to extract, if `extractor` is nil, and keeps it
    /// for later runs of this pipeline. Most runs of a cron job find nothing new, and they then skip loading
    /// the models (0.16 s and about 100 MB).
    private var extractorLoader: LoadOnce<FactExtractor>?

    public init(options: IngestOptions = IngestOptions(), extractor: FactExtractor? = nil) {
        self.options = options
        self.extractor = extractor
    }

    /// A pipeline that loads its extractor with `loader` only when a run has new articles.
    public init(options: IngestOptions = IngestOptions(), extractorLoader: @escaping @Sendable () throws -> FactExtractor) {
        self.options = options
        self.extractorLoader = LoadOnce(extractorLoader)
    }

    /// The extractor for a run with new articles: the given one, else a loaded one, else none.
    private func resolvedExtractor() throws(IngestError) -> FactExtractor? {
        if let extractor { return extractor }
        guard let extractorLoader else { return nil }
        do {
            return try extractorLoader.value()
        } catch {
            throw .extractor(String(describing: error))
        }
    }

    public init(options: ParseOptions, extractor: FactExtractor? = nil) {
        var all = IngestOptions()
        all.parse = options
        self.init(options: all, extractor: extractor)
    }

    /// Reads every source, extracts facts from the articles not stored yet, and commits them in one transaction.
    /// - Throws: `IngestError` when the transaction cannot be written (nothing is then changed) or there is nothing to do.
    public func run(_ request: IngestRequest, into store: GraphStore, progress: (IngestEvent) -> Void = { _ in }) async throws(IngestError) -> IngestSummary {
        var summary = IngestSummary()
        var files: [(name: String, item: SourceReader.Item?, error: String?)] = []
        var feeds: [FeedJob] = []
        var jobIndex: [String: Int] = [:]
        let known = Dictionary(store.graph.feeds.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })

        func addFeed(_ url: String, title: String?, declared: Bool, explicit: Bool) {
            if let index = jobIndex[url] {
                if feeds[index].title == nil { feeds[index].title = title }
                feeds[index].declared = feeds[index].declared || declared
                return
            }
            let record = known[url]
            jobIndex[url] = feeds.count
            feeds.append(FeedJob(url: url, title: title, declared: declared || record != nil, explicit: explicit, record: record))
        }

        for source in request.sources {
            if IngestRequest.isURL(source) {
                addFeed(source, title: nil, declared: false, explicit: true)
                continue
            }
            do {
                for item in try SourceReader.expand(source) { files.append((item.name, item, nil)) }
            } catch {
                files.append((source, nil, error.message))
            }
        }
        for list in request.feedLists {
            do throws(ParseError) {
                let item = SourceReader.Item(name: list, path: list == "-" ? nil : list)
                let bytes = try SourceReader.read(item, maxBytes: options.parse.maxBytes)
                for entry in try FeedList.parse(bytes, source: list) { addFeed(entry.url, title: entry.title, declared: true, explicit: false) }
            } catch {
                files.append((list, nil, "feed list: \(error.message)"))
            }
        }
        if request.usesStoreFeeds {
            guard !store.graph.feeds.isEmpty else { throw .noFeeds }
            for record in store.graph.feeds { addFeed(record.url, title: record.title, declared: true, explicit: false) }
        }

        // Disabled feeds are fetched only when named on the command line.
        var skipped: [Int: SourceReport] = [:]
        for (index, job) in feeds.enumerated() where job.record?.disabled == true && !job.explicit {
            var report = SourceReport(source: job.url, kind: .feed, outcome: .skipped)
            report.error = "disabled (\(job.record?.lastError ?? "gone")); newsgraph feeds add \(job.url) enables it again"
            skipped[index] = report
        }
        let active = feeds.indices.filter { skipped[$0] == nil }
        progress(.started(sources: files.count + active.count))

        // Files, in order.
        var done = 0
        var fileResults: [(report: SourceReport, articles: [Article], isFeed: Bool)] = []
        for file in files {
            var report = SourceReport(source: file.name, kind: .file, outcome: .failed)
            var articles: [Article] = []
            var isFeed = false
            let started = ContinuousClock.now
            if let message = file.error {
                report.error = message
            } else if let item = file.item {
                do {
                    let bytes = try SourceReader.read(item, maxBytes: options.parse.maxBytes)
                    report.bytes = bytes.count
                    let (document, parsed) = try Article.parse(bytes, source: item.name, options: options.parse)
                    articles = parsed
                    report.entries = articles.count
                    report.bozoReason = document.bozoReason
                    report.outcome = .unchanged
                    isFeed = document.kind != .html
                } catch {
                    report.error = error.message
                }
            }
            report.seconds = (ContinuousClock.now - started).seconds
            done += 1
            progress(.progress(source: file.name, index: done))
            fileResults.append((report, articles, isFeed))
        }

        // Feeds and pages, concurrently.
        var fetched: [Int: FeedResult] = [:]
        if !active.isEmpty {
            let fetcher = HTTPFetcher(options: options.fetch)
            defer { fetcher.invalidate() }
            let parse = options.parse
            let width = max(1, options.jobs)
            await withTaskGroup(of: (Int, FeedResult).self) { group in
                var next = 0
                func start() {
                    let index = active[next]
                    let job = feeds[index]
                    next += 1
                    group.addTask { (index, await Self.fetch(job, with: fetcher, parse: parse)) }
                }
                while next < active.count && next < width { start() }
                while let (index, result) = await group.next() {
                    fetched[index] = result
                    done += 1
                    progress(.progress(source: feeds[index].url, index: done))
                    if next < active.count { start() }
                }
            }
        }

        // Everything found, deduplicated, in the order given.
        var batch = GraphBatch()
        var seen = Set<String>()
        var newArticles: [Article] = []
        var shortEntries: [Int] = []
        let now = Timestamp.now()

        func admit(_ articles: [Article], fromFeed: Bool, into report: inout SourceReport) {
            for article in articles {
                guard seen.insert(article.id).inserted else { continue }
                if store.graph.containsDocument(id: article.id) {
                    summary.knownArticles += 1
                    continue
                }
                report.newArticles += 1
                if fromFeed && options.fetchArticles && article.text.count < options.shortText && IngestRequest.isURL(article.url) {
                    shortEntries.append(newArticles.count)
                }
                newArticles.append(article)
            }
            if report.outcome != .failed { report.outcome = report.newArticles > 0 ? .updated : .unchanged }
        }

        for (report, articles, isFeed) in fileResults {
            var report = report
            summary.onlyFeeds = false
            admit(articles, fromFeed: isFeed, into: &report)
            summary.reports.append(report)
        }
        for (index, job) in feeds.enumerated() {
            if let report = skipped[index] {
                summary.reports.append(report)
                continue
            }
            guard let result = fetched[index] else { continue }
            var settled = Self.settle(job, result, known: known, now: now)
            if let articles = settled.articles { admit(articles, fromFeed: settled.report.kind == .feed, into: &settled.report) }
            batch.feeds += settled.records
            let report = settled.report
            summary.reports.append(report)
        }

        // Article pages for entries that are only a summary.
        if !shortEntries.isEmpty {
            let chosen = Array(shortEntries.prefix(max(0, options.maxArticles)))
            progress(.fetchingArticles(count: chosen.count))
            let pages = await fetchArticlePages(chosen.map { newArticles[$0] })
            for (offset, page) in zip(chosen, pages) {
                switch page {
                case .some(let text):
                    summary.articlePages += 1
                    if text.count > newArticles[offset].text.count { newArticles[offset].text = text }
                case .none:
                    summary.articlePagesFailed += 1
                }
            }
        }

        for article in newArticles {
            batch.documents.append(
                DocumentRecord(id: article.id, url: article.url, title: article.title, published: article.published, feed: article.feed))
        }
        if !newArticles.isEmpty, let extractor = try resolvedExtractor() {
            let extracted = extractor.extract(newArticles, known: store.graph)
            batch.facts = extracted.facts
            batch.entities = extracted.entities
            batch.aliases = extracted.aliases
            batch.renames = extracted.renames
        }
        let result: GraphStore.CommitResult
        do {
            result = try store.commit(batch)
        } catch {
            throw .store(error)
        }
        summary.newArticles = result.newDocuments
        summary.knownArticles += result.knownDocuments
        summary.newFacts = result.newFacts
        for report in summary.reports {
            switch report.outcome {
            case .updated: summary.updated += 1
            case .unchanged: summary.unchanged += 1
            case .failed: summary.failedSources += 1
            case .skipped: summary.skipped += 1
            }
            if report.outcome != .skipped { summary.sources += 1 }
        }
        return summary
    }

    /// What one fetched feed means for its record and the run.
    struct Settlement {
        var report: SourceReport
        /// Records to commit: the feed's, preceded by the removal of its old URL after a permanent move.
        var records: [FeedRecord] = []
        /// The articles to admit, when the fetch delivered a feed or a page.
        var articles: [Article]?
    }

    /// Applies a fetch result to the feed's record: validators, success or failure counts, 410 Gone, permanent
    /// moves. Records are kept for feeds from a list or the store, and for any URL that delivered a feed.
    static func settle(_ job: FeedJob, _ result: FeedResult, known: [String: FeedRecord], now: String) -> Settlement {
        var settlement = Settlement(report: result.report)
        var record = job.record ?? FeedRecord(url: job.url, title: job.title)
        if record.title == nil { record.title = job.title }
        var keepRecord = job.declared
        var succeeded = false
        switch result.outcome {
        case .notModified(let response):
            succeeded = true
            record.etag = response.etag ?? record.etag
            record.lastModified = response.lastModified ?? record.lastModified
        case .document(let response, let document, let articles):
            if document.kind == .html && job.declared {
                settlement.report.outcome = .failed
                settlement.report.error = "served an HTML page (\(response.contentType ?? "no content type")), not a feed"
            } else {
                succeeded = true
                settlement.report.kind = document.kind == .html ? .page : .feed
                if document.kind != .html {
                    keepRecord = true
                    record.etag = response.etag
                    record.lastModified = response.lastModified
                    if record.title == nil { record.title = document.feed?.title?.plainText }
                }
                settlement.articles = articles
            }
        case .failed(let error):
            if error?.kind == .gone {
                record.disabled = true
                settlement.report.warnings.append("\(job.url) is gone (HTTP 410): the feed is disabled")
            }
        }
        if succeeded {
            record.lastSuccess = now
            record.lastError = nil
            record.consecutiveFailures = 0
            record.disabled = false
            if let moved = result.permanentURL, moved != job.url {
                settlement.report.movedTo = moved
                settlement.report.warnings.append("\(job.url) moved permanently to \(moved): the feed list now uses the new URL")
                if keepRecord { settlement.records.append(FeedRecord(url: job.url, removed: true)) }
                if record.title == nil { record.title = known[moved]?.title }
                record.url = moved
            }
        } else {
            record.lastError = settlement.report.error
            record.consecutiveFailures += 1
        }
        if keepRecord { settlement.records.append(record) }
        return settlement
    }
}

/// A value loaded on first use and kept; a failed load is tried again next time. Thread-safe.
final class LoadOnce<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private let load: @Sendable () throws -> Value
    private var loaded: Value?

    init(_ load: @escaping @Sendable () throws -> Value) {
        self.load = load
    }

    func value() throws -> Value {
        try lock.withLock {
            if let loaded { return loaded }
            let value = try load()
            loaded = value
            return value
        }
    }
}
