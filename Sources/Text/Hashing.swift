/// Deterministic hashing helpers (Swift's `Hasher` is randomly seeded per process and must not be
/// used for anything that is persisted or must be reproducible).
enum FeatureHash {
    static let offset: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// FNV-1a over a byte range.
    @inline(__always)
    static func fnv(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, seed: UInt64 = offset) -> UInt64 {
        var h = seed
        var i = from
        while i < to {
            h = (h ^ UInt64(p[i])) &* prime
            i += 1
        }
        return h
    }

    /// FNV-1a over the UTF-8 bytes of a string.
    static func fnv(_ s: String) -> UInt64 {
        var h = offset
        for c in s.utf8 { h = (h ^ UInt64(c)) &* prime }
        return h
    }

    /// SplitMix64 finaliser: a strong 64-bit bit mixer.
    @inline(__always)
    static func mix(_ x0: UInt64) -> UInt64 {
        var x = x0
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 31)
    }

    /// Combines a feature template id with a value hash.
    @inline(__always)
    static func key(_ template: UInt64, _ v: UInt64) -> UInt64 {
        mix(v &+ (template &+ 1) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// Combines a feature template id with two value hashes.
    @inline(__always)
    static func key(_ template: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
        mix(mix(a &+ (template &+ 1) &* 0x9E37_79B9_7F4A_7C15) ^ b)
    }

    /// Reduces a 64-bit feature hash to the non-zero 32-bit key stored in the model.
    @inline(__always)
    static func key32(_ h: UInt64) -> UInt32 {
        let k = UInt32(truncatingIfNeeded: h >> 32)
        return k == 0 ? 1 : k
    }

    /// Non-zero 64-bit word key.
    @inline(__always)
    static func nonZero(_ h: UInt64) -> UInt64 { h == 0 ? 1 : h }
}

/// A read-only open-addressing hash table with linear probing. Key 0 marks an empty slot, so
/// callers must never insert key 0. Keys and values are interleaved so a probe touches one cache line.
struct OpenTable<Key: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    private struct Slot: Sendable {
        var key: Key
        var value: UInt32
    }

    private let slots: [Slot]
    let mask: Int

    /// Builds a table holding `keys[i] → values[i]`. Later duplicates overwrite earlier ones.
    init(keys inKeys: [Key], values inValues: [UInt32]) {
        var cap = 16
        while cap < inKeys.count * 2 { cap <<= 1 }
        mask = cap - 1
        var ss = [Slot](repeating: Slot(key: 0, value: 0), count: cap)
        for (k, v) in zip(inKeys, inValues) where k != 0 {
            var slot = Self.slot(k) & (cap - 1)
            while ss[slot].key != 0 && ss[slot].key != k { slot = (slot + 1) & (cap - 1) }
            ss[slot] = Slot(key: k, value: v)
        }
        slots = ss
    }

    @inline(__always)
    static func slot(_ k: Key) -> Int {
        Int(truncatingIfNeeded: FeatureHash.mix(UInt64(truncatingIfNeeded: k)))
    }

    /// Looks up `k`; returns `nil` when absent.
    @inline(__always)
    func get(_ k: Key) -> UInt32? {
        slots.withUnsafeBufferPointer { sp in
            var slot = Self.slot(k) & mask
            while true {
                let cur = sp[slot]
                if cur.key == k { return cur.value }
                if cur.key == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Reads the slot where a lookup of `k` starts, so that a batch of lookups can have their cache
    /// misses in parallel before the (branchy) probes run; the result only serves to keep the read.
    @inline(__always)
    func touch(_ k: Key) -> Key {
        slots.withUnsafeBufferPointer { sp in sp[Self.slot(k) & mask].key }
    }

    /// Number of slots (for memory reporting).
    var capacity: Int { mask + 1 }
}
