import Datalog
import Graph

/// Which facts to export: the whole graph, a query's answer, or the neighbourhood of some entities,
/// optionally filtered by relation and by the publication date of their sources.
public struct GraphSelection: Sendable {
    public enum Scope: Sendable {
        case all
        /// Datalog text: `?- ...` or rules defining `edge(S, P, O)`.
        case query(String)
        /// Entities (names or aliases) and how many facts away to follow, in both directions.
        case around([String], depth: Int)
    }

    public var scope: Scope = .all
    public var relations: Set<String> = []
    /// ISO 8601 dates (or prefixes such as `2025-09`), compared with the sources' publication dates.
    public var since: String?
    public var until: String?

    public init(scope: Scope = .all, relations: Set<String> = [], since: String? = nil, until: String? = nil) {
        self.scope = scope
        self.relations = relations
        self.since = since
        self.until = until
    }

    /// Why a selection could not be made.
    public enum Failure: Error, CustomStringConvertible {
        case query(QueryError, source: String)
        case unknownEntity(String)
        case unusableAnswer(columns: [String])

        public var description: String {
            switch self {
            case .query(let error, let source): return error.render(source: source)
            case .unknownEntity(let name): return "no entity or alias named \"\(name)\" in the store"
            case .unusableAnswer(let columns):
                return "the query's answer (\(columns.joined(separator: ", "))) does not bind a subject, a relation and an object; "
                    + "return three columns S, P, O, a fact id F, or define edge(S, P, O)"
            }
        }
    }

    /// The selected subgraph.
    public func select(from graph: KnowledgeGraph, limits: EvaluationLimits = .timeout(30)) throws(Failure) -> ExportGraph {
        switch scope {
        case .all:
            return ExportGraph(graph: graph, rows: (0..<graph.factCount).filter(keep(graph)))
        case .around(let names, let depth):
            var frontier: [String] = []
            for name in names {
                guard let entity = graph.entity(named: name) else { throw .unknownEntity(name) }
                frontier.append(entity)
            }
            var seen = Set(frontier)
            var rows = Set<Int>()
            let filter = keep(graph)
            for _ in 0..<max(1, depth) {
                var next: [String] = []
                for entity in frontier {
                    for row in graph.factRows(touching: entity) where filter(row) {
                        rows.insert(row)
                        let fact = graph.compactFact(at: row)
                        for neighbour in [graph.string(for: fact.subject), graph.string(for: fact.object)] where seen.insert(neighbour).inserted {
                            next.append(neighbour)
                        }
                    }
                }
                frontier = next
            }
            return ExportGraph(graph: graph, rows: Array(rows))
        case .query(let text):
            return try selectByQuery(text, graph: graph, limits: limits)
        }
    }

    private func keep(_ graph: KnowledgeGraph) -> (Int) -> Bool {
        { row in
            if !relations.isEmpty {
                let relation = graph.string(for: graph.compactFact(at: row).relation)
                if !relations.contains(relation) { return false }
            }
            if since != nil || until != nil {
                guard let date = graph.publishedDate(ofFact: row) else { return false }
                if let since, date < since { return false }
                if let until, date.prefix(until.count) > until { return false }
            }
            return true
        }
    }

    private func selectByQuery(_ text: String, graph: KnowledgeGraph, limits: EvaluationLimits) throws(Failure) -> ExportGraph {
        let engine = Engine(store: graph)
        let result: QueryResult
        do {
            let program = try Program.parse(text.contains("?-") || text.contains(":-") ? text : "?- \(text)")
            try engine.load(program)
            if program.rules.contains(where: { $0.head.name == "edge" && $0.head.args.count == 3 }) {
                result = try engine.query("?- edge(S, P, O).", limits: limits)
            } else if let first = program.queries.indices.first {
                result = try engine.query(program.queryText(first), limits: limits)
            } else {
                throw Failure.unusableAnswer(columns: [])
            }
        } catch let error as QueryError {
            throw .query(error, source: text)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .unusableAnswer(columns: [])
        }
        // A column of fact ids: export those facts.
        if let factColumn = result.columns.indices.first(where: { column in
            result.rowCount > 0 && (0..<result.rowCount).allSatisfy { FactID.row(result[$0][result[$0].startIndex + column]) != nil }
        }) {
            let rows = (0..<result.rowCount).compactMap { FactID.row(result[$0][result[$0].startIndex + factColumn]) }
            return ExportGraph(graph: graph, rows: rows.filter(keep(graph)))
        }
        guard result.columns.count >= 3 || (result.columns.count == 2) else { throw .unusableAnswer(columns: result.columns) }
        var edges: [String: ExportEdge] = [:]
        for row in 0..<result.rowCount {
            let values = result[row].map { result.string(for: $0) }
            let subject = values[0]
            let relation = values.count >= 3 ? values[1] : "related"
            let object = values.count >= 3 ? values[2] : values[1]
            let key = "\(subject)\u{1}\(relation)\u{1}\(object)"
            if edges[key] == nil {
                edges[key] = ExportEdge(
                    subject: subject, relation: relation, relationText: relation, object: object, negated: false, confidence: 1,
                    arguments: [], sources: [], factRows: [])
            }
        }
        return ExportGraph(graph: graph, edges: Array(edges.values))
    }
}
