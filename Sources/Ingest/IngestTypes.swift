import Feeds
import Fetch
import Graph

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
    /// The extractor could not be loaded when the run's first new article needed it; nothing was stored.
    case extractor(String)

    public var description: String {
        switch self {
        case .noFeeds: return "nothing to ingest: the store has no feeds (add some with newsgraph feeds add URL) and no sources were given"
        case .store(let error): return error.description
        case .extractor(let message): return "cannot load the extraction models: \(message); nothing was stored"
        }
    }
}
