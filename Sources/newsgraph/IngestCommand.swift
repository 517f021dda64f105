import ArgumentParser
import Feeds
import Foundation
import Graph
import Ingest
import Support

/// `--log-format`
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read files, fetch feeds and pages, extract facts and store them in one transaction.",
        discussion: """
            Without sources, the store's own feed list (newsgraph feeds) is fetched: a cron line can be just \
            `newsgraph ingest --quiet`. Feeds are fetched concurrently with conditional GET (ETag, Last-Modified); \
            their state is kept in the store. Re-ingesting the same articles adds nothing.

            Exit status: 0 every source read or unchanged, 3 some failed, 1 nothing could be done.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Seconds to wait for another writer to finish.")
    var wait: Double = 0

    @Option(name: .customLong("feeds"), help: ArgumentHelp("An OPML file or a list of feed URLs (one a line, # comments); repeatable.", valueName: "file"))
    var feedLists: [String] = []

    @Option(help: "Feeds fetched at the same time.")
    var jobs: Int = 8

    @Option(help: "Seconds one fetch may take in all, redirects included.")
    var timeout: Double = 60

    @Option(name: .customLong("connect-timeout"), help: "Seconds to connect, or to wait for more data.")
    var connectTimeout: Double = 10

    @Option(help: "Extra attempts after a timeout, 5xx or a broken connection.")
    var retries: Int = 2

    @Option(name: .customLong("retry-delay"), help: "Seconds before the first retry; each further retry waits 3 times longer.")
    var retryDelay: Double = 0.5

    @Option(name: .customLong("max-bytes"), help: "Refuse documents and downloads larger than this many bytes.")
    var maxBytes: Int = 64 << 20

    @Flag(name: .customLong("fetch-articles"), help: "Fetch the article page of new entries that carry only a short summary.")
    var fetchArticles = false

    @Option(name: .customLong("max-articles"), help: "At most this many article pages per run (with --fetch-articles).")
    var maxArticles: Int = 50

    @Option(name: .customLong("user-agent"), help: "The User-Agent header sent.")
    var userAgent: String?

    @Flag(name: .customLong("no-extract"), help: "Store the articles without extracting facts (archiving only; much faster).")
    var noExtract = false

    @Flag(help: "Print nothing on success.")
    var quiet = false

    @Option(name: .customLong("log-format"), help: "text: one summary line; json: one JSON object per source and a summary object on standard output.")
    var logFormat: LogFormat = .text

    @Argument(help: "Files, directories (read recursively), - for standard input, or http(s) URLs.")
    var sources: [String] = []

    func validate() throws {
        guard maxBytes > 0 else { throw ValidationError("--max-bytes must be positive") }
        guard jobs > 0 else { throw ValidationError("--jobs must be positive") }
        guard timeout > 0, connectTimeout > 0 else { throw ValidationError("timeouts must be positive") }
        guard retries >= 0, retryDelay >= 0 else { throw ValidationError("--retries and --retry-delay must not be negative") }
        guard maxArticles >= 0 else { throw ValidationError("--max-articles must not be negative") }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let opened = try store.openForWriting(wait: wait)
        var options = IngestOptions()
        options.parse.maxBytes = maxBytes
        options.fetch.maxBytes = maxBytes
        options.fetch.timeout = timeout
        options.fetch.connectTimeout = connectTimeout
        options.fetch.retries = retries
        options.fetch.retryDelay = retryDelay
        if let userAgent { options.fetch.userAgent = userAgent }
        options.jobs = jobs
        options.fetchArticles = fetchArticles
        options.maxArticles = maxArticles
        // The models are loaded only when the run finds a new article (a failure then stores nothing).
        let pipeline = noExtract
            ? IngestPipeline(options: options)
            : IngestPipeline(options: options, extractorLoader: { try TextFactExtractor.bundled() })
        let bar = ProgressBar(enabled: !quiet && logFormat == .text && isatty(2) != 0)
        let summary: IngestSummary
        do {
            summary = try await pipeline.run(IngestRequest(sources: sources, feedLists: feedLists), into: opened) { event in
                switch event {
                case .started(let total): bar.start(total: total)
                case .progress(_, let index): bar.update(index)
                case .fetchingArticles: break
                }
            }
        } catch {
            bar.clear()
            Diagnostics.error(error.description)
            throw ExitStatus.failure
        }
        bar.clear()
        let seconds = (clock.now - started).seconds
        let failed = summary.failedSources > 0 || summary.sources == 0
        switch logFormat {
        case .json:
            if !quiet || failed {
                let output = StandardOutput()
                for report in summary.reports { output.writeLine(IngestLog.json(report)) }
                output.writeLine(IngestLog.json(summary, seconds: seconds))
                output.flush()
            }
        case .text:
            for report in summary.reports {
                if report.outcome == .failed { Diagnostics.error("\(report.source): \(report.error ?? "failed")") }
                if !quiet {
                    for warning in report.warnings { Diagnostics.warning(warning) }
                    if report.outcome == .skipped, let reason = report.error { Diagnostics.warning("\(report.source): skipped, \(reason)") }
                }
            }
            if !quiet || failed { Diagnostics.note(IngestLog.line(summary, seconds: seconds)) }
        }
        if summary.sources == 0 {
            if logFormat == .text { Diagnostics.error("nothing to ingest: every feed is disabled") }
            throw ExitStatus.failure
        }
        if summary.failedSources > 0 {
            throw summary.failedSources == summary.sources ? ExitStatus.failure : ExitStatus.partial
        }
    }
}

/// The ingest's log: a summary line, or JSON objects.
enum IngestLog {
    static func plural(_ count: Int, _ noun: String, _ plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? noun : plural ?? noun + "s")
    }

    /// "12 feeds: 9 unchanged, 3 updated, 41 new articles, 12 already stored, 187 new facts, 0 errors, 2.4 s"
    static func line(_ summary: IngestSummary, seconds: Double) -> String {
        var parts = [
            "\(summary.unchanged) unchanged", "\(summary.updated) updated", plural(summary.newArticles, "new article"),
            "\(summary.knownArticles) already stored", plural(summary.newFacts, "new fact"), plural(summary.failedSources, "error"),
        ]
        if summary.skipped > 0 { parts.append("\(summary.skipped) disabled") }
        if summary.articlePages + summary.articlePagesFailed > 0 {
            parts.append(plural(summary.articlePages, "article page") + " fetched"
                + (summary.articlePagesFailed > 0 ? " (\(summary.articlePagesFailed) failed)" : ""))
        }
        parts.append(String(format: "%.1f s", seconds))
        let total = summary.sources + summary.skipped
        return plural(total, summary.onlyFeeds ? "feed" : "source") + ": " + parts.joined(separator: ", ")
    }

    static func json(_ report: SourceReport) -> String {
        var writer = JSONWriter(reservingCapacity: 256)
        writer.beginObject()
        writer.field("type", report.kind.rawValue)
        writer.field("source", report.source)
        writer.field("status", report.outcome.rawValue)
        writer.field("final_url", report.finalURL)
        writer.key("http_status")
        if let status = report.httpStatus { writer.number(status) } else { writer.null() }
        writer.key("entries")
        writer.number(report.entries)
        writer.key("new_articles")
        writer.number(report.newArticles)
        writer.key("bytes")
        writer.number(report.bytes)
        writer.key("attempts")
        writer.number(report.attempts)
        writer.key("seconds")
        writer.number((report.seconds * 1000).rounded() / 1000)
        writer.field("moved_to", report.movedTo)
        writer.field("error", report.error)
        writer.field("bozo_reason", report.bozoReason)
        writer.key("warnings")
        writer.beginArray()
        for warning in report.warnings { writer.string(warning) }
        writer.endArray()
        writer.endObject()
        return writer.string
    }

    static func json(_ summary: IngestSummary, seconds: Double) -> String {
        var writer = JSONWriter(reservingCapacity: 256)
        writer.beginObject()
        writer.field("type", "summary")
        let counts: [(String, Int)] = [
            ("sources", summary.sources + summary.skipped), ("unchanged", summary.unchanged), ("updated", summary.updated),
            ("errors", summary.failedSources), ("disabled", summary.skipped), ("new_articles", summary.newArticles),
            ("known_articles", summary.knownArticles), ("new_facts", summary.newFacts), ("article_pages", summary.articlePages),
            ("article_pages_failed", summary.articlePagesFailed),
        ]
        for (name, value) in counts {
            writer.key(named: name)
            writer.number(value)
        }
        writer.key("seconds")
        writer.number((seconds * 1000).rounded() / 1000)
        writer.endObject()
        return writer.string
    }
}
