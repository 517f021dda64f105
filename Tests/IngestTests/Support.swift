import Foundation
import TestSupport
import Graph
import LoopbackHTTP

/// The newsgraph binary built beside the test bundle (or `$NEWSGRAPH_BIN`).
let newsgraphBinary: String = {
    if let path = ProcessInfo.processInfo.environment["NEWSGRAPH_BIN"], !path.isEmpty { return path }
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("newsgraph").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/newsgraph").path
}()

/// What one run of the binary did.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double

    /// The JSON objects printed with `--log-format json`.
    var json: [[String: Any]] {
        stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    /// The JSON report of one source.
    func report(_ source: String) -> [String: Any]? {
        json.first { $0["source"] as? String == source }
    }

    var summary: [String: Any]? { json.first { $0["type"] as? String == "summary" } }
}

/// A temporary directory for one test, removed by `cleanUp()`.
struct Scratch {
    let path: String

    init(_ name: String = #function) {
        path = TestScratch.directory("ingest-" + name.filter { $0.isLetter || $0.isNumber })
    }

    var store: String { path + "/graph.store" }

    func write(_ name: String, _ text: String) -> String {
        let file = path + "/" + name
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }

    /// Runs `newsgraph ARGUMENTS --store STORE` (for the commands that take a store).
    /// Waits for the process without blocking a thread of the concurrency pool (other tests' servers and
    /// fetchers run there).
    /// Ingests run without extraction unless `extracting` is set.
    func newsgraph(_ arguments: [String], store: Bool = true, extracting: Bool = false) async throws -> RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: newsgraphBinary)
        var all = arguments
        // Most of these tests are about fetching; extraction (debug-built models) would only slow them down.
        if all.first == "ingest" && !extracting { all.append("--no-extract") }
        if store { all += ["--store", self.store] }
        process.arguments = all
        var environment = ProcessInfo.processInfo.environment
        for name in ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] { environment[name] = nil }
        process.environment = environment
        let id = UInt32.random(in: 0...UInt32.max)
        let out = path + "/out-\(id)", err = path + "/err-\(id)"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: err)
        process.standardInput = FileHandle.nullDevice
        let started = Date()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume()
            }
        }
        guard process.processIdentifier != 0 else { throw CocoaError(.executableNotLoadable) }
        let seconds = Date().timeIntervalSince(started)
        let stdout = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
        return RunResult(status: process.terminationStatus, stdout: stdout, stderr: stderr, seconds: seconds)
    }

    /// `newsgraph ingest --log-format json` with fast retries, plus `arguments`.
    func ingest(_ arguments: [String]) async throws -> RunResult {
        try await newsgraph(["ingest", "--log-format", "json", "--retry-delay", "0.01", "--timeout", "5"] + arguments)
    }

    /// The store as a reader sees it.
    func opened() throws -> GraphStore { try GraphStore.openForReading(at: store) }

    func feed(_ url: String) throws -> FeedRecord? { try opened().graph.feeds.first { $0.url == url } }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

/// RSS 2.0 with `count` items whose guids start with `prefix`.
func rss(title: String = "Loopback News", prefix: String, count: Int, summary: String = "A short summary.", link: ((Int) -> String)? = nil) -> String {
    var items = ""
    for index in 0..<count {
        let url = link?(index) ?? "https://news.example/\(prefix)/\(index)"
        items += """
            <item><title>\(prefix) story \(index)</title><link>\(url)</link><guid>urn:test:\(prefix):\(index)</guid>\
            <pubDate>Tue, 01 Sep 2026 10:\(String(format: "%02d", index % 60)):00 GMT</pubDate>\
            <description>\(summary)</description></item>

            """
    }
    return """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>\(title)</title><link>https://news.example/</link>
        <description>Test feed</description>
        \(items)</channel></rss>
        """
}

/// A response serving `body` as RSS with the given extra headers.
func feedResponse(_ body: String, headers: [(String, String)] = []) -> LoopbackServer.Response {
    LoopbackServer.Response(status: 200, headers: [("Content-Type", "application/rss+xml; charset=utf-8")] + headers, text: body)
}

/// A thread-safe counter for scripted servers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Int] = [:]
    private var current: [String: Int] = [:]
    private var peaks: [String: Int] = [:]

    /// Returns how often `key` was counted before.
    func next(_ key: String = "") -> Int {
        lock.lock()
        defer { lock.unlock() }
        values[key, default: 0] += 1
        return values[key]! - 1
    }

    func enter(_ key: String) {
        lock.lock()
        current[key, default: 0] += 1
        peaks[key] = max(peaks[key] ?? 0, current[key]!)
        lock.unlock()
    }

    func leave(_ key: String) {
        lock.lock()
        current[key, default: 0] -= 1
        lock.unlock()
    }

    func peak(_ key: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return peaks[key] ?? 0
    }
}
