import Feeds
import Fetch
import Foundation
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

/// Progress of an ingest, for a progress bar.
public enum IngestEvent: Sendable {
    /// The number of sources (files, feeds, pages) about to be read.
    case started(sources: Int)
    /// One more source was read (or failed); `index` counts the sources done so far.
    case progress(source: String, index: Int)
    /// Article pages of short entries about to be fetched (`--fetch-articles`).
    case fetchingArticles(count: Int)
}

/// What to ingest.
public struct IngestRequest: Sendable {
    /// Files, directories (read recursively), `-` for standard input and http(s) URLs.
    public var sources: [String]
    /// Subscription lists (OPML 1.0/2.0 or one URL a line) whose feeds are fetched.
    public var feedLists: [String]

    public init(sources: [String] = [], feedLists: [String] = []) {
        self.sources = sources
        self.feedLists = feedLists
    }

    /// Neither sources nor lists: the store's own feed list is fetched.
    public var usesStoreFeeds: Bool { sources.isEmpty && feedLists.isEmpty }

    /// True for `http://` and `https://` sources.
    public static func isURL(_ source: String) -> Bool {
        let lower = source.prefix(8).lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }
}

/// How an ingest reads and fetches.
public struct IngestOptions: Sendable {
    /// `maxBytes` applies to files and downloads alike.
    public var parse = ParseOptions()
    public var fetch = FetchOptions()
    /// Feeds fetched at the same time.
    public var jobs = 8
    /// Fetch the article page of new entries whose text is shorter than `shortText` characters.
    public var fetchArticles = false
    /// At most this many article pages per run.
    public var maxArticles = 50
    /// Concurrent article-page requests per host.
    public var articleRequestsPerHost = 2
    /// Entries with less text than this (in characters) count as summaries.
    public var shortText = 500

    public init() {}
}

/// What happened to one source.
public struct SourceReport: Sendable {
    public enum Kind: String, Sendable {
        /// A local file or standard input.
        case file
        /// A feed fetched over HTTP.
        case feed
        /// An HTML page fetched over HTTP, ingested as one article.
        case page
    }

    public enum Outcome: String, Sendable {
        /// New articles were found.
        case updated
        /// 304 Not Modified, or nothing new.
        case unchanged
        case failed
        /// Not fetched: the feed is disabled (410 Gone).
        case skipped
    }

    public var source: String
    public var kind: Kind
    public var outcome: Outcome
    /// The URL the document came from after redirects.
    public var finalURL: String?
    /// The last HTTP status seen (200, 304, 404, ...), nil for files and connection failures.
    public var httpStatus: Int?
    /// Entries in the document.
    public var entries = 0
    /// Articles not stored before (counted once per run, for the first source that had them).
    public var newArticles = 0
    public var bytes = 0
    public var attempts = 0
    public var seconds = 0.0
    /// Why it failed or was skipped.
    public var error: String?
    /// Things the user should know: a permanent move, a feed disabled, a bozo document.
    public var warnings: [String] = []
    /// The feed's new URL after a permanent redirect.
    public var movedTo: String?
    /// Why the document was not well-formed, if it was not.
    public var bozoReason: String?

    public init(source: String, kind: Kind, outcome: Outcome) {
        self.source = source
        self.kind = kind
        self.outcome = outcome
    }
}

/// The result of an ingest run.
public struct IngestSummary: Sendable {
    /// Sources read or attempted (skipped feeds not included).
    public var sources = 0
    public var failedSources = 0
    public var updated = 0
    public var unchanged = 0
    /// Disabled feeds not fetched.
    public var skipped = 0
    public var newArticles = 0
    public var knownArticles = 0
    public var newFacts = 0
    /// Article pages fetched for short entries, and those that failed.
    public var articlePages = 0
    public var articlePagesFailed = 0
    /// Only URLs (feeds and pages) were read.
    public var onlyFeeds = true
    /// One report per source, in the order given.
    public var reports: [SourceReport] = []

    public init() {}
}

