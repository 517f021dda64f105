import Foundation
import TestSupport
import Testing

@testable import Graph

/// Drives `newsgraph repl` through a pseudo-terminal (util-linux `script`) as a person would:
/// typing, Tab, Ctrl-C, Ctrl-D.
final class TerminalSession: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var buffer = ""

    init(arguments: [String], environment: [String: String]) throws {
        signal(SIGPIPE, SIG_IGN)  // a session that ended must fail the test, not kill the test runner
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let command = ([ReplTestSupport.executable] + arguments).map { "'\($0)'" }.joined(separator: " ")
        process.arguments = ["-qfec", command, "/dev/null"]
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock()
            self.buffer += String(decoding: data, as: UTF8.self)
            self.lock.unlock()
        }
        try process.run()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }

    func type(_ keys: String) {
        try? input.fileHandleForWriting.write(contentsOf: Data(keys.utf8))
    }

    /// Waits until the output since `offset` contains `needle`.
    /// Polls with `Task.sleep`, so a long session never holds one of the test runner's few threads.
    @discardableResult
    func wait(for needle: String, after offset: Int = 0, timeout: Double = 20) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let current = text
            if current.count > offset, current.dropFirst(offset).contains(needle) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    func finish() {
        if process.isRunning { type("\u{4}") }
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        output.fileHandleForReading.readabilityHandler = nil
    }
}

enum ReplTestSupport {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let executable = packageRoot.appendingPathComponent(".build/debug/newsgraph").path

    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: executable) && FileManager.default.isExecutableFile(atPath: "/usr/bin/script")
    }

    /// A store with a few news facts and a chain long enough to make recursion slow.
    static func makeStore() throws -> (store: String, state: String) {
        let base = TestScratch.path("repl")
        try FileManager.default.createDirectory(atPath: base + "/state", withIntermediateDirectories: true)
        let store = try GraphStore.openForWriting(at: base + "/store")
        var batch = GraphBatch()
        batch.documents = [DocumentRecord(id: "doc:1", url: "https://example.org/1", title: "Guard story", published: "2025-09-30T12:00:00Z")]
        batch.entities = [EntityRecord(name: "Donald Trump", type: .person), EntityRecord(name: "Illinois", type: .gpe)]
        batch.facts = [FactRecord(subject: "Donald Trump", relation: "deploy", relationText: "attempt to deploy", object: "National Guard troops",
                                  arguments: [FactArgument(role: "in", value: "Illinois")], document: "doc:1", sentenceIndex: 0,
                                  sentence: "Trump is attempting to deploy National Guard troops in Illinois.")]
        for i in 0..<1500 { batch.facts.append(FactRecord(subject: "n\(i)", relation: "next", object: "n\(i + 1)")) }
        try store.commit(batch)
        return (base + "/store", base + "/state")
    }
}

