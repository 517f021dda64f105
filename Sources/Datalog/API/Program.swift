import Graph
/// A parsed program: rules and facts to load, plus any `?-` queries it contains.
public struct Program: Sendable {
    public let source: String
    public let rules: [Rule]
    public let queries: [(body: [Literal], range: SourceRange)]

    /// Parses program text (syntax only; analysis happens on `Engine.load`).
    public static func parse(_ text: String) throws(QueryError) -> Program {
        let statements: [Statement]
        do { statements = try Parser.parse(text) } catch { throw QueryError(.syntax, [error]) }
        var rules: [Rule] = [], queries: [(body: [Literal], range: SourceRange)] = []
        for s in statements {
            switch s {
            case .rule(let r): rules.append(r)
            case .query(let b, let r): queries.append((b, r))
            }
        }
        return Program(source: text, rules: rules, queries: queries)
    }

    /// The text of query `i` as written (for running it with `Engine.query`).
    public func queryText(_ i: Int) -> String {
        let r = queries[i].range
        let u = Array(source.utf8)
        return String(decoding: u[r.start.offset..<min(r.end.offset, u.count)], as: UTF8.self)
    }
}