/// Why nothing could be ingested at all.
public enum IngestError: Error, Sendable, CustomStringConvertible {
    /// No sources given and the store has no feeds.
    case noFeeds
    case store(StoreError)

    public var description: String {
        switch self {
        case .noFeeds: return "nothing to ingest: the store has no feeds (add some with newsgraph feeds add URL) and no sources were given"
        case .store(let error): return error.description
        }
    }
}

/// Sources → fetch → parse → extract → one store transaction.
///
/// Files are read in order; feeds and pages are fetched concurrently (`jobs` at a time), each with its own
/// retries and deadline, so a slow or broken feed never holds up the others. Everything found, together with
/// the updated feed records (validators, successes, failures, moves), is committed in one transaction.
public struct IngestPipeline: Sendable {
    public var options: IngestOptions
    public var extractor: FactExtractor?

    public init(options: IngestOptions = IngestOptions(), extractor: FactExtractor? = nil) {
        self.options = options
        self.extractor = extractor
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
                    let document = try FeedParser.parse(bytes, source: item.name, options: options.parse)
                    articles = Article.articles(from: document)
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
            var report = result.report
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
                    report.outcome = .failed
                    report.error = "served an HTML page (\(response.contentType ?? "no content type")), not a feed"
                } else {
                    succeeded = true
                    report.kind = document.kind == .html ? .page : .feed
                    if document.kind != .html {
                        keepRecord = true
                        record.etag = response.etag
                        record.lastModified = response.lastModified
                        if record.title == nil { record.title = document.feed?.title?.plainText }
                    }
                    admit(articles, fromFeed: document.kind != .html, into: &report)
                }
            case .failed(let error):
                if error?.kind == .gone {
                    record.disabled = true
                    report.warnings.append("\(job.url) is gone (HTTP 410): the feed is disabled")
                }
            }
            if succeeded {
                record.lastSuccess = now
                record.lastError = nil
                record.consecutiveFailures = 0
                record.disabled = false
                if let moved = result.permanentURL, moved != job.url {
                    report.movedTo = moved
                    report.warnings.append("\(job.url) moved permanently to \(moved): the feed list now uses the new URL")
                    if keepRecord { batch.feeds.append(FeedRecord(url: job.url, removed: true)) }
                    if let existing = known[moved] {
                        record.title = existing.title ?? record.title
                    }
                    record.url = moved
                }
            } else {
                record.lastError = report.error
                record.consecutiveFailures += 1
            }
            if keepRecord { batch.feeds.append(record) }
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
            if let extractor {
                let extracted = extractor.extract(article)
                batch.facts += extracted.facts
                batch.entities += extracted.entities
                batch.aliases += extracted.aliases
            }
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

    /// Fetches and parses one feed (or page).
    static func fetch(_ job: FeedJob, with fetcher: HTTPFetcher, parse: ParseOptions) async -> FeedResult {
        let started = ContinuousClock.now
        var report = SourceReport(source: job.url, kind: .feed, outcome: .failed)
        let request = FetchRequest(url: job.url, etag: job.record?.etag, lastModified: job.record?.lastModified)
        let outcome: FeedResult.Outcome
        var permanentURL: String?
        switch await fetcher.fetch(request) {
        case .success(let response):
            report.finalURL = response.finalURL
            report.httpStatus = response.status
            report.attempts = response.attempts
            report.bytes = response.body.count
            permanentURL = response.permanentURL
            if response.isNotModified {
                report.outcome = .unchanged
                outcome = .notModified(response)
            } else {
                var options = parse
                options.charset = nil
                options.mediaType = nil
                if let contentType = response.contentType { options.apply(contentType: contentType) }
                options.baseURL = response.finalURL
                options.language = response.contentLanguage
                if let charset = options.charset, Self.mislabelledUTF8(response.body, charset: charset) {
                    options.charset = "utf-8"
                    report.warnings.append("\(job.url) is served as charset=\(charset) but is UTF-8: read as UTF-8")
                }
                do {
                    let document = try FeedParser.parse(response.body, source: job.url, options: options)
                    let articles = Article.articles(from: document)
                    report.entries = articles.count
                    report.bozoReason = document.bozoReason
                    report.outcome = .unchanged
                    outcome = .document(response, document, articles)
                } catch {
                    report.error = error.message
                    outcome = .failed(nil)
                }
            }
        case .failure(let error):
            report.finalURL = error.url
            report.attempts = error.attempts
            if case .status(let code) = error.kind { report.httpStatus = code }
            if error.kind == .gone { report.httpStatus = 410 }
            report.error = error.description
            outcome = .failed(error)
        }
        report.seconds = (ContinuousClock.now - started).seconds
        return FeedResult(report: report, outcome: outcome, permanentURL: permanentURL)
    }

    /// True when an HTTP header names a single-byte Western charset (the default of many servers) for bytes
    /// that are valid UTF-8 with non-ASCII characters: text in those charsets is practically never valid UTF-8,
    /// so the header is wrong and the document is read as UTF-8 (with a warning) instead of as mojibake.
    static func mislabelledUTF8(_ body: [UInt8], charset: String) -> Bool {
        let latin: Set<String> = ["iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252", "iso-8859-15"]
        guard latin.contains(charset.lowercased()), body.contains(where: { $0 >= 0x80 }) else { return false }
        return String(validating: body, as: UTF8.self) != nil
    }

    /// Fetches article pages (at most `articleRequestsPerHost` at a time per host, `jobs` in all) and returns
    /// the main text of each, nil where the page could not be fetched or was not HTML.
    func fetchArticlePages(_ articles: [Article]) async -> [String?] {
        var fetchOptions = options.fetch
        fetchOptions.maxBytes = options.parse.maxBytes
        let fetcher = HTTPFetcher(options: fetchOptions)
        defer { fetcher.invalidate() }
        let limiter = HostLimiter(limit: options.articleRequestsPerHost)
        let parse = options.parse
        let urls = articles.map(\.url)
        var texts = [String?](repeating: nil, count: urls.count)
        let width = max(1, options.jobs)
        await withTaskGroup(of: (Int, String?).self) { group in
            var next = 0
            func start() {
                let index = next
                let url = urls[index]
                next += 1
                group.addTask {
                    let host = URL(string: url)?.host ?? url
                    await limiter.acquire(host)
                    let text = await Self.articleText(url, fetcher: fetcher, parse: parse)
                    await limiter.release(host)
                    return (index, text)
                }
            }
            while next < urls.count && next < width { start() }
            while let (index, text) = await group.next() {
                texts[index] = text
                if next < urls.count { start() }
            }
        }
        return texts
    }

    static func articleText(_ url: String, fetcher: HTTPFetcher, parse: ParseOptions) async -> String? {
        let request = FetchRequest(url: url, accept: "text/html, application/xhtml+xml;q=0.9, */*;q=0.1")
        guard case .success(let response) = await fetcher.fetch(request), !response.isNotModified else { return nil }
        var options = parse
        options.charset = nil
        options.mediaType = nil
        if let contentType = response.contentType { options.apply(contentType: contentType) }
        options.baseURL = response.finalURL
        options.language = response.contentLanguage
        guard let document = try? FeedParser.parse(response.body, source: url, options: options), document.kind == .html else { return nil }
        return document.entries.first?.text
    }
}

/// One feed or page to fetch.
struct FeedJob: Sendable {
    var url: String
    var title: String?
    /// From a feed list or already in the store's: its state is recorded even when it fails, and HTML is an error.
    var declared: Bool
    /// Named on the command line: fetched even when disabled.
    var explicit: Bool
    var record: FeedRecord?
}

/// What fetching one feed gave.
struct FeedResult: Sendable {
    enum Outcome: Sendable {
        case notModified(FetchResponse)
        case document(FetchResponse, ParsedDocument, [Article])
        /// The fetch error, or nil when the document could not be parsed.
        case failed(FetchError?)
    }

    var report: SourceReport
    var outcome: Outcome
    var permanentURL: String?
}

/// Wall-clock timestamps in ISO 8601 UTC.
enum Timestamp {
    static func now() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        var seconds = time_t(time.tv_sec)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