@Suite("REPL through a terminal", .serialized)
struct TerminalSessionTests {
    @Test func queryCompletionErrorsInterruptAndHistory() async throws {
        guard ReplTestSupport.available else {
            print("skipped: needs .build/debug/newsgraph and /usr/bin/script")
            return
        }
        let (store, state) = try ReplTestSupport.makeStore()
        let session = try TerminalSession(arguments: ["repl", "--store", store], environment: ["XDG_STATE_HOME": state])
        defer { session.finish() }
        #expect(await session.wait(for: "newsgraph> "), "no prompt: \(session.text.prefix(600))")

        // A query and its table.
        var mark = session.text.count
        session.type("rel(X, \"deploy\", Y).\n")
        #expect(await session.wait(for: "(1 row)", after: mark), "no table in: \(session.text.suffix(400))")
        #expect(session.text.dropFirst(mark).contains("Donald Trump"))

        // Tab completes an entity name, quoted.
        mark = session.text.count
        session.type("type(\"Donald T\t")
        try await Task.sleep(for: .microseconds(300_000))
        session.type(", T).\n")
        #expect(await session.wait(for: "person", after: mark), "completion did not give \"Donald Trump\": \(session.text.suffix(300))")

        // An error keeps the session alive.
        mark = session.text.count
        session.type("rell(X, Y, Z).\n")
        #expect(await session.wait(for: "did you mean", after: mark))
        mark = session.text.count
        session.type(":stats\n")
        #expect(await session.wait(for: "facts 1501", after: mark))

        // Ctrl-C cancels a deliberately endless recursive query; the next query works.
        mark = session.text.count
        session.type("count(N) :- N = 0.\n")
        #expect(await session.wait(for: "defined count/1", after: mark))
        mark = session.text.count
        session.type("count(M) :- count(N), M = N + 1.\n")
        #expect(await session.wait(for: "defined count/1", after: mark))
        mark = session.text.count
        session.type("count(N), N > 100000000.\n")
        try await Task.sleep(for: .microseconds(1_000_000))
        let interruptedAt = Date()
        session.type("\u{3}")
        #expect(await session.wait(for: "query cancelled", after: mark, timeout: 10), "no cancellation in: \(session.text.suffix(600))")
        #expect(Date().timeIntervalSince(interruptedAt) < 5)
        mark = session.text.count
        session.type("rel(\"Donald Trump\", P, O).\n")
        #expect(await session.wait(for: "(1 row)", after: mark))

        // Ctrl-C at an empty prompt does not end the session.
        #expect(await session.wait(for: "newsgraph> ", after: session.text.count - 12))
        try await Task.sleep(for: .microseconds(500_000))
        mark = session.text.count
        session.type("\u{3}")
        try await Task.sleep(for: .microseconds(1_000_000))
        session.type("\n")  // answers "no" if the session asked for confirmation
        try await Task.sleep(for: .microseconds(300_000))
        let afterInterrupt = session.text.count
        session.type("rel(X, \"deploy\", Y).\n")
        #expect(await session.wait(for: "(1 row)", after: afterInterrupt), "the session did not survive Ctrl-C at the prompt: \(session.text.suffix(400).debugDescription)")
        session.type(":quit\n")
        try await Task.sleep(for: .microseconds(500_000))

        // History survives a restart.
        let history = (try? String(contentsOfFile: state + "/newsgraph/history", encoding: .utf8)) ?? ""
        #expect(history.contains("deploy"), "history file: \(history.prefix(200))")
        let second = try TerminalSession(arguments: ["repl", "--store", store], environment: ["XDG_STATE_HOME": state])
        defer { second.finish() }
        #expect(await second.wait(for: "newsgraph> "))
        mark = second.text.count
        second.type("\u{1B}[A\u{1B}[A\n")
        #expect(await second.wait(for: "(1 row)", after: mark), "up-arrow recall failed: \(second.text.suffix(300))")
    }

    @Test func scriptsReadStandardInputAndReportFailures() async throws {
        guard ReplTestSupport.available else { return }
        let (store, _) = try ReplTestSupport.makeStore()
        func run(_ text: String) async throws -> (Int32, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ReplTestSupport.executable)
            process.arguments = ["repl", "--store", store]
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = output
            try process.run()
            input.fileHandleForWriting.write(Data(text.utf8))
            try input.fileHandleForWriting.close()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let (ok, text) = try await run(":limit 3\nreach(X, Y) :- rel(X, \"next\", Y).\nreach(X, Z) :- reach(X, Y), rel(Y, \"next\", Z).\n?- reach(\"n0\", Y).\n")
        #expect(ok == 0)
        #expect(text.contains("… 1,497 more rows") && !text.contains("newsgraph>"))
        let (failed, errors) = try await run("rel(X, Y.\n:load /no/such/file.dl\nrel(\"open string, X\n")
        #expect(failed == 2)
        #expect(errors.contains("cannot read /no/such/file.dl") && errors.contains("incomplete statement"))
    }
}
