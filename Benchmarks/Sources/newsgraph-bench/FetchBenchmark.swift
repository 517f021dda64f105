import Foundation
import Graph
import Ingest
import LoopbackHTTP

/// Feed ingestion over HTTP end to end: a server on 127.0.0.1 serves `feeds` RSS feeds of `items` items each
/// (with ETags); the first run fetches, parses and commits everything, the second is the cron case where every
/// feed answers 304 Not Modified. Server, fetcher, parser and store share this process and its cores.
enum FetchBenchmark {
    static func run(feeds: Int, items: Int, cli: String? = nil) async {
        var random = SplitMix64(state: 42)
        var bodies: [String: [UInt8]] = [:]
        var totalBytes = 0
        for feed in 0..<feeds {
            var text = NewsText(random: SplitMix64(state: random.next()))
            var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>Bench feed \(feed)</title>"
            xml += "<link>https://news.example/\(feed)/</link><description>Generated</description>\n"
            for item in 0..<items {
                xml += "<item><title>\(text.sentence())</title><link>https://news.example/\(feed)/\(item)</link>"
                xml += "<guid>urn:bench:\(feed):\(item)</guid><pubDate>Tue, 01 Sep 2026 10:\(String(format: "%02d", item % 60)):00 GMT</pubDate>"
                xml += "<description>\(text.paragraph(sentences: 4))</description></item>\n"
            }
            xml += "</channel></rss>\n"
            bodies["/feeds/\(feed).xml"] = Array(xml.utf8)
            totalBytes += xml.utf8.count
        }
        let served = bodies
        let server: LoopbackServer
        do {
            server = try LoopbackServer { request in
                guard let body = served[request.path] else { return .init(status: 404) }
                let etag = "\"\(request.path.hashValue & 0xFFFFFF)\""
                if request.header("if-none-match") == etag { return .init(status: 304, headers: [("ETag", etag)]) }
                return .init(headers: [("Content-Type", "application/rss+xml; charset=utf-8"), ("ETag", etag)], body: body)
            }
        } catch {
            print("fetch benchmark: \(error)")
            return
        }
        defer { server.stop() }
        let directory = NSTemporaryDirectory() + "newsgraph-fetch-bench-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let urls = (0..<feeds).map { server.url("/feeds/\($0).xml") }
        print("fetch benchmark: \(feeds) feeds x \(items) items (\(String(format: "%.1f", Double(totalBytes) / 1_048_576)) MB of RSS) from 127.0.0.1, --jobs 8, release build")
        do {
            // First run: everything new (the feeds named on the command line, as `newsgraph ingest URL...`).
            var summary = IngestSummary()
            let pipeline = IngestPipeline(options: IngestOptions())
            var store: GraphStore? = try GraphStore.openForWriting(at: directory)
            let first = try await seconds { summary = try await pipeline.run(IngestRequest(sources: urls), into: store!) }
            store = nil
            print(String(format: "first run:  %.2f s, %d new articles = %.0f articles/s end to end (%d errors)",
                         first, summary.newArticles, Double(summary.newArticles) / first, summary.failedSources))
            // Second and third runs: the store's feed list, all answered 304 (the cron case); store opening included.
            for run in 2...3 {
                var reopened: GraphStore?
                let unchanged = try await seconds {
                    reopened = try GraphStore.openForWriting(at: directory)
                    summary = try await pipeline.run(IngestRequest(), into: reopened!)
                }
                reopened = nil
                print(String(format: "run %d (all 304): %.3f s for %d feeds (%d unchanged, %d new articles, %d errors)%@",
                             run, unchanged, summary.sources, summary.unchanged, summary.newArticles, summary.failedSources,
                             unchanged < 1 ? "" : "  ** over the 1 s budget **"))
            }
            if let cli {
                // The cron line itself: process start, store open, 200 conditional GETs, commit.
                for _ in 0..<3 {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: cli)
                    process.arguments = ["ingest", "--quiet", "--store", directory]
                    let time = try await seconds {
                        try process.run()
                        process.waitUntilExit()
                    }
                    print(String(format: "%@ ingest --quiet (all 304): %.3f s, exit %d", cli, time, process.terminationStatus))
                }
            }
        } catch {
            print("fetch benchmark failed: \(error)")
        }
    }

    static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try await body()
        let duration = clock.now - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
