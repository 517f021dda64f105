import Datalog
import Foundation
import FuzzDriver
import Graph
import Shell

// The REPL as a library: the statement reader splits the input into statements and meta-commands, and the
// session handles each one (definitions, queries, :why, :explain, :rules, :relations, :pop, :format ...)
// against a small store. The REPL must never die on its input. Meta-commands that read or write files
// (:load, :dot) or re-open the store are skipped; a query still running after 200 ms is cancelled, as
// Ctrl-C would.
private let storePath: String = {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("newsgraph-fuzz-repl-\(getpid())").path
    try? FileManager.default.removeItem(atPath: base)
    do {
        let store = try GraphStore.openForWriting(at: base)
        var batch = GraphBatch()
        batch.documents = [DocumentRecord(id: "doc:1", url: "https://example.org/1", title: "Guard story", published: "2025-09-30T12:00:00Z")]
        batch.entities = [EntityRecord(name: "Donald Trump", type: .person), EntityRecord(name: "Illinois", type: .gpe)]
        batch.aliases = [AliasRecord(entity: "Donald Trump", alias: "Trump")]
        batch.facts = [FactRecord(subject: "Donald Trump", relation: "deploy", relationText: "attempt to deploy", object: "National Guard troops",
                                  arguments: [FactArgument(role: "in", value: "Illinois")], document: "doc:1", sentenceIndex: 0,
                                  sentence: "Trump is attempting to deploy National Guard troops in Illinois.")]
        for i in 0..<50 { batch.facts.append(FactRecord(subject: "n\(i)", relation: "next", object: "n\(i + 1)")) }
        try store.commit(batch)
    } catch {
        fatalError("cannot create the fuzzing store: \(error)")
    }
    return base
}()

nonisolated(unsafe) private let session: ReplSession = {
    do {
        return try ReplSession(storePath: storePath, output: { _ in }, errorOutput: { _ in })
    } catch {
        fatalError("cannot open the fuzzing store: \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: fuzzInput(data, size), as: UTF8.self)
    var reader = StatementReader()
    var statements: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) { statements += reader.feed(String(line)) }
    if let rest = reader.finish() { statements.append(rest) }
    for statement in statements {
        let trimmed = statement.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix(":"), let command = try? MetaCommand.parse(trimmed) {
            switch command {
            case .load, .dot, .reload, .quit: continue
            default: break
            }
        }
        let cancellation = CancellationFlag()
        let watchdog = DispatchWorkItem { cancellation.cancel() }
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(200), execute: watchdog)
        _ = session.handle(statement, cancellation: cancellation)
        watchdog.cancel()
    }
    session.handle(":reset")
    return 0
}

runFuzzer(fuzzOne)
