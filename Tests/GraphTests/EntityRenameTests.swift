import Foundation
import Testing

@testable import Graph

/// Renames fold an entity stored under one name (a short form such as "Trump") into another
/// ("Donald Trump"): facts, arguments, types and aliases move, the old name stays an alias, and the
/// rename is journaled like any other change.
@Suite("Graph store: entity renames")
struct EntityRenameTests {
    /// Two articles: one says "Trump", the other "Donald Trump".
    static func twoArticles() -> GraphBatch {
        var batch = GraphBatch()
        for (index, name) in ["Trump", "Donald Trump"].enumerated() {
            let id = "https://example.org/rename/\(index)"
            batch.documents.append(DocumentRecord(id: id, url: id, title: "Article \(index)"))
            batch.facts.append(FactRecord(subject: name, relation: "deploy", object: "National Guard troops",
                                          arguments: [FactArgument(role: "in", value: "Illinois")], document: id, sentenceIndex: 0))
            batch.facts.append(FactRecord(subject: "JB Pritzker", relation: "criticize", object: name,
                                          arguments: [FactArgument(role: "despite", value: name)], document: id, sentenceIndex: 1))
            batch.entities.append(EntityRecord(name: name, type: .person))
            batch.aliases.append(AliasRecord(entity: name, alias: name))
            batch.aliases.append(AliasRecord(entity: name, alias: "President " + name))
        }
        return batch
    }

    static func renameBatch(_ pairs: [(String, String)]) -> GraphBatch {
        var batch = GraphBatch()
        batch.renames = pairs.map { EntityRename(from: $0.0, to: $0.1) }
        return batch
    }

    static func names(in graph: KnowledgeGraph) -> Set<String> {
        var names = Set<String>()
        for row in 0..<graph.factCount {
            let fact = graph.fact(at: row)
            names.insert(fact.subject)
            names.insert(fact.object)
            for argument in fact.arguments { names.insert(argument.value) }
        }
        return names
    }

    static func rows(_ graph: KnowledgeGraph, subject: String) -> Int {
        guard let id = graph.lookup(subject) else { return 0 }
        var count = 0
        graph.scan("rel", [id, nil, nil]) { _ in count += 1; return true }
        return count
    }

    @Test func renameMovesFactsArgumentsTypeAndAliases() {
        for indexedFirst in [false, true] {
            let graph = KnowledgeGraph()
            graph.apply(Self.twoArticles())
            if indexedFirst { graph.ensureIndexed(force: true) }
            graph.apply(Self.renameBatch([("Trump", "Donald Trump")]))
            #expect(!Self.names(in: graph).contains("Trump"))
            #expect(Self.rows(graph, subject: "Donald Trump") == 2)
            #expect(Self.rows(graph, subject: "Trump") == 0)
            #expect(graph.factRows(touching: "Donald Trump").count == 4)
            #expect(graph.type(of: "Trump") == nil)
            #expect(graph.type(of: "Donald Trump") == .person)
            #expect(graph.entities == [EntityRecord(name: "Donald Trump", type: .person)])
            let aliases = Set(graph.aliases.map { "\($0.entity)|\($0.alias)" })
            #expect(aliases == ["Donald Trump|Trump", "Donald Trump|President Trump", "Donald Trump|Donald Trump", "Donald Trump|President Donald Trump"])
            #expect(graph.entity(named: "President Trump") == "Donald Trump")
        }
    }

    @Test func chainedAndIdleRenamesInOneBatch() {
        let graph = KnowledgeGraph()
        var batch = Self.twoArticles()
        batch.renames = [EntityRename(from: "Trump", to: "D. Trump"), EntityRename(from: "D. Trump", to: "Donald Trump"),
                         EntityRename(from: "Nobody", to: "Somebody"), EntityRename(from: "Illinois", to: "Illinois")]
        graph.apply(batch)
        #expect(Self.names(in: graph) == ["Donald Trump", "National Guard troops", "JB Pritzker", "Illinois"])
        #expect(graph.type(of: "D. Trump") == nil)
        #expect(graph.lookup("Somebody") == nil)
    }

    @Test func chainsResolveInEitherOrderAndCyclesStop() {
        let graph = KnowledgeGraph()
        var batch = Self.twoArticles()
        batch.renames = [EntityRename(from: "D. Trump", to: "Donald Trump"), EntityRename(from: "Trump", to: "D. Trump"),
                         EntityRename(from: "JB Pritzker", to: "Pritzker"), EntityRename(from: "Pritzker", to: "JB Pritzker")]
        graph.apply(batch)
        #expect(Self.names(in: graph) == ["Donald Trump", "National Guard troops", "JB Pritzker", "Illinois"])
    }

