import Graph

/// What Tab completes: meta-commands, relations and session rules, and entity names from the store
/// (quoted, prefix match, case-insensitive).
public enum Completion {
    public static func candidates(for prefix: String, session: ReplSession, limit: Int = 200) -> [String] {
        if prefix.hasPrefix(":") {
            return MetaCommand.summaries.map(\.name).filter { $0.hasPrefix(prefix) }
        }
        if prefix.hasPrefix("\"") {
            let names = session.store.graph.entityNames(withPrefix: String(prefix.dropFirst()), limit: limit)
            return Set(names).sorted().map { "\"" + $0.replacing("\"", with: "\\\"") + "\"" }
        }
        var words = Set(session.store.graph.baseRelations.map(\.name))
        for rule in session.engine.rules { words.insert(rule.head.name) }
        words.formUnion(["not", "count", "sum", "min", "max", "avg", "contains", "starts_with", "matches", "lower", "length"])
        return words.filter { $0.hasPrefix(prefix) }.sorted()
    }
}
