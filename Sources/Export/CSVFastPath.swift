import Graph

/// CSV straight from the store's columns for large exports: facts merge by term ids, terms are ranked
/// once by their UTF-8 bytes, and only the output is made of strings.
extension TabularWriters {
    /// The same records as `csv(ExportGraph(graph:rows:))`, in the same order.
    /// - Complexity: O(rows log rows + terms log terms).
    public static func csv(_ graph: KnowledgeGraph, rows: [Int]) -> String {
        struct Key: Hashable {
            var subject: TermID
            var relation: TermID
            var object: TermID
            var negated: Bool
        }
        struct Edge {
            var key: Key
            var confidence: Double
            var sources: [String]
        }
        var index: [Key: Int] = [:]
        index.reserveCapacity(rows.count)
        var edges: [Edge] = []
        edges.reserveCapacity(rows.count)
        for row in rows.sorted() {
            let fact = graph.compactFact(at: row)
            let key = Key(subject: fact.subject, relation: fact.relation, object: fact.object, negated: fact.negated)
            let document = fact.hasDetails ? graph.fact(at: row).document : nil
            if let existing = index[key] {
                edges[existing].confidence = max(edges[existing].confidence, fact.confidence)
                if let document, !edges[existing].sources.contains(document) { edges[existing].sources.append(document) }
            } else {
                index[key] = edges.count
                edges.append(Edge(key: key, confidence: fact.confidence, sources: document.map { [$0] } ?? []))
            }
        }
        // Rank every term used, by its bytes.
        var used = Set<TermID>()
        for edge in edges {
            used.insert(edge.key.subject)
            used.insert(edge.key.relation)
            used.insert(edge.key.object)
        }
        let terms = graph.terms
        let ordered = used.sorted { a, b in
            terms.withBytes(a) { x in terms.withBytes(b) { y in x.lexicographicallyPrecedes(y) } }
        }
        var rank: [TermID: Int] = [:]
        rank.reserveCapacity(ordered.count)
        for (position, term) in ordered.enumerated() { rank[term] = position }
        let keys = edges.map { edge in
            (rank[edge.key.subject] ?? 0, rank[edge.key.relation] ?? 0, rank[edge.key.object] ?? 0, edge.key.negated ? 1 : 0)
        }
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        var out: [UInt8] = Array("subject,relation,object,negated,confidence,sources\r\n".utf8)
        out.reserveCapacity(edges.count * 40)
        func append(term: TermID) {
            terms.withBytes(term) { bytes in
                if bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                    appendField(String(decoding: bytes, as: UTF8.self), to: &out)
                } else {
                    out.append(contentsOf: bytes)
                }
            }
        }
        for position in order {
            let edge = edges[position]
            append(term: edge.key.subject)
            out.append(0x2C)
            append(term: edge.key.relation)
            out.append(0x2C)
            append(term: edge.key.object)
            out.append(contentsOf: edge.key.negated ? Array(",true,".utf8) : Array(",false,".utf8))
            out.append(contentsOf: format(edge.confidence).utf8)
            out.append(0x2C)
            appendField(edge.sources.joined(separator: " "), to: &out)
            out.append(0x0D)
            out.append(0x0A)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
