import Foundation
import TestSupport
import Testing

@testable import Graph

@Suite("Graph store: content and indexes")
struct KnowledgeGraphTests {
    @Test func internsTermsOnce() {
        var terms = TermDictionary()
        let a = terms.intern("Donald Trump")
        let b = terms.intern("Illinois")
        #expect(terms.intern("Donald Trump") == a)
        #expect(terms.lookup("Illinois") == b)
        #expect(terms.lookup("Chicago") == nil)
        for i in 0..<10_000 { terms.intern("term \(i)") }
        #expect(terms.string(a) == "Donald Trump")
        #expect(terms.lookup("term 9999") != nil)
        #if NEWSGRAPH_INTERNAL_CHECKS
        terms._checkInvariants()
        #endif
    }

    @Test func answersPatternsThroughIndexesAndDelta() {
        let graph = KnowledgeGraph()
        graph.apply(sampleBatch(documents: 20))
        graph.ensureIndexed(force: true)
        graph.apply(sampleBatch(documents: 5, prefix: "b"))  // stays in the delta
        let entity = graph.lookup("Entity 3")!
        let meet = graph.lookup("meet")!
        var seen = 0
        graph.scan("rel", [entity, meet, nil]) { tuple in
            #expect(tuple[0] == entity && tuple[1] == meet)
            seen += 1
            return true
        }
        let expected = (0..<graph.factCount).filter { graph.fact(at: $0).subject == "Entity 3" }.count
        #expect(seen == expected)
        #expect(graph.estimatedCount("rel", [entity, nil, nil]) >= expected)
        #expect(graph.factRows(touching: "Entity 3").count >= expected)
    }

    @Test func servesEveryBaseRelation() {
        let graph = KnowledgeGraph()
        graph.apply(sampleBatch(documents: 3))
        func count(_ relation: String, _ pattern: [TermID?]) -> Int {
            var n = 0
            graph.scan(relation, pattern) { _ in n += 1; return true }
            return n
        }
        #expect(count("rel", [nil, nil, nil]) == 9)
        #expect(count("fact", [FactID.id(row: 4), nil, nil, nil]) == 1)
        #expect(count("arg", [FactID.id(row: 4), nil, nil]) == 1)
        #expect(count("type", [nil, graph.lookup("person")]) == 3)
        #expect(count("alias", [graph.lookup("Entity 1"), nil]) == 1)
        #expect(count("source", [FactID.id(row: 0), nil]) == 1)
        #expect(count("said", [nil, nil]) == 9)
        #expect(count("doc", [nil, nil, nil]) == 3)
        #expect(count("published", [graph.lookup("https://example.org/a/1"), nil]) == 1)
        #expect(count("feed", [nil, graph.lookup("https://example.org/feed")]) == 3)
        let view = graph.fact(at: 5)
        #expect(view.relationText == "met with" && view.relation == "meet")
        #expect(view.negated && abs(view.confidence - 0.7) < 0.001)
        #expect(graph.string(for: FactID.id(row: 5)) == "fact/5")
    }

    @Test func skipsArticlesAlreadyStored() {
        let graph = KnowledgeGraph()
        let first = graph.apply(sampleBatch(documents: 4))
        #expect(first.documents == 4 && first.facts == 12)
        let second = graph.apply(sampleBatch(documents: 4))
        #expect(second.documents == 0 && second.facts == 0)
    }
}

@Suite("Graph store: persistence")
struct GraphStorePersistenceTests {
    @Test func commitsSurviveReopeningAndCompaction() throws {
        let path = temporaryStorePath()
        do {
            let store = try GraphStore.openForWriting(at: path)
            let first = try store.commit(sampleBatch(documents: 5))
            #expect(first.newDocuments == 5 && first.newFacts == 15)
            let again = try store.commit(sampleBatch(documents: 5))
            #expect(again.newDocuments == 0 && again.knownDocuments == 5 && again.newFacts == 0)
        }
        let reader = try GraphStore.openForReading(at: path)
        #expect(reader.graph.factCount == 15)
        let before = fingerprint(reader.graph)
        do {
            let store = try GraphStore.openForWriting(at: path)
            try store.compact()
            try store.commit(sampleBatch(documents: 2, prefix: "c"))
        }
        let after = try GraphStore.openForReading(at: path)
        #expect(Array(fingerprint(after.graph).prefix(15)) == Array(before.prefix(15)))
        #expect(after.graph.factCount == 21)
        #expect(after.generation == 1)
        #expect(after.lastIngest != nil)
    }

