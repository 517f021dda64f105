import Graph
/// Answers of a query: one column per named variable (in order of first appearance; `_X` variables are hidden),
/// rows as flat arity-strided ids, sorted by printed value unless unordered results were requested.
public struct QueryResult {
    public let columns: [String]
    public let rowCount: Int
    /// All rows, flat (`rowCount * columns.count` ids).
    public let ids: [TermID]
    public let stats: EvaluationStats
    public let warnings: [Diagnostic]
    let pool: TermPool

    public var isEmpty: Bool { rowCount == 0 }

    public subscript(row: Int) -> ArraySlice<TermID> {
        ids[(row * columns.count)..<((row + 1) * columns.count)]
    }

    /// Rows as arrays (materialized; prefer `subscript` for large results).
    public var rows: [[TermID]] { (0..<rowCount).map { Array(self[$0]) } }

    public func string(for id: TermID) -> String { pool.string(id) }

    /// Rows of printed values.
    public func stringRows() -> [[String]] { (0..<rowCount).map { self[$0].map { pool.string($0) } } }
}
