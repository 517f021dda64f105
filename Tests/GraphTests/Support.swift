import Foundation
import TestSupport

@testable import Graph

/// A fresh temporary directory for one test's store.
func temporaryStorePath(_ name: String = #function) -> String {
    TestScratch.path("store-" + name.filter { $0.isLetter || $0.isNumber })
}

/// A small batch: `documents` articles with `factsPerDocument` facts each.
func sampleBatch(documents: Int, factsPerDocument: Int = 3, prefix: String = "a") -> GraphBatch {
    var batch = GraphBatch()
    for d in 0..<documents {
        let id = "https://example.org/\(prefix)/\(d)"
        batch.documents.append(DocumentRecord(id: id, url: id, title: "Article \(prefix)\(d)", published: "2025-09-\(10 + d % 20)T12:00:00Z", feed: "https://example.org/feed"))
        for f in 0..<factsPerDocument {
            batch.facts.append(
                FactRecord(subject: "Entity \(d % 7)", relation: "meet", relationText: "met with", object: "Entity \((d + f + 1) % 11)",
                           negated: f == 2, confidence: 0.5 + Double(f) / 10, arguments: [FactArgument(role: "in", value: "City \(f)")],
                           document: id, sentenceIndex: f, sentence: "Entity \(d % 7) met with Entity \((d + f + 1) % 11) in City \(f)."))
        }
        batch.entities.append(EntityRecord(name: "Entity \(d % 7)", type: .person))
        batch.aliases.append(AliasRecord(entity: "Entity \(d % 7)", alias: "E\(d % 7)"))
    }
    return batch
}

/// Everything observable in a graph, as strings, for comparing states.
func fingerprint(_ graph: KnowledgeGraph) -> [String] {
    var lines: [String] = []
    for row in 0..<graph.factCount {
        let fact = graph.fact(at: row)
        lines.append("\(fact.subject)|\(fact.relation)|\(fact.relationText)|\(fact.object)|\(fact.negated)|\(fact.confidence)|\(fact.arguments.map { "\($0.role)=\($0.value)" })|\(fact.document ?? "-")|\(fact.sentence ?? "-")")
    }
    lines.append("documents=\(graph.documentCount) entities=\(graph.entityCount) aliases=\(graph.aliasCount) feeds=\(graph.feeds.count)")
    return lines
}
