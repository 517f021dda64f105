import Fetch
import Foundation
import LoopbackHTTP
import Testing

/// HTTPFetcher against a scripted server on 127.0.0.1.
@Suite struct HTTPFetcherTests {
    static func options(timeout: Double = 5, retries: Int = 2) -> FetchOptions {
        var options = FetchOptions()
        options.timeout = timeout
        options.connectTimeout = timeout
        options.retries = retries
        options.retryDelay = 0.01
        return options
    }

    @Test func sendsPoliteHeadersAndValidators() async throws {
        let server = try LoopbackServer { _ in .init(headers: [("Content-Type", "text/xml")], text: "<rss/>") }
        defer { server.stop() }
        let fetcher = HTTPFetcher(options: Self.options())
        defer { fetcher.invalidate() }
        let result = await fetcher.fetch(FetchRequest(url: server.url("/feed"), etag: "\"v1\"", lastModified: "Tue, 01 Sep 2026 10:00:00 GMT"))
        let response = try result.get()
        #expect(response.status == 200)
        #expect(response.body == Array("<rss/>".utf8))
        let request = try #require(server.requests.first)
        #expect(request.header("user-agent")?.hasPrefix("NewsGraph/0.1 (+https://") == true)
        #expect(request.header("if-none-match") == "\"v1\"")
        #expect(request.header("if-modified-since") == "Tue, 01 Sep 2026 10:00:00 GMT")
        #expect(request.header("accept-encoding")?.contains("gzip") == true)
        #expect(request.header("accept")?.contains("application/rss+xml") == true)
    }

    @Test func decodesGzip() async throws {
        let text = String(repeating: "<item>gzip body</item>", count: 5000)
        let server = try LoopbackServer { _ in .init(headers: [("Content-Encoding", "gzip")], body: Gzip.encode(Array(text.utf8))) }
        defer { server.stop() }
        let fetcher = HTTPFetcher(options: Self.options())
        defer { fetcher.invalidate() }
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/gz"))).get()
        #expect(String(decoding: response.body, as: UTF8.self) == text)
    }

    @Test func followsRedirectsAndRecordsPermanentMoves() async throws {
        let server = try LoopbackServer { request in
            switch request.path {
            case "/a": return .redirect(301, to: "/b")
            case "/b": return .redirect(308, to: "/c")
            case "/c": return .redirect(302, to: "/d")
            case "/d": return .init(text: "<rss/>")
            default: return .init(status: 404)
            }
        }
        defer { server.stop() }
        let fetcher = HTTPFetcher(options: Self.options())
        defer { fetcher.invalidate() }
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/a"))).get()
        #expect(response.finalURL == server.url("/d"))
        #expect(response.redirects.map(\.status) == [301, 308, 302])
        // Only the unbroken leading permanent redirects count as a move.
        #expect(response.permanentURL == server.url("/c"))
        let temporary = try await fetcher.fetch(FetchRequest(url: server.url("/c"))).get()
        #expect(temporary.permanentURL == nil)
    }

    @Test func stopsRedirectLoopsAndLongChains() async throws {
        let server = try LoopbackServer { request in
            switch request.path {
            case "/loop1": return .redirect(302, to: "/loop2")
            case "/loop2": return .redirect(302, to: "/loop1")
            default:
                // /hop/N redirects to /hop/N+1, forever.
                let n = Int(request.path.split(separator: "/").last ?? "") ?? 0
                return .redirect(301, to: "/hop/\(n + 1)")
            }
        }
        defer { server.stop() }
        let fetcher = HTTPFetcher(options: Self.options())
        defer { fetcher.invalidate() }
        let loop = await fetcher.fetch(FetchRequest(url: server.url("/loop1")))
        #expect(loop.failureKind == .redirectLoop)
        let chain = await fetcher.fetch(FetchRequest(url: server.url("/hop/0")))
        #expect(chain.failureKind == .tooManyRedirects)
        #expect(server.requests.filter { $0.path.hasPrefix("/hop/") }.count == 6)
    }

    @Test func retriesServerErrorsWithBackoff() async throws {
        let counter = Counter()
        let server = try LoopbackServer { _ in
            counter.next() < 2 ? .init(status: 503, text: "busy") : .init(text: "<rss/>")
        }
        defer { server.stop() }
        let fetcher = HTTPFetcher(options: Self.options())
        defer { fetcher.invalidate() }
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/flaky"))).get()
        #expect(response.attempts == 3)
        #expect(server.requests.count == 3)
    }

