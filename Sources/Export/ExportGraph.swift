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
    public init(graph: KnowledgeGraph, rows: [Int]) {
        var index: [String: Int] = [:]
        var edges: [ExportEdge] = []
        for row in rows.sorted() {
            let fact = graph.fact(at: row)
            let key = "\(fact.subject)\u{1}\(fact.relation)\u{1}\(fact.object)\u{1}\(fact.negated)"
            if let existing = index[key] {
                edges[existing].confidence = max(edges[existing].confidence, fact.confidence)
                edges[existing].factRows.append(row)
                if let document = fact.document, !edges[existing].sources.contains(document) { edges[existing].sources.append(document) }
                for argument in fact.arguments where !edges[existing].arguments.contains(argument) {
                    edges[existing].arguments.append(argument)
                }
            } else {
                index[key] = edges.count
                edges.append(
                    ExportEdge(
                        subject: fact.subject, relation: fact.relation, relationText: fact.relationText, object: fact.object,
                        negated: fact.negated, confidence: fact.confidence, arguments: fact.arguments,
                        sources: fact.document.map { [$0] } ?? [], factRows: [row]))
            }
        }
        self.init(graph: graph, edges: edges)
    }

    /// A graph of given edges; nodes are their endpoints.
    public init(graph: KnowledgeGraph?, edges: [ExportEdge]) {
        var names = Set<String>()
        for edge in edges {
            names.insert(edge.subject)
            names.insert(edge.object)
        }
        nodes = names.sorted().map { ExportNode(name: $0, type: graph?.type(of: $0)) }
        self.edges = edges.sorted { ($0.subject, $0.relation, $0.object, $0.negated ? 1 : 0) < ($1.subject, $1.relation, $1.object, $1.negated ? 1 : 0) }
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
