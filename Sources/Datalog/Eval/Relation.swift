import Graph
import Support
/// Derived relations: tuples as flat, arity-strided `TermID` storage with an open-addressing hash set
/// over row numbers (set semantics) and hash indexes by bound-column sets, maintained on every insert.
/// Rows are only appended, so a semi-naive delta is a row range.
final class Relation {
    let name: String
    let arity: Int
    private let stride: Int
    private(set) var data: UnsafeMutablePointer<TermID>
    private(set) var capacity: Int
    private(set) var count = 0
    /// Entry = (tag << 32) | (row + 1); 0 = empty. The slot is chosen by the tag's low bits.
    private var table: UnsafeMutablePointer<UInt64>
    private var tableMask: Int
    private(set) var indexes: [HashIndex] = []
    /// Append-only mode: the producer guarantees distinct tuples, so no hash set is kept.
    let distinctByConstruction: Bool

    init(name: String, arity: Int, capacity: Int = 16, distinctByConstruction: Bool = false) {
        self.distinctByConstruction = distinctByConstruction
        self.name = name
        self.arity = arity
        stride = max(arity, 1)
        self.capacity = max(capacity, 4)
        data = LargeBuffer.allocate(TermID.self, count: self.capacity * stride)
        let tcap = Relation.pow2(max(16, self.capacity * 2))
        table = LargeBuffer.allocateZeroed(UInt64.self, count: tcap)
        tableMask = tcap - 1
    }

    deinit {
        LargeBuffer.free(data, count: capacity * stride)
        LargeBuffer.free(table, count: tableMask + 1)
    }

    static func pow2(_ n: Int) -> Int { var c = 1; while c < n { c <<= 1 }; return c }

    @inline(__always) static func hash(_ p: UnsafePointer<TermID>, _ n: Int) -> UInt32 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for i in 0..<n { h = (h ^ UInt64(p[i])) &* 0x9E37_79B9_7F4A_7C15; h ^= h >> 31 }
        h = (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
        return UInt32(truncatingIfNeeded: h >> 32)
    }

    @inline(__always) func row(_ r: Int) -> UnsafeMutablePointer<TermID> { data + r * arity }

    @inline(__always) private func equalRow(_ r: Int, _ t: UnsafePointer<TermID>) -> Bool {
        let p = data + r * arity
        for i in 0..<arity where p[i] != t[i] { return false }
        return true
    }

    /// The hash-set slot holding tuple `t` (whose hash is `h`), or the empty slot where it would go.
    @inline(__always) private func probe(_ t: UnsafePointer<TermID>, _ h: UInt32) -> (slot: Int, found: Bool) {
        var slot = Int(h) & tableMask
        while true {
            let e = table[slot]
            if e == 0 { return (slot, false) }
            if UInt32(truncatingIfNeeded: e >> 32) == h && equalRow(Int(UInt32(truncatingIfNeeded: e)) - 1, t) { return (slot, true) }
            slot = (slot + 1) & tableMask
        }
    }

    /// Appends tuple `t` as a new row and records it in the empty hash-set `slot` (nil for append-only
    /// relations); returns the row. Callers add the row to the indexes.
    @inline(__always) private func append(_ t: UnsafePointer<TermID>, hash h: UInt32, slot: Int?) -> Int {
        if count == capacity { growData() }
        let r = count
        (data + r * arity).update(from: t, count: arity)
        count += 1
        if let slot { table[slot] = (UInt64(h) << 32) | UInt64(r + 1) }
        return r
    }

    func contains(_ t: UnsafePointer<TermID>) -> Bool {
        precondition(!distinctByConstruction, "contains on an append-only relation")
        return probe(t, Relation.hash(t, arity)).found
    }

    /// Inserts a tuple (copied from `t`); returns false if it was already present.
    @discardableResult
    func insert(_ t: UnsafePointer<TermID>) -> Bool {
        if distinctByConstruction {
            let r = append(t, hash: 0, slot: nil)
            for idx in indexes { idx.add(row: r, relation: self) }
            return true
        }
        let h = Relation.hash(t, arity)
        let (slot, found) = probe(t, h)
        if found { return false }
        let r = append(t, hash: h, slot: slot)
        if count * 4 > tableMask * 3 { growTable() }
        for idx in indexes { idx.add(row: r, relation: self) }
        return true
    }

    /// Inserts `n` tuples stored contiguously at `tuples`; returns how many were new. Probes are issued in two
    /// passes — first touching every target slot (independent loads the CPU overlaps), then inserting — which
    /// hides most of the cache-miss latency of random hash probes.
    func insertBatch(_ tuples: UnsafePointer<TermID>, _ n: Int, hashes: UnsafeMutablePointer<UInt32>) -> Int {
        if distinctByConstruction || n < 8 {
            var added = 0
            for i in 0..<n where insert(tuples + i * arity) { added += 1 }
            return added
        }
        while (count + n) * 4 > tableMask * 3 { growTable() }
        var touch: UInt64 = 0
        for i in 0..<n {
            let h = Relation.hash(tuples + i * arity, arity)
            hashes[i] = h
            touch &+= table[Int(h) & tableMask]
        }
        sink = touch
        var added = 0
        for i in 0..<n {
            let t = tuples + i * arity
            let h = hashes[i]
            let (slot, found) = probe(t, h)
            if found { continue }
            let r = append(t, hash: h, slot: slot)
            for idx in indexes { idx.add(row: r, relation: self) }
            added += 1
        }
        return added
    }