    @Test func honoursRetryAfter() async throws {
        let counter = Counter()
        let server = try LoopbackServer { request in
            if request.path == "/later" { return .init(status: 503, headers: [("Retry-After", "3600")]) }
            return counter.next() == 0 ? .init(status: 429, headers: [("Retry-After", "1")]) : .init(text: "<rss/>")
        }
        defer { server.stop() }
        let fetcher = HTTPFetcher(options: Self.options())
        defer { fetcher.invalidate() }
        let started = ContinuousClock.now
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/soon"))).get()
        #expect(response.attempts == 2)
        #expect(ContinuousClock.now - started >= .milliseconds(950))
        // Asked to come back in an hour: no retry in this run.
        let later = await fetcher.fetch(FetchRequest(url: server.url("/later")))
        #expect(later.failureKind == .status(503))
        #expect(server.requests(for: "/later").count == 1)
        if case .failure(let error) = later { #expect(error.message == "HTTP 503 Service Unavailable (retry after 3600 s)") }
    }

    @Test func doesNotRetryClientErrors() async throws {
        let server = try LoopbackServer { request in request.path == "/gone" ? .init(status: 410) : .init(status: 404) }
        defer { server.stop() }
        let fetcher = HTTPFetcher(options: Self.options())
        defer { fetcher.invalidate() }
        let missing = await fetcher.fetch(FetchRequest(url: server.url("/missing")))
        #expect(missing.failureKind == .status(404))
        let gone = await fetcher.fetch(FetchRequest(url: server.url("/gone")))
        #expect(gone.failureKind == .gone)
        #expect(server.requests.count == 2)
    }

    @Test func timesOutOnAStalledServer() async throws {
        let server = try LoopbackServer { _ in .stall(seconds: 120) }
        defer { server.stop() }
        let fetcher = HTTPFetcher(options: Self.options(timeout: 0.3, retries: 1))
        defer { fetcher.invalidate() }
        let started = ContinuousClock.now
        let result = await fetcher.fetch(FetchRequest(url: server.url("/slow")))
        #expect(result.failureKind == .timeout)
        let elapsed = ContinuousClock.now - started
        // The server would take 120 s; a generous bound, since the whole suite shares two cores and busy test
        // threads can delay when this task resumes.
        #expect(elapsed >= .milliseconds(250) && elapsed < .seconds(60))
        #expect(server.requests.count == 2)
    }

    @Test func wholeFetchDeadlineCoversSlowBodies() async throws {
        // Headers at once, then the body only after 30 s: the idle timeout alone would not fire in time.
        let server = try LoopbackServer { _ in .init(headers: [], body: Array("<rss/>".utf8), behaviour: .delayBody(seconds: 120)) }
        defer { server.stop() }
        var options = Self.options(timeout: 0.5, retries: 0)
        options.connectTimeout = 10
        let fetcher = HTTPFetcher(options: options)
        defer { fetcher.invalidate() }
        let started = ContinuousClock.now
        let result = await fetcher.fetch(FetchRequest(url: server.url("/slow-body")))
        #expect(result.failureKind == .timeout)
        let elapsed = ContinuousClock.now - started
        // The server would take 120 s; a generous bound, since the whole suite shares two cores and busy test
        // threads can delay when this task resumes.
        #expect(elapsed >= .milliseconds(250) && elapsed < .seconds(60))
    }

    @Test func abortsOversizeDownloads() async throws {
        let big = [UInt8](repeating: 0x41, count: 300_000)
        let server = try LoopbackServer { request in
            request.path == "/gz" ? .init(headers: [("Content-Encoding", "gzip")], body: Gzip.encode(big)) : .init(body: big)
        }
        defer { server.stop() }
        var options = Self.options()
        options.maxBytes = 100_000
        let fetcher = HTTPFetcher(options: options)
        defer { fetcher.invalidate() }
        #expect(await fetcher.fetch(FetchRequest(url: server.url("/big"))).failureKind == .tooLarge)
        // The cap applies to the decoded body, so a small compressed body cannot expand past it.
        #expect(await fetcher.fetch(FetchRequest(url: server.url("/gz"))).failureKind == .tooLarge)
    }

    @Test func droppedConnectionsAreRetried() async throws {
        let counter = Counter()
        let server = try LoopbackServer { _ in counter.next() == 0 ? .drop : .init(text: "<rss/>") }
        defer { server.stop() }
        let fetcher = HTTPFetcher(options: Self.options())
        defer { fetcher.invalidate() }
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/reset"))).get()
        #expect(response.attempts == 2)
    }

    @Test func refusesNonHTTPURLs() async throws {
        let fetcher = HTTPFetcher(options: Self.options())
        defer { fetcher.invalidate() }
        #expect(await fetcher.fetch(FetchRequest(url: "file:///etc/passwd")).failureKind == .invalidURL)
    }

    @Test func hostLimiterCapsConcurrency() async throws {
        let limiter = HostLimiter(limit: 2)
        let peak = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    await limiter.acquire("a")
                    peak.enter()
                    try? await Task.sleep(for: .milliseconds(20))
                    peak.leave()
                    await limiter.release("a")
                }
            }
        }
        #expect(peak.maximum == 2)
    }
}

/// A thread-safe counter for scripted servers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    private var current = 0
    private(set) var maximum = 0

    /// Returns the count before this call.
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value - 1
    }

    func enter() {
        lock.lock()
        current += 1
        maximum = max(maximum, current)
        lock.unlock()
    }

    func leave() {
        lock.lock()
        current -= 1
        lock.unlock()
    }
}

extension Result where Failure == FetchError {
    var failureKind: FetchError.Kind? {
        if case .failure(let error) = self { return error.kind }
        return nil
    }
}
