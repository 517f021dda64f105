/// Compressed sparse rows: for each key (a term id), the fact rows that have it, in row order.
///
/// Built by a counting sort in O(facts + keys); `rows(for:)` is O(1) plus the answer.
struct AdjacencyIndex: Sendable {
    private(set) var offsets: [UInt32] = [0]
    private(set) var rows: [UInt32] = []

    init() {}

    /// Indexes `keys[0..<count]` (one key per fact row) over key space `0..<keySpace`.
    init(keys: [UInt32], count: Int, keySpace: Int) {
        var offsets = [UInt32](repeating: 0, count: keySpace + 1)
        keys.withUnsafeBufferPointer { keys in
            for row in 0..<count { offsets[Int(keys[row]) + 1] &+= 1 }
        }
        for key in 0..<keySpace { offsets[key + 1] &+= offsets[key] }
        var cursor = offsets
        var rows = [UInt32](repeating: 0, count: count)
        keys.withUnsafeBufferPointer { keys in
            rows.withUnsafeMutableBufferPointer { rows in
                for row in 0..<count {
                    let key = Int(keys[row])
                    rows[Int(cursor[key])] = UInt32(row)
                    cursor[key] &+= 1
                }
            }
        }
        self.offsets = offsets
        self.rows = rows
    }

    /// Number of keys covered.
    var keySpace: Int { offsets.count - 1 }

    /// Number of rows with `key` (0 for keys beyond the index).
    @inline(__always)
    func count(of key: UInt32) -> Int {
        let k = Int(key)
        guard k < keySpace else { return 0 }
        return Int(offsets[k + 1] - offsets[k])
    }

    /// The rows with `key`.
    @inline(__always)
    func rows(for key: UInt32) -> Range<Int> {
        let k = Int(key)
        guard k < keySpace else { return 0..<0 }
        return Int(offsets[k])..<Int(offsets[k + 1])
    }

    var memoryBytes: Int { offsets.capacity * 4 + rows.capacity * 4 }
}
