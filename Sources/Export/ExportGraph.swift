import Graph

/// A node of an exported graph: an entity (or literal value) with its type.
public struct ExportNode: Sendable, Equatable {
    public var name: String
    public var type: EntityType?
}

/// An edge of an exported graph: the facts with one subject, relation, object and polarity, merged.
public struct ExportEdge: Sendable, Equatable {
    public var subject: String
    public var relation: String
    /// The relation as written in the first supporting fact.
    public var relationText: String
    public var object: String
    public var negated: Bool
    /// The highest confidence of the supporting facts.
    public var confidence: Double
    public var arguments: [FactArgument]
    /// Ids of the articles the supporting facts were read from.
    public var sources: [String]
    /// Rows of the supporting facts.
    public var factRows: [Int]
}

/// A subgraph chosen for export, sorted so that output diffs cleanly.
public struct ExportGraph: Sendable {
    public var nodes: [ExportNode]
    public var edges: [ExportEdge]
    /// Edges left out by a cap, with a note for the user.
    public var dropped: Int = 0

    /// Merges fact rows into edges (same subject, relation, object and polarity) and collects their nodes.
    /// - Complexity: O(rows log rows); strings are made once per edge, not per fact.
    public init(graph: KnowledgeGraph, rows: [Int]) {
        struct Key: Hashable {
            var subject: TermID
            var relation: TermID
            var object: TermID
            var negated: Bool
        }
        var index: [Key: Int] = [:]
        index.reserveCapacity(rows.count)
        var edges: [ExportEdge] = []
        edges.reserveCapacity(rows.count)
        for row in rows.sorted() {
            let fact = graph.compactFact(at: row)
            let key = Key(subject: fact.subject, relation: fact.relation, object: fact.object, negated: fact.negated)
            let details = fact.hasDetails ? graph.fact(at: row) : nil
            if let existing = index[key] {
                edges[existing].confidence = max(edges[existing].confidence, fact.confidence)
                edges[existing].factRows.append(row)
                if let details {
                    if let document = details.document, !edges[existing].sources.contains(document) { edges[existing].sources.append(document) }
                    for argument in details.arguments where !edges[existing].arguments.contains(argument) {
                        edges[existing].arguments.append(argument)
                    }
                }
            } else {
                index[key] = edges.count
                let relation = graph.string(for: fact.relation)
                edges.append(
                    ExportEdge(
                        subject: graph.string(for: fact.subject), relation: relation, relationText: details?.relationText ?? relation,
                        object: graph.string(for: fact.object), negated: fact.negated, confidence: fact.confidence,
                        arguments: details?.arguments ?? [], sources: details?.document.map { [$0] } ?? [], factRows: [row]))
            }
        }
        self.init(graph: graph, edges: edges)
    }

    /// A graph of given edges; nodes are their endpoints. Nodes and edges are sorted by the UTF-8 bytes
    /// of their names (each distinct name is ranked once, then edges sort by integer ranks).
    public init(graph: KnowledgeGraph?, edges: [ExportEdge]) {
        var names = Set<String>()
        var relations = Set<String>()
        for edge in edges {
            names.insert(edge.subject)
            names.insert(edge.object)
            relations.insert(edge.relation)
        }
        let sortedNames = names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var rank: [String: Int] = [:]
        rank.reserveCapacity(sortedNames.count + relations.count)
        for (index, name) in sortedNames.enumerated() { rank[name] = index }
        var relationRank: [String: Int] = [:]
        for (index, relation) in relations.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() { relationRank[relation] = index }
        nodes = sortedNames.map { ExportNode(name: $0, type: graph?.type(of: $0)) }
        let keys = edges.map { edge in
            (rank[edge.subject] ?? 0, relationRank[edge.relation] ?? 0, rank[edge.object] ?? 0, edge.negated ? 1 : 0)
        }
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        self.edges = order.map { edges[$0] }
    }

    /// Keeps at most `maxEdges` edges, preferring those between the best-connected nodes.
    public func capped(at maxEdges: Int) -> ExportGraph {
        guard edges.count > maxEdges else { return self }
        var degree: [String: Int] = [:]
        for edge in edges {
            degree[edge.subject, default: 0] += 1
            degree[edge.object, default: 0] += 1
        }
        let kept = edges.enumerated()
            .sorted { a, b in
                let da = (degree[a.element.subject] ?? 0) + (degree[a.element.object] ?? 0)
                let db = (degree[b.element.subject] ?? 0) + (degree[b.element.object] ?? 0)
                return da != db ? da > db : a.offset < b.offset
            }
            .prefix(maxEdges).map(\.element)
        var result = ExportGraph(graph: nil, edges: Array(kept))
        let types = Dictionary(nodes.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
        result.nodes = result.nodes.map { ExportNode(name: $0.name, type: types[$0.name] ?? nil) }
        result.dropped = edges.count - maxEdges + dropped
        return result
    }
}
