import Graph

/// The id ranges described on `FactStore`.
public enum TermSpace {
    public static let factBit: TermID = 0x8000_0000
    public static let localBase: TermID = 0xF000_0000

    @inline(__always) public static func isLocal(_ id: TermID) -> Bool { id >= localBase }
    @inline(__always) public static func isFact(_ id: TermID) -> Bool { id & factBit != 0 && id < localBase }
}

/// Optional capability: a store whose `scan` never yields the same tuple twice. The engine then skips duplicate
/// elimination for queries that report every variable of every atom.
public protocol DistinctScans: FactStore {}
