import Graph
/// An in-memory `FactStore` for tests, examples and benchmarks.
///
/// Each relation keeps its tuples in one flat, arity-strided array (deduplicated on first read). For every
/// set of bound columns a query uses, the store lazily builds a *sorted permutation* of the rows ordered by
/// those columns, so `scan` with bound positions is a binary search plus a contiguous range walk — the same
/// access path a real graph store offers (e.g. SPO / POS / OSP orders).
public final class MemoryFactStore: FactStore, DistinctScans {
    public static let standardRelations: [(name: String, arity: Int)] = [
        ("rel", 3), ("fact", 4), ("arg", 3), ("type", 2), ("alias", 2),
        ("source", 2), ("said", 2), ("doc", 3), ("published", 2), ("feed", 2),
    ]

    final class Table {
        let arity: Int
        var data: [TermID] = []
        var finalized = true
        /// bound-column mask -> row numbers sorted by the bound columns (ascending column order), then the rest.
        var permutations: [Int: [Int32]] = [:]
        init(arity: Int) { self.arity = arity }
        var count: Int { data.count / arity }
    }

    private var strings: [String] = []
    private var ids: [String: TermID] = [:]
    private var tables: [String: Table] = [:]
    private var relationList: [(name: String, arity: Int)]
    private var nextFactRow: UInt32 = 0

    public init(relations: [(name: String, arity: Int)] = MemoryFactStore.standardRelations) {
        relationList = relations
        for r in relations { tables[r.name] = Table(arity: r.arity) }
    }

    public var termCount: Int { strings.count }
    public var baseRelations: [(name: String, arity: Int)] { relationList }

    /// Declares an additional base relation (tests use this for custom EDB shapes).
    public func declare(_ name: String, arity: Int) {
        if tables[name] == nil {
            tables[name] = Table(arity: arity)
            relationList.append((name, arity))
        }
    }

    public func intern(_ s: String) -> TermID {
        if let f = Self.parseFactID(s) { return f }
        if let id = ids[s] { return id }
        let id = TermID(strings.count)
        precondition(id < TermSpace.factBit, "term space exhausted")
        strings.append(s)
        ids[s] = id
        return id
    }

    /// Adds one tuple of strings; "fact/N" strings become fact ids.
    public func add(_ relation: String, _ terms: [String]) {
        add(relation, ids: terms.map { intern($0) })
    }

    public func add(_ relation: String, ids tuple: [TermID]) {
        guard let t = tables[relation] else { preconditionFailure("unknown relation \(relation)") }
        precondition(tuple.count == t.arity, "arity mismatch for \(relation)")
        t.data.append(contentsOf: tuple)
        t.finalized = false
        t.permutations.removeAll()
    }

    /// Adds rel(S,P,O) and fact(F,S,P,O) with a fresh fact id; returns F.
    @discardableResult
    public func addTriple(_ s: String, _ p: String, _ o: String, withFact: Bool = true) -> TermID {
        let (si, pi, oi) = (intern(s), intern(p), intern(o))
        add("rel", ids: [si, pi, oi])
        let f = TermSpace.factBit | nextFactRow
        nextFactRow += 1
        if withFact { add("fact", ids: [f, si, pi, oi]) }
        return f
    }

    /// Builds the sorted permutations a news-graph workload needs for `rel/3` (call after loading).
    public func prepareIndexes() {
        for (name, t) in tables where t.count > 0 {
            finalize(t)
            if name == "rel" { for mask in [0b001, 0b010, 0b100, 0b011, 0b110, 0b101, 0b111] { _ = permutation(t, mask) } }
        }
    }

    static func parseFactID(_ s: String) -> TermID? {
        guard s.hasPrefix("fact/"), let n = UInt32(s.dropFirst(5)), n < 0x7000_0000 else { return nil }
        return TermSpace.factBit | n
    }

    // MARK: FactStore

    public func lookup(_ term: String) -> TermID? {
        if let f = Self.parseFactID(term) { return f }
        return ids[term]
    }

    public func string(for id: TermID) -> String {
        if TermSpace.isFact(id) { return "fact/\(id & ~TermSpace.factBit)" }
        if Int(id) < strings.count { return strings[Int(id)] }
        return "?\(id)"
    }

