/// A term's id in a store: interned strings below `termCount`, fact ids with the high bit set.
public typealias TermID = UInt32

/// Read access to the base relations a graph store serves, as the query engine sees them.
///
/// Ids below the store's term count are interned strings; ids with the high bit set
/// (`0x8000_0000 | row`) are fact ids, printed as `fact/123`. Ids from `0xF000_0000` up are never
/// produced by a store: the query engine uses that range for values it derives itself.
public protocol FactStore: AnyObject {
    /// The id of a string, nil when the store never saw it.
    func lookup(_ term: String) -> TermID?
    /// The printed form of an id the store returned.
    func string(for id: TermID) -> String
    /// Base relations with their arities.
    var baseRelations: [(name: String, arity: Int)] { get }
    /// The number of tuples of `relation` whose bound positions (non-nil) equal the given ids, or an upper bound of it.
    /// - Complexity: O(1) for one bound position.
    func estimatedCount(_ relation: String, _ pattern: [TermID?]) -> Int
    /// Calls `body` with each tuple matching the bound positions; `body` returns false to stop.
    /// - Complexity: O(answer) when a position with an index (subject, object or relation of a fact) is bound.
    func scan(_ relation: String, _ pattern: [TermID?], _ body: (UnsafeBufferPointer<TermID>) -> Bool)
}

/// Fact ids in the term-id space.
public enum FactID {
    public static let flag: UInt32 = 0x8000_0000

    public static func id(row: Int) -> TermID { flag | UInt32(row) }
    public static func row(_ id: TermID) -> Int? { id & flag != 0 && id < 0xF000_0000 ? Int(id & ~flag) : nil }
}