    private var sink: UInt64 = 0

    private func growData() {
        let newCap = capacity * 2
        let nd = LargeBuffer.allocate(TermID.self, count: newCap * stride)
        nd.moveInitialize(from: data, count: count * arity)
        LargeBuffer.free(data, count: capacity * stride)
        data = nd
        capacity = newCap
        for idx in indexes { idx.reserve(newCap) }
    }

    private func growTable() {
        (table, tableMask) = LargeBuffer.doubled(table, mask: tableMask)
    }

    /// The index over `columns` (ascending), building it if needed.
    func index(on columns: [Int]) -> HashIndex {
        if let i = indexes.first(where: { $0.columns == columns }) { return i }
        let idx = HashIndex(columns: columns, capacity: capacity)
        for r in 0..<count { idx.add(row: r, relation: self) }
        indexes.append(idx)
        return idx
    }

    /// Row numbers, for result extraction.
    func rows() -> [[TermID]] { (0..<count).map { r in Array(UnsafeBufferPointer(start: row(r), count: arity)) } }
}

/// Hash index of a relation on a set of columns: one entry per distinct key, pointing at the newest row with
/// that key; `next` chains rows with equal keys (newest to oldest).
final class HashIndex {
    let columns: [Int]
    private let cols: UnsafeMutablePointer<Int>
    let width: Int
    private var slots: UnsafeMutablePointer<UInt64>
    private var mask: Int
    private(set) var distinctKeys = 0
    private(set) var next: UnsafeMutablePointer<Int32>
    private var nextCapacity: Int

    init(columns: [Int], capacity: Int) {
        self.columns = columns
        width = columns.count
        cols = .allocate(capacity: max(1, columns.count))
        for (i, c) in columns.enumerated() { cols[i] = c }
        let size = Relation.pow2(64)
        slots = LargeBuffer.allocateZeroed(UInt64.self, count: size)
        mask = size - 1
        nextCapacity = max(capacity, 4)
        next = LargeBuffer.allocate(Int32.self, count: nextCapacity)
    }

    deinit {
        cols.deallocate()
        LargeBuffer.free(slots, count: mask + 1)
        LargeBuffer.free(next, count: nextCapacity)
    }

    func reserve(_ rows: Int) {
        guard rows > nextCapacity else { return }
        let nn = LargeBuffer.allocate(Int32.self, count: rows)
        nn.moveInitialize(from: next, count: nextCapacity)
        LargeBuffer.free(next, count: nextCapacity)
        next = nn
        nextCapacity = rows
    }

    @inline(__always) private func keyHash(row p: UnsafePointer<TermID>) -> UInt32 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for i in 0..<width { h = (h ^ UInt64(p[cols[i]])) &* 0x9E37_79B9_7F4A_7C15; h ^= h >> 31 }
        h = (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
        return UInt32(truncatingIfNeeded: h >> 32)
    }

    func add(row r: Int, relation: Relation) {
        if r >= nextCapacity { reserve(max(r + 1, nextCapacity * 2)) }
        let p = relation.row(r)
        let h = keyHash(row: p)
        var slot = Int(h) & mask
        while true {
            let e = slots[slot]
            if e == 0 {
                slots[slot] = (UInt64(h) << 32) | UInt64(r + 1)
                next[r] = -1
                distinctKeys += 1
                if distinctKeys * 2 > mask { grow() }
                return
            }
            if UInt32(truncatingIfNeeded: e >> 32) == h {
                let head = Int(UInt32(truncatingIfNeeded: e)) - 1
                let q = relation.row(head)
                var same = true
                for i in 0..<width where q[cols[i]] != p[cols[i]] { same = false; break }
                if same {
                    next[r] = Int32(head)
                    slots[slot] = (UInt64(h) << 32) | UInt64(r + 1)
                    return
                }
            }
            slot = (slot + 1) & mask
        }
    }

    private func grow() {
        (slots, mask) = LargeBuffer.doubled(slots, mask: mask)
    }

    /// First (newest) row whose key columns equal `key` (values in column order), or -1.
    @inline(__always)
    func first(_ key: UnsafePointer<TermID>, relation: Relation) -> Int {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for i in 0..<width { h = (h ^ UInt64(key[i])) &* 0x9E37_79B9_7F4A_7C15; h ^= h >> 31 }
        h = (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        var slot = Int(tag) & mask
        while true {
            let e = slots[slot]
            if e == 0 { return -1 }
            if UInt32(truncatingIfNeeded: e >> 32) == tag {
                let head = Int(UInt32(truncatingIfNeeded: e)) - 1
                let q = relation.row(head)
                var same = true
                for i in 0..<width where q[cols[i]] != key[i] { same = false; break }
                if same { return head }
            }
            slot = (slot + 1) & mask
        }
    }
}
