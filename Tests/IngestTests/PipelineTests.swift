import Feeds
import Foundation
import Graph
import Ingest
import LoopbackHTTP
import Testing

/// The pipeline as a library, with an extractor that records what it was given.
@Suite struct PipelineTests {
    final class Recorder: FactExtractor, @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [String: String] = [:]
        var texts: [String: String] { lock.withLock { seen } }

        func extract(_ article: Article) -> ExtractedFacts {
            lock.withLock { seen[article.id] = article.text }
            return ExtractedFacts(facts: [FactRecord(subject: "Officials", relation: "confirm", object: "agreement", document: article.id)])
        }
    }

    @Test func articlePagesReplaceShortSummaries() async throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let box = ServerBox()
        let longSummary = String(repeating: "This entry carries its whole story in the feed. ", count: 15)
        let server = try LoopbackServer { request in
            switch request.path {
            case "/feed.xml":
                let short = rss(prefix: "short", count: 2, link: { box.url("/story/\($0)") })
                let long = rss(prefix: "long", count: 1, summary: longSummary, link: { box.url("/long/\($0)") })
                // One feed with both kinds of item.
                let items = short.components(separatedBy: "<item>").dropFirst().map { "<item>" + $0 }.joined()
                    .replacingOccurrences(of: "</channel></rss>", with: "")
                let longItem = long.components(separatedBy: "<item>")[1].replacingOccurrences(of: "</channel></rss>", with: "")
                return feedResponse("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Mixed</title>\(items)<item>\(longItem)</channel></rss>")
            case "/story/1":
                return .init(status: 404)
            default:
                let text = String(repeating: "Officials confirmed the agreement in Geneva on Tuesday after long talks. ", count: 10)
                return .init(headers: [("Content-Type", "text/html")], text: "<html><body><article><p>\(text)</p></article></body></html>")
            }
        }
        defer { server.stop() }
        box.set(server.baseURL)
        var options = IngestOptions()
        options.fetchArticles = true
        options.fetch.retryDelay = 0.01
        let recorder = Recorder()
        let store = try GraphStore.openForWriting(at: scratch.store)
        let summary = try await IngestPipeline(options: options, extractor: recorder).run(IngestRequest(sources: [server.url("/feed.xml")]), into: store)
        #expect(summary.newArticles == 3)
        #expect(summary.newFacts == 3)
        #expect(summary.articlePages == 1)
        #expect(summary.articlePagesFailed == 1)
        #expect(recorder.texts["urn:test:short:0"]?.contains("Officials confirmed the agreement in Geneva") == true)
        // The failed page leaves the summary; the long entry is not fetched at all.
        #expect(recorder.texts["urn:test:short:1"] == "A short summary.")
        #expect(server.requests(for: "/long/0").isEmpty)
    }

    /// Models are loaded only when a run has new articles; a loader that fails stores nothing.
    @Test func extractorIsLoadedOnlyForNewArticles() async throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let feed = scratch.write("feed.xml", rss(prefix: "lazy", count: 2))
        let loads = Counter()
        let recorder = Recorder()
        let pipeline = IngestPipeline(extractorLoader: {
            _ = loads.next("load")
            return recorder
        })
        struct Unloadable: Error, CustomStringConvertible { var description: String { "model file damaged" } }
        let failing = IngestPipeline(extractorLoader: { throw Unloadable() })

        // A failing loader ends the run before anything is committed.
        do {
            let store = try GraphStore.openForWriting(at: scratch.store)
            await #expect(throws: IngestError.self) { try await failing.run(IngestRequest(sources: [feed]), into: store) }
        }
        #expect(try scratch.opened().graph.documentCount == 0)

        let store = try GraphStore.openForWriting(at: scratch.store)
        let first = try await pipeline.run(IngestRequest(sources: [feed]), into: store)
        #expect(first.newArticles == 2 && first.newFacts == 2)
        let again = try await pipeline.run(IngestRequest(sources: [feed]), into: store)
        #expect(again.newArticles == 0)
        #expect(loads.next("load") == 1)  // loaded once, for the run that had new articles
        #expect(recorder.texts.count == 2)

        // A later run with new articles reuses the loaded extractor.
        let more = scratch.write("more.xml", rss(prefix: "more", count: 1))
        let third = try await pipeline.run(IngestRequest(sources: [more]), into: store)
        #expect(third.newArticles == 1)
        #expect(loads.next("load") == 2)  // the one load and the probe above: no second load
        #expect(recorder.texts.count == 3)
    }

    @Test func lockedStoreFailsBeforeFetching() async throws {
        // A store opened for writing by another holder: the second writer cannot even start.
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let holder = try GraphStore.openForWriting(at: scratch.store)
        let server = try LoopbackServer { _ in feedResponse(rss(prefix: "lock", count: 1)) }
        defer { server.stop() }
        let run = try await scratch.newsgraph(["ingest", server.url("/feed.xml")])
        #expect(run.status == 1)
        #expect(run.stderr.contains("is being written by"))
        #expect(server.requests.isEmpty)
        _ = holder
    }
}