    /// Renames after the indexes were built drop them; reads merge every fact again, once.
    @Test func readsAfterRenamesOfIndexedFactsSeeEveryFact() {
        let graph = KnowledgeGraph()
        graph.apply(Self.twoArticles())
        for index in 0..<300 {
            var batch = GraphBatch()
            batch.facts.append(FactRecord(subject: "Person \(index)", relation: "meet", object: "Trump"))
            graph.apply(batch)
        }
        graph.ensureIndexed(force: true)
        graph.apply(Self.renameBatch([("Trump", "Donald Trump")]))
        graph.apply(Self.renameBatch([("JB Pritzker", "J. B. Pritzker")]))
        #expect(graph.factRows(touching: "Donald Trump").count == 304)
        #expect(Self.rows(graph, subject: "J. B. Pritzker") == 2)
        #expect(Self.rows(graph, subject: "Donald Trump") == 2)
    }

    @Test func renameKeepsTheTargetsOwnType() {
        let graph = KnowledgeGraph()
        var batch = Self.twoArticles()
        batch.entities.append(EntityRecord(name: "Trump Tower", type: .loc))
        batch.renames = [EntityRename(from: "Trump", to: "Trump Tower")]
        graph.apply(batch)
        #expect(graph.type(of: "Trump Tower") == .loc)
        #expect(graph.entityCount == 2)
    }

    @Test func renamesAreJournaledAndSurviveReopeningAndCompaction() throws {
        let path = temporaryStorePath()
        let expected: [String]
        do {
            let store = try GraphStore.openForWriting(at: path)
            try store.commit(Self.twoArticles())
            let result = try store.commit(Self.renameBatch([("Trump", "Donald Trump")]))
            #expect(result.newFacts == 0 && result.newDocuments == 0)
            expected = fingerprint(store.graph)
            #expect(!Self.names(in: store.graph).contains("Trump"))
        }
        let reader = try GraphStore.openForReading(at: path)
        #expect(fingerprint(reader.graph) == expected)
        #expect(Set(reader.graph.aliases.map(\.alias)).contains("Trump"))
        do {
            let store = try GraphStore.openForWriting(at: path)
            try store.compact()
        }
        let compacted = try GraphStore.openForReading(at: path)
        #expect(fingerprint(compacted.graph) == expected)
        #expect(compacted.graph.type(of: "Trump") == nil)
    }

    /// Journals stay in the plain format (readable by versions before renames) until a rename needs more.
    @Test func journalsUseTheRenameFormatOnlyWhenNeeded() throws {
        let path = temporaryStorePath()
        let store = try GraphStore.openForWriting(at: path)
        try store.commit(Self.twoArticles())
        #expect(try Journal.read(path + "/journal").version == Journal.plainFormatVersion)
        try store.commit(Self.renameBatch([("Trump", "Donald Trump")]))
        #expect(try Journal.read(path + "/journal").version == Journal.formatVersion)
        try store.compact()
        #expect(try Journal.read(path + "/journal").version == Journal.plainFormatVersion)
        #expect(!Self.names(in: try GraphStore.openForReading(at: path).graph).contains("Trump"))
    }

    @Test func aRenameIntoAVersion1JournalCompactsFirst() throws {
        let path = temporaryStorePath()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        // A store written by a program whose journal had no renames.
        var bytes = Journal.header(generation: 0, version: 1)
        bytes += Journal.record(sampleBatch(documents: 2), committed: "2025-09-30T12:00:00Z", version: 1)
        try Data(bytes).write(to: URL(fileURLWithPath: path + "/journal"))
        do {
            let store = try GraphStore.openForWriting(at: path)
            #expect(store.graph.factCount == 6)
            // Plain commits keep the old journal format, so older programs still read the store.
            try store.commit(sampleBatch(documents: 1, prefix: "b"))
            #expect(try Journal.read(path + "/journal").version == 1)
            #expect(store.generation == 0)
            try store.commit(Self.renameBatch([("Entity 0", "Entity Zero")]))
            #expect(store.generation == 1)
            #expect(try Journal.read(path + "/journal").version == Journal.formatVersion)
        }
        let reader = try GraphStore.openForReading(at: path)
        #expect(reader.graph.factCount == 9)
        #expect(reader.graph.type(of: "Entity Zero") == .person)
        #expect(reader.graph.type(of: "Entity 0") == nil)
        #expect(reader.graph.factRows(touching: "Entity 0").isEmpty)
    }

    @Test func aNewerJournalIsRefused() throws {
        let path = temporaryStorePath()
        do {
            let store = try GraphStore.openForWriting(at: path)
            try store.commit(sampleBatch(documents: 1))
        }
        let journal = path + "/journal"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: journal))
        bytes[8] = 99
        try bytes.write(to: URL(fileURLWithPath: journal))
        let error = #expect(throws: StoreError.self) { _ = try GraphStore.openForReading(at: path) }
        #expect(error?.description.contains("upgrade") == true)
    }
}
