import Feeds
import Fetch
import Foundation
import Graph
import Support

extension IngestPipeline {
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
                    let (document, articles) = try Article.parse(response.body, source: job.url, options: options)
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

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
