/// Interned strings: each distinct string is stored once in a contiguous UTF-8 arena and named by a
/// dense `UInt32` id, in order of first appearance.
///
/// Memory: the string bytes, 4 bytes of offset and about 6 bytes of hash table per term.
public struct TermDictionary: Sendable {
    /// UTF-8 bytes of all terms, back to back.
    private(set) var arena: [UInt8] = []
    /// `offsets[id] ..< offsets[id + 1]` is the term's range in `arena`.
    private(set) var offsets: [UInt32] = [0]
    /// Open-addressing table of `id + 1` (0 = empty); its count is a power of two.
    private var slots: [UInt32] = Array(repeating: 0, count: 16)

    public init() {}

    /// Number of terms.
    public var count: Int { offsets.count - 1 }

    /// Bytes held by the arena, offsets and hash table.
    public var memoryBytes: Int { arena.capacity + offsets.capacity * 4 + slots.capacity * 4 }

    /// The id of `term`, interning it when new.
    /// - Complexity: O(length of the term), amortised.
    @discardableResult
    public mutating func intern(_ term: String) -> UInt32 {
        var term = term
        return term.withUTF8 { intern(bytes: $0) }
    }

    /// The id of the UTF-8 `bytes`, interning them when new.
    public mutating func intern(bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let hash = Hashing.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if equals(Int(entry - 1), bytes) { return entry - 1 }
            slot = (slot + 1) & (slots.count - 1)
        }
        let id = UInt32(count)
        arena.append(contentsOf: bytes)
        precondition(arena.count <= Int(UInt32.max), "term arena exceeds 4 GiB")
        offsets.append(UInt32(arena.count))
        slots[slot] = id + 1
        if count * 4 >= slots.count * 3 { rehash(capacity: slots.count * 2) }
        return id
    }

    /// The id of `term`, or nil when it was never interned.
    /// - Complexity: O(length of the term).
    public func lookup(_ term: String) -> UInt32? {
        var term = term
        return term.withUTF8 { lookup(bytes: $0) }
    }

    public func lookup(bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let hash = Hashing.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if equals(Int(entry - 1), bytes) { return entry - 1 }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// The string of `id`.
    public func string(_ id: UInt32) -> String {
        let start = Int(offsets[Int(id)])
        let end = Int(offsets[Int(id) + 1])
        return arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// The UTF-8 length of `id`'s string.
    public func byteCount(_ id: UInt32) -> Int { Int(offsets[Int(id) + 1] - offsets[Int(id)]) }

    /// Calls `body` with the bytes of `id`'s string.
    public func withBytes<R>(_ id: UInt32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = Int(offsets[Int(id)])
        let end = Int(offsets[Int(id) + 1])
        return try arena.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(offsets[id])
        let end = Int(offsets[id + 1])
        guard end - start == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { arena in
            guard let base = bytes.baseAddress, let arenaBase = arena.baseAddress else { return bytes.isEmpty }
            return memcmp(arenaBase + start, base, bytes.count) == 0
        }
    }

    private mutating func rehash(capacity: Int) {
        var table = [UInt32](repeating: 0, count: capacity)
        let mask = capacity - 1
        arena.withUnsafeBufferPointer { arena in
            for id in 0..<count {
                let start = Int(offsets[id])
                let end = Int(offsets[id + 1])
                var slot = Int(truncatingIfNeeded: Hashing.hash(UnsafeBufferPointer(rebasing: arena[start..<end]))) & mask
                while table[slot] != 0 { slot = (slot + 1) & mask }
                table[slot] = UInt32(id + 1)
            }
        }
        slots = table
    }

    /// Reserves room for `terms` more terms of about `bytes` bytes in all.
    public mutating func reserve(terms: Int, bytes: Int) {
        arena.reserveCapacity(arena.count + bytes)
        offsets.reserveCapacity(offsets.count + terms)
        var needed = slots.count
        while (count + terms) * 4 >= needed * 3 { needed *= 2 }
        if needed != slots.count { rehash(capacity: needed) }
    }

    /// Rebuilds a dictionary from its stored arena and offsets (opening a snapshot).
    init(arena: [UInt8], offsets: [UInt32]) {
        self.arena = arena
        self.offsets = offsets
        var capacity = 16
        while (offsets.count - 1) * 4 >= capacity * 3 { capacity *= 2 }
        rehash(capacity: capacity)
    }

    /// The stored form: arena and offsets.
    var storedArena: [UInt8] { arena }
    var storedOffsets: [UInt32] { offsets }

    #if NEWSGRAPH_INTERNAL_CHECKS
    /// Checks that every term is found again under its own id.
    func _checkInvariants() {
        precondition(offsets.first == 0 && Int(offsets.last ?? 0) == arena.count)
        for id in 0..<count { precondition(lookup(string(UInt32(id))) == UInt32(id)) }
    }
    #endif
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
