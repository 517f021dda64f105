import Foundation
import Testing

@testable import Graph

/// Kills writers with SIGKILL at random moments and checks that the store always opens to the state
/// before or after the interrupted transaction, never a mix and never an error. Also runs readers
/// against a writer and checks every answer is a committed state.
@Suite("Graph store: crash safety", .serialized)
struct CrashSafetyTests {
    static let executable = SharedPaths.packageRoot.appendingPathComponent(".build/debug/newsgraph").path

    /// Feeds with 20 items each, written for this test.
    static func writeFeeds(count: Int, into directory: String, tag: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for feed in 0..<count {
            var items = ""
            for item in 0..<20 {
                items += "<item><title>Story \(tag) \(feed)-\(item)</title><link>https://example.org/\(tag)/\(feed)/\(item)</link>"
                items += "<description>\(String(repeating: "Words about the story. ", count: 30))</description></item>\n"
            }
            let text = "<rss version=\"2.0\"><channel><title>Feed \(feed)</title><link>https://example.org/\(feed)</link>\(items)</channel></rss>"
            try text.write(toFile: "\(directory)/feed\(feed).xml", atomically: false, encoding: .utf8)
        }
    }

    static func writeTriples(count: Int, to path: String, tag: String) throws {
        var text = ""
        for i in 0..<count { text += "s\(tag)\(i % 997)\tp\(i % 13)\to\(tag)\(i)\n" }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// Runs the executable, killing it after `delay` seconds; waits with `Task.sleep` so the test runner's
    /// threads stay free for other tests.
    static func run(_ arguments: [String], killAfter delay: Double?) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let delay {
            try await Task.sleep(for: .microseconds(Int(delay * 1_000_000)))
            kill(process.processIdentifier, SIGKILL)
        }
        while process.isRunning { try await Task.sleep(for: .milliseconds(5)) }
        return process.terminationStatus
    }

    static func state(_ path: String) throws -> (facts: Int, documents: Int) {
        let store = try GraphStore.openForReading(at: path)
        return (store.graph.factCount, store.graph.documentCount)
    }

    @Test func killedWritersLeaveBeforeOrAfterState() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable) else {
            print("skipped: \(Self.executable) is not built (run swift build first)")
            return
        }
        let work = temporaryStorePath()
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let feeds = work + "/feeds"
        try Self.writeFeeds(count: 40, into: feeds, tag: "crash")
        let triples = work + "/triples.tsv"
        try Self.writeTriples(count: 60_000, to: triples, tag: "x")
        // Reference states: before and after each kind of transaction.
        let base = work + "/reference"
        #expect(try await Self.run(["ingest", "--no-extract", "--store", base, "--quiet", feeds], killAfter: nil) == 0)
        let afterIngest = try Self.state(base)
        #expect(afterIngest.documents == 800)
        #expect(try await Self.run(["import", "--store", base, triples], killAfter: nil) == 0)
        let afterImport = try Self.state(base)
        #expect(afterImport.facts == 60_000)

        var random = SystemRandomNumberGenerator()
        var outcomes: [String: Int] = [:]
        for run in 0..<50 {
            let store = "\(work)/store\(run)"
            let importing = run % 2 == 1
            if importing {
                #expect(try await Self.run(["ingest", "--no-extract", "--store", store, "--quiet", feeds], killAfter: nil) == 0)
            }
            let delay = Double.random(in: 0.0...(importing ? 0.6 : 0.25), using: &random)
            let arguments = importing ? ["import", "--store", store, triples] : ["ingest", "--no-extract", "--store", store, "--quiet", feeds]
            _ = try await Self.run(arguments, killAfter: delay)
            guard FileManager.default.fileExists(atPath: store) else {
                outcomes["not created", default: 0] += 1
                continue
            }
            let state = try Self.state(store)
            let before = importing ? afterIngest : (facts: 0, documents: 0)
            let after = importing ? afterImport : afterIngest
            let matches = (state.facts == before.facts && state.documents == before.documents)
                || (state.facts == after.facts && state.documents == after.documents)
            #expect(matches, "run \(run) (\(importing ? "import" : "ingest") killed after \(delay) s) left \(state)")
            outcomes[state.facts == before.facts && state.documents == before.documents ? "before" : "after", default: 0] += 1
            try? FileManager.default.removeItem(atPath: store)
        }
        print("crash test outcomes over 50 killed writers: \(outcomes.sorted { $0.key < $1.key })")
    }

    @Test func readersDuringAnIngestSeeCommittedStates() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable) else {
            print("skipped: \(Self.executable) is not built")
            return
        }
        let work = temporaryStorePath()
        let store = work + "/store"
        var committed: Set<Int> = [0]
        for round in 0..<4 {
            let feeds = "\(work)/feeds\(round)"
            try Self.writeFeeds(count: 10, into: feeds, tag: "r\(round)")
            let writer = Process()
            writer.executableURL = URL(fileURLWithPath: Self.executable)
            writer.arguments = ["ingest", "--no-extract", "--store", store, "--quiet", "--wait", "5", feeds]
            try writer.run()
            while writer.isRunning {
                if FileManager.default.fileExists(atPath: store + "/journal") {
                    let documents = try GraphStore.openForReading(at: store).graph.documentCount
                    #expect(documents % 200 == 0, "a reader saw \(documents) articles, not a committed state")
                }
                try await Task.sleep(for: .milliseconds(2))
            }
            committed.insert((round + 1) * 200)
        }
        #expect(try GraphStore.openForReading(at: store).graph.documentCount == 800)
    }
}


enum SharedPaths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
