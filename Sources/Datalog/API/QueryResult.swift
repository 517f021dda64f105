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

extension QueryResult {
    /// The same answers sorted by printed value, column by column: what the query returns with `ordered: true`,
    /// without evaluating it again (the REPL sorts answers it has counted).
    /// - Complexity: O(n log n) in the number of rows, plus ranking the distinct values once.
    public func sorted() -> QueryResult {
        let a = columns.count
        guard a > 0, rowCount > 1 else { return self }
        let order = ids.withUnsafeBufferPointer { flat -> [Int] in
            guard let base = flat.baseAddress else { return Array(0..<rowCount) }
            return RowOrder.sorted(count: rowCount, arity: a, pool: pool, row: { base + $0 * a })
        }
        var sortedIDs = [TermID]()
        sortedIDs.reserveCapacity(ids.count)
        for r in order { sortedIDs.append(contentsOf: self[r]) }
        return QueryResult(columns: columns, rowCount: rowCount, ids: sortedIDs, stats: stats, warnings: warnings, pool: pool)
    }
}

/// The order in which answers are shown: rows sorted by the printed values of their columns, left to right.
enum RowOrder {
    /// Row numbers `0..<count` in sorted order; `row(r)` gives row `r`'s `arity` ids.
    static func sorted(count n: Int, arity a: Int, pool: TermPool, row: (Int) -> UnsafePointer<TermID>) -> [Int] {
        var order = Array(0..<n)
        guard a > 0 && n > 1 else { return order }
        // Rank distinct ids by printed value once, then sort rows by rank tuples.
        var distinct = Set<TermID>()
        for r in 0..<n { let p = row(r); for c in 0..<a { distinct.insert(p[c]) } }
        let sortedIDs = distinct.sorted { pool.sortOrder($0, $1) }
        var rank: [TermID: UInt32] = [:]
        rank.reserveCapacity(sortedIDs.count)
        for (i, id) in sortedIDs.enumerated() { rank[id] = UInt32(i) }
        var keys = [UInt32](repeating: 0, count: n * a)
        for r in 0..<n {
            let p = row(r)
            for c in 0..<a {
                guard let k = rank[p[c]] else { preconditionFailure("id \(p[c]) of row \(r) was not ranked with the others") }
                keys[r * a + c] = k
            }
        }
        keys.withUnsafeBufferPointer { k in
            order.sort { x, y in
                for c in 0..<a where k[x * a + c] != k[y * a + c] { return k[x * a + c] < k[y * a + c] }
                return false
            }
        }
        return order
    }
}