    @Test func tornJournalTailIsRecoveredWithAWarning() throws {
        let path = temporaryStorePath()
        do {
            let store = try GraphStore.openForWriting(at: path)
            try store.commit(sampleBatch(documents: 3))
            try store.commit(sampleBatch(documents: 3, prefix: "b"))
        }
        let journal = path + "/journal"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: journal))
        bytes.removeLast(10)
        try bytes.write(to: URL(fileURLWithPath: journal))
        let reader = try GraphStore.openForReading(at: path)
        #expect(reader.graph.factCount == 9)
        #expect(reader.warnings.first?.contains("torn") == true)
        let writer = try GraphStore.openForWriting(at: path)
        #expect(writer.warnings.first?.contains("trimmed") == true)
        try writer.commit(sampleBatch(documents: 1, prefix: "c"))
        #expect(try GraphStore.openForReading(at: path).graph.factCount == 12)
    }

    @Test func flippedByteInTheMiddleIsRefusedWithItsOffset() throws {
        let path = temporaryStorePath()
        do {
            let store = try GraphStore.openForWriting(at: path)
            try store.commit(sampleBatch(documents: 3))
            try store.commit(sampleBatch(documents: 3, prefix: "b"))
        }
        let journal = path + "/journal"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: journal))
        bytes[Journal.headerSize + 40] ^= 0x55
        try bytes.write(to: URL(fileURLWithPath: journal))
        do {
            _ = try GraphStore.openForReading(at: path)
            Issue.record("a damaged journal was accepted")
        } catch {
            guard case .corrupt(_, let offset, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(offset == Journal.headerSize)
            #expect(error.description.contains("byte offset"))
        }
    }

    /// A snapshot whose checksums are right but whose columns contradict each other (written by a faulty
    /// program, or crafted: the checksums are not cryptographic) is refused when opened, naming the section,
    /// instead of crashing a later query.
    @Test(arguments: ["argument value", "argument fact", "argument order", "provenance document", "provenance sentence",
                      "relation text", "document title", "entity", "alias"])
    func inconsistentSnapshotColumnsAreRefused(_ damage: String) throws {
        let graph = KnowledgeGraph()
        _ = graph.apply(sampleBatch(documents: 4))
        switch damage {
        case "argument value": graph.argumentValues[0] = 1_000_000
        case "argument fact": graph.argumentFacts[graph.argumentFacts.count - 1] = UInt32(graph.factCount)
        case "argument order": graph.argumentFacts.swapAt(0, graph.argumentFacts.count - 1)
        case "provenance document": graph.provenanceDocuments[0] = 99
        case "provenance sentence": graph.provenanceSentences[0] = 1_000_000
        case "relation text": graph.relationTexts[UInt32(graph.factCount + 5)] = 0
        case "document title": graph.documents[0].title = 1_000_000
        case "entity": graph.setType(1_000_000, .person)
        default: graph.addAlias(entity: 0, alias: 1_000_000)
        }
        let directory = TestScratch.directory("inconsistent")
        try Snapshot.write(graph, metadata: Snapshot.Metadata(generation: 1), to: directory + "/snapshot", directory: directory)
        do {
            _ = try Snapshot.read(directory + "/snapshot")
            Issue.record("a snapshot with a damaged \(damage) was accepted")
        } catch {
            guard case .corrupt = error else { Issue.record("wrong error \(error)"); return }
        }
    }

    @Test func truncatedOrForeignSnapshotIsRefused() throws {
        let path = temporaryStorePath()
        do {
            let store = try GraphStore.openForWriting(at: path)
            try store.commit(sampleBatch(documents: 10))
            try store.compact()
        }
        let snapshot = path + "/snapshot"
        let original = try Data(contentsOf: URL(fileURLWithPath: snapshot))
        try original.prefix(original.count / 2).write(to: URL(fileURLWithPath: snapshot))
        #expect(throws: StoreError.self) { _ = try GraphStore.openForReading(at: path) }
        try Data("this is just some text file, certainly not a snapshot".utf8).write(to: URL(fileURLWithPath: snapshot))
        do {
            _ = try GraphStore.openForReading(at: path)
            Issue.record("a foreign file was accepted")
        } catch {
            guard case .notAStore = error else { Issue.record("wrong error \(error)"); return }
        }
        var newer = original
        newer[8] = 99
        try newer.write(to: URL(fileURLWithPath: snapshot))
        do {
            _ = try GraphStore.openForReading(at: path)
            Issue.record("a newer format was accepted")
        } catch {
            guard case .newerFormat(_, 99, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(error.description.contains("upgrade"))
        }
        let file = temporaryStorePath() + ".txt"
        try Data("hello".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: StoreError.self) { _ = try GraphStore.openForReading(at: file) }
        #expect(throws: StoreError.self) { _ = try GraphStore.openForReading(at: temporaryStorePath()) }
    }

    @Test func failedWritesLeaveThePreviousStateIntact() throws {
        let path = temporaryStorePath()
        let store = try GraphStore.openForWriting(at: path)
        try store.commit(sampleBatch(documents: 4))
        let before = fingerprint(try GraphStore.openForReading(at: path).graph)
        FileIO.writeBudget = (path, 50)
        defer { FileIO.writeBudget = nil }
        #expect(throws: StoreError.self) { try store.commit(sampleBatch(documents: 4, prefix: "full")) }
        #expect(throws: StoreError.self) { try store.compact() }
        FileIO.writeBudget = nil
        #expect(fingerprint(try GraphStore.openForReading(at: path).graph) == before)
        let entries = try FileManager.default.contentsOfDirectory(atPath: path)
        #expect(!entries.contains { $0.contains(".tmp-") })
    }

    @Test func secondWriterWaitsThenFailsNamingTheHolder() throws {
        let path = temporaryStorePath()
        let first = try GraphStore.openForWriting(at: path)
        try first.commit(sampleBatch(documents: 1))
        do {
            _ = try GraphStore.openForWriting(at: path, wait: 0.2)
            Issue.record("two writers at once")
        } catch {
            guard case .locked = error else { Issue.record("wrong error \(error)"); return }
            #expect(error.description.contains("process \(getpid()) since"))
        }
        // Readers never block on the writer.
        #expect(try GraphStore.openForReading(at: path).graph.factCount == 3)
        _ = first
    }
}
