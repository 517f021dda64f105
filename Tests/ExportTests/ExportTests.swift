import Foundation
import TestSupport
import Testing

@testable import Export
@testable import Graph

/// A small news graph with arguments, provenance, negation and aliases.
func newsGraph(extraNames: [String] = []) -> KnowledgeGraph {
    let graph = KnowledgeGraph()
    var batch = GraphBatch()
    batch.documents = [
        DocumentRecord(id: "doc:a", url: "https://example.org/a", title: "Guard", published: "2025-09-30T12:00:00Z"),
        DocumentRecord(id: "doc:b", url: "https://example.org/b", title: "Court", published: "2025-10-02T08:00:00Z"),
    ]
    batch.entities = [
        EntityRecord(name: "Donald Trump", type: .person), EntityRecord(name: "National Guard troops", type: .org),
        EntityRecord(name: "Illinois", type: .gpe), EntityRecord(name: "Supreme Court", type: .org),
    ]
    batch.aliases = [AliasRecord(entity: "Donald Trump", alias: "Trump"), AliasRecord(entity: "Donald Trump", alias: "President Trump")]
    batch.facts = [
        FactRecord(subject: "Donald Trump", relation: "deploy", relationText: "attempt to deploy", object: "National Guard troops",
                   confidence: 0.82, arguments: [FactArgument(role: "in", value: "Illinois")], document: "doc:a", sentenceIndex: 0,
                   sentence: "President Donald Trump is attempting to deploy National Guard troops in Illinois."),
        FactRecord(subject: "Donald Trump", relation: "deploy", relationText: "deploy", object: "National Guard troops",
                   confidence: 0.7, document: "doc:b", sentenceIndex: 3, sentence: "Trump deployed the troops."),
        FactRecord(subject: "Supreme Court", relation: "rebuff", relationText: "has rebuffed", object: "Donald Trump",
                   confidence: 0.9, document: "doc:b", sentenceIndex: 1, sentence: "The Supreme Court has rebuffed Trump."),
        FactRecord(subject: "Illinois", relation: "approve", relationText: "is not approved", object: "deployment",
                   negated: true, confidence: 0.6, document: "doc:a", sentenceIndex: 2, sentence: "The deployment is not approved by Illinois."),
    ]
    for (index, name) in extraNames.enumerated() {
        batch.facts.append(FactRecord(subject: name, relation: "mention", object: "Donald Trump", confidence: 1, document: "doc:a", sentenceIndex: 10 + index, sentence: name))
    }
    graph.apply(batch)
    return graph
}

let hostileNames = [
    "Quote \"inside\" name", "Back\\slash", "Line\nbreak", "</script><script>alert(1)</script>", String(repeating: "Long name ", count: 1024),
    "Emoji 🗞️📈 news", "Tab\there", "Percent %20 and <angle> {brace}",
]

