/// How NewsGraph talks to web servers: politely, with limits on time, size and redirects.
public struct FetchOptions: Sendable {
    /// Sent with every request.
    public var userAgent = "NewsGraph/0.1 (+https://github.com/newsgraph/newsgraph; feed fetcher)"
    /// Seconds without progress (connecting, or between received bytes) after which a request fails.
    public var connectTimeout: Double = 10
    /// Seconds one fetch may take in all, redirects included (each retry gets its own).
    public var timeout: Double = 60
    /// Redirects followed per fetch.
    public var maxRedirects = 5
    /// Bodies larger than this (after content decoding) abort the download.
    public var maxBytes = 64 << 20
    /// Extra attempts after a transient failure (timeout, 5xx, 429, connection reset or refused).
    public var retries = 2
    /// Delay before the first retry; each further retry waits three times longer (0.5 s, 1.5 s, ...).
    public var retryDelay: Double = 0.5
    /// A `Retry-After` (on 429 or 503) up to this many seconds is waited for before retrying; a longer one
    /// means no retry in this run.
    public var maxRetryAfter: Double = 30
    /// The `Accept` header for feeds.
    public var accept = "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1"

    public init() {}

    /// The delay before retry number `retry` (1-based).
    public func delay(beforeRetry retry: Int) -> Double {
        var delay = retryDelay
        for _ in 1..<max(1, retry) { delay *= 3 }
        return delay
    }
}

/// One resource to fetch, with the validators of the copy we have (conditional GET).
public struct FetchRequest: Sendable, Equatable {
    public var url: String
    public var etag: String?
    public var lastModified: String?
    /// Overrides `FetchOptions.accept` (article pages ask for HTML).
    public var accept: String?

    public init(url: String, etag: String? = nil, lastModified: String? = nil, accept: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.accept = accept
    }
}

/// One redirect followed.
public struct Redirect: Sendable, Equatable {
    public var status: Int
    public var from: String
    public var to: String

    /// 301 and 308 say the resource moved for good.
    public var isPermanent: Bool { status == 301 || status == 308 }
}

/// A successful fetch: 2xx with a body, or 304 Not Modified.
public struct FetchResponse: Sendable {
    public var requestedURL: String
    /// The URL the body came from, after redirects: the document's base URL.
    public var finalURL: String
    public var status: Int
    public var etag: String?
    public var lastModified: String?
    public var contentType: String?
    public var contentLanguage: String?
    public var body: [UInt8]
    public var redirects: [Redirect]
    /// 1 when the first attempt succeeded.
    public var attempts: Int

    public var isNotModified: Bool { status == 304 }

    /// Where the resource has moved for good: the target of the last of the redirects that lead, unbroken,
    /// with 301 or 308 from the requested URL; nil when the first redirect was temporary or there was none.
    public var permanentURL: String? { Redirect.permanentTarget(of: redirects) }
}

extension Redirect {
    static func permanentTarget(of redirects: [Redirect]) -> String? {
        var target: String?
        for redirect in redirects {
            guard redirect.isPermanent else { break }
            target = redirect.to
        }
        return target
    }
}

/// Why a fetch failed, after its retries.
public struct FetchError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: Sendable, Equatable {
        /// An HTTP status that is neither success, redirect nor 304 (410 is `gone`).
        case status(Int)
        /// 410 Gone: the feed will not come back.
        case gone
        case timeout
        case tooLarge
        case tooManyRedirects
        case redirectLoop
        /// A redirect without a usable `Location`, or to something other than http(s).
        case badRedirect
        case invalidURL
        /// Connection refused, reset or lost; name resolution failed.
        case connection
        case other
    }

    public var kind: Kind
    public var message: String
    public var url: String
    public var redirects: [Redirect] = []
    public var attempts = 1
    /// Seconds the server asked us to wait (`Retry-After`), if it did.
    public var retryAfter: Double?

    public init(kind: Kind, message: String, url: String, redirects: [Redirect] = [], attempts: Int = 1, retryAfter: Double? = nil) {
        self.kind = kind
        self.message = message
        self.url = url
        self.redirects = redirects
        self.attempts = attempts
        self.retryAfter = retryAfter
    }

    /// Worth retrying: timeouts, server errors, rate limiting and broken connections.
    public var isTransient: Bool {
        switch kind {
        case .timeout, .connection: return true
        case .status(let code): return code >= 500 || code == 429 || code == 408
        default: return false
        }
    }

    public var description: String {
        attempts > 1 ? "\(message) (after \(attempts) attempts)" : message
    }

    /// Where the resource moved for good before failing, if it did.
    public var permanentURL: String? { Redirect.permanentTarget(of: redirects) }
}