    public func estimatedCount(_ relation: String, _ pattern: [TermID?]) -> Int {
        guard let t = tables[relation], pattern.count == t.arity else { return 0 }
        finalize(t)
        let mask = Self.mask(pattern)
        if mask == 0 { return t.count }
        let perm = permutation(t, mask)
        let r = range(t, perm, pattern)
        return r.count
    }

    public func scan(_ relation: String, _ pattern: [TermID?], _ body: (UnsafeBufferPointer<TermID>) -> Bool) {
        guard let t = tables[relation], pattern.count == t.arity else { return }
        finalize(t)
        let arity = t.arity
        let mask = Self.mask(pattern)
        t.data.withUnsafeBufferPointer { data in
            guard let base = data.baseAddress else { return }
            if mask == 0 {
                var off = 0
                while off < data.count {
                    if !body(UnsafeBufferPointer(start: base + off, count: arity)) { return }
                    off += arity
                }
                return
            }
            let perm = permutation(t, mask)
            let r = range(t, perm, pattern)
            perm.withUnsafeBufferPointer { p in
                for i in r where !body(UnsafeBufferPointer(start: base + Int(p[i]) * arity, count: arity)) { return }
            }
        }
    }

    // MARK: indexes

    static func mask(_ pattern: [TermID?]) -> Int {
        var m = 0
        for (i, v) in pattern.enumerated() where v != nil { m |= 1 << i }
        return m
    }

    private func finalize(_ t: Table) {
        if t.finalized { return }
        t.finalized = true
        let n = t.count, a = t.arity
        guard n > 1 else { return }
        // Sort rows lexicographically and drop duplicates (set semantics).
        let order = sortedRows(t, columns: Array(0..<a))
        var out: [TermID] = []
        out.reserveCapacity(t.data.count)
        t.data.withUnsafeBufferPointer { d in
            var prev = -1
            for r in order {
                let row = Int(r)
                if prev >= 0 {
                    var same = true
                    for c in 0..<a where d[prev * a + c] != d[row * a + c] { same = false; break }
                    if same { continue }
                }
                for c in 0..<a { out.append(d[row * a + c]) }
                prev = row
            }
        }
        t.data = out
        t.permutations.removeAll()
    }

    private func sortedRows(_ t: Table, columns: [Int]) -> [Int32] {
        var order = (0..<Int32(t.count)).map { $0 }
        let a = t.arity
        t.data.withUnsafeBufferPointer { d in
            order.sort { x, y in
                let bx = Int(x) * a, by = Int(y) * a
                for c in columns {
                    let u = d[bx + c], v = d[by + c]
                    if u != v { return u < v }
                }
                return x < y
            }
        }
        return order
    }

    private func permutation(_ t: Table, _ mask: Int) -> [Int32] {
        if let p = t.permutations[mask] { return p }
        var cols = (0..<t.arity).filter { mask & (1 << $0) != 0 }
        cols += (0..<t.arity).filter { mask & (1 << $0) == 0 }
        let p = sortedRows(t, columns: cols)
        t.permutations[mask] = p
        return p
    }

    /// Range of `perm` positions whose bound columns equal the pattern.
    private func range(_ t: Table, _ perm: [Int32], _ pattern: [TermID?]) -> Range<Int> {
        let a = t.arity
        var keyCols: [Int] = [], key: [TermID] = []
        for (c, bound) in pattern.enumerated() {
            guard let bound else { continue }
            keyCols.append(c)
            key.append(bound)
        }
        return t.data.withUnsafeBufferPointer { d -> Range<Int> in
            perm.withUnsafeBufferPointer { p -> Range<Int> in
                // compare row key with `key`: -1, 0, 1
                func cmp(_ i: Int) -> Int {
                    let b = Int(p[i]) * a
                    for (k, c) in keyCols.enumerated() {
                        let v = d[b + c]
                        if v != key[k] { return v < key[k] ? -1 : 1 }
                    }
                    return 0
                }
                var lo = 0, hi = p.count
                while lo < hi { let m = (lo + hi) / 2; if cmp(m) < 0 { lo = m + 1 } else { hi = m } }
                var lo2 = lo, hi2 = p.count
                while lo2 < hi2 { let m = (lo2 + hi2) / 2; if cmp(m) <= 0 { lo2 = m + 1 } else { hi2 = m } }
                return lo..<lo2
            }
        }
    }
}