func run(_ program: String, _ arguments: [String], input: String? = nil) -> (status: Int32, output: String, error: String)? {
    guard let path = GraphvizRenderer.locate(program) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    let inputPipe = Pipe()
    if input != nil { process.standardInput = inputPipe }
    do { try process.run() } catch { return nil }
    if let input {
        inputPipe.fileHandleForWriting.write(Data(input.utf8))
        try? inputPipe.fileHandleForWriting.close()
    }
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

func temporaryFile(_ name: String, _ contents: String) -> String {
    let path = TestScratch.path("export-" + name)
    FileManager.default.createFile(atPath: path, contents: Data(contents.utf8))
    return path
}

@Suite("Export: DOT")
struct DOTExportTests {
    @Test func matchesTheGoldenFile() throws {
        let exported = try GraphSelection().select(from: newsGraph())
        let dot = DOTWriter.render(exported)
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/news.dot")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil { try dot.write(to: golden, atomically: true, encoding: .utf8) }
        #expect(dot == (try String(contentsOf: golden, encoding: .utf8)))
        #expect(dot.contains("label=\"attempt to deploy (in Illinois)\""))
        #expect(dot.contains("style=dashed"))
        #expect(dot.contains("penwidth=1.75"))
    }

    @Test func graphvizAcceptsHostileNames() throws {
        let exported = try GraphSelection().select(from: newsGraph(extraNames: hostileNames))
        let dot = DOTWriter.render(exported)
        guard let checked = run("nop", [temporaryFile("hostile.dot", dot)]) else {
            print("skipped: Graphviz is not installed (apt-get install graphviz)")
            return
        }
        #expect(checked.status == 0, "nop rejected the DOT: \(checked.error)")
        #expect(dot.contains("tooltip=\"Long name Long name"))
        #expect(!dot.contains("<script>alert(1)</script>\n"))
        if let rendered = run("dot", ["-Tsvg"], input: dot) {
            #expect(rendered.status == 0 && rendered.output.contains("<svg"))
            #expect(!rendered.output.contains("<script>"))
        }
    }

    @Test func capKeepsTheBestConnectedEdges() throws {
        let names = (0..<400).map { "Entity \($0)" }
        let exported = try GraphSelection().select(from: newsGraph(extraNames: names)).capped(at: 300)
        #expect(exported.edges.count == 300)
        #expect(exported.dropped == 103)  // 400 mentions + 3 merged news edges − 300
        #expect(exported.edges.contains { $0.relation == "deploy" })
    }
}

@Suite("Export: selections")
struct SelectionTests {
    @Test func neighbourhoodFollowsFactsBothWaysAndAliases() throws {
        let graph = newsGraph()
        let one = try GraphSelection(scope: .around(["Trump"], depth: 1)).select(from: graph)
        #expect(Set(one.edges.map(\.relation)) == ["deploy", "rebuff"])
        let byRelation = try GraphSelection(scope: .around(["Donald Trump"], depth: 2), relations: ["rebuff"]).select(from: graph)
        #expect(byRelation.edges.map(\.relation) == ["rebuff"])
        #expect(throws: GraphSelection.Failure.self) { try GraphSelection(scope: .around(["Nobody"], depth: 1)).select(from: graph) }
    }

    @Test func datesFilterBySourcePublication() throws {
        let graph = newsGraph()
        let early = try GraphSelection(until: "2025-09-30").select(from: graph)
        #expect(Set(early.edges.map(\.relation)) == ["deploy", "approve"])
        let late = try GraphSelection(since: "2025-10-01").select(from: graph)
        #expect(Set(late.edges.map(\.relation)) == ["deploy", "rebuff"])
    }

    @Test func queriesGiveEdges() throws {
        let graph = newsGraph()
        let facts = try GraphSelection(scope: .query("?- fact(F, \"Donald Trump\", P, O).")).select(from: graph)
        #expect(facts.edges.count == 1 && facts.edges[0].sources.count == 2)
        let rule = try GraphSelection(scope: .query("edge(S, P, O) :- rel(S, P, O), P != \"approve\".")).select(from: graph)
        #expect(rule.edges.count == 2)
        #expect(throws: GraphSelection.Failure.self) { try GraphSelection(scope: .query("?- rel(X,")).select(from: graph) }
    }
}

@Suite("Export: N-Triples, JSON and CSV")
struct LinkedDataExportTests {
    static func ntriples(_ graph: KnowledgeGraph) -> String {
        var text = ""
        var writer = NTriplesWriter()
        writer.write(graph) { text += $0 }
        return text
    }

    @Test func nTriplesAreValidAndRoundTrip() throws {
        let graph = newsGraph(extraNames: hostileNames)
        let text = Self.ntriples(graph)
        if let checked = run("rapper", ["-i", "ntriples", "-c", temporaryFile("graph.nt", text)]) {
            #expect(checked.status == 0, "rapper rejected the N-Triples: \(checked.error)")
        } else {
            print("skipped: rapper is not installed (apt-get install raptor2-utils)")
        }
        let batch = try NTriplesReader.batch(from: text, file: "graph.nt")
        let copy = KnowledgeGraph()
        copy.apply(batch)
        #expect(copy.factCount == graph.factCount)
        #expect(copy.entityCount == graph.entityCount)
        #expect(copy.aliasCount == graph.aliasCount)
        let original = (0..<graph.factCount).map { graph.fact(at: $0) }.map { "\($0.subject)|\($0.relation)|\($0.relationText)|\($0.object)|\($0.negated)|\($0.arguments)|\($0.sentence ?? "")" }
        let restored = (0..<copy.factCount).map { copy.fact(at: $0) }.map { "\($0.subject)|\($0.relation)|\($0.relationText)|\($0.object)|\($0.negated)|\($0.arguments)|\($0.sentence ?? "")" }
        #expect(original.sorted() == restored.sorted())
    }

    @Test func jsonAndCSVCarryHostileNamesIntact() throws {
        let exported = try GraphSelection().select(from: newsGraph(extraNames: hostileNames))
        let json = TabularWriters.json(exported)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let labels = (object["nodes"] as? [[String: Any]])?.compactMap { $0["label"] as? String } ?? []
        for name in hostileNames { #expect(labels.contains(name)) }
        let csv = TabularWriters.csv(exported)
        let records = parseCSV(csv)
        #expect(records.first == ["subject", "relation", "object", "negated", "confidence", "sources"])
        for name in hostileNames { #expect(records.contains { $0.first == name }, "CSV lost \(name.prefix(20))") }
    }

    /// A strict RFC 4180 reader for checking.
    func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { record.append(field); field = "" }
            else if c == "\r\n" || c == "\n" { record.append(field); records.append(record); record = []; field = "" }
            else { field.append(c) }
        }
        return records
    }
}

@Suite("Export: CSV fast path")
struct CSVFastPathTests {
    @Test func matchesTheGeneralWriter() throws {
        let graph = newsGraph(extraNames: hostileNames)
        let rows = Array(0..<graph.factCount)
        #expect(TabularWriters.csv(graph, rows: rows) == TabularWriters.csv(ExportGraph(graph: graph, rows: rows)))
    }
}

@Suite("Export: facts without an object")
struct ObjectlessFactTests {
    @Test func eachEndsInItsOwnPoint() throws {
        let graph = KnowledgeGraph()
        var batch = GraphBatch()
        batch.facts = [FactRecord(subject: "The strike", relation: "last", object: ""), FactRecord(subject: "Ships", relation: "delay", object: "")]
        graph.apply(batch)
        let dot = DOTWriter.render(try GraphSelection().select(from: graph))
        #expect(dot.contains("p1 [shape=point") && dot.contains("p2 [shape=point"))
        #expect(!dot.contains("label=\"\", shape=ellipse"))
    }
}
