/// Fast non-cryptographic hashing over bytes, for the term table and for checksums of stored data.
///
/// The functions are stable across runs and platforms (no per-process seed), which is what on-disk
/// checksums need. They are not meant to resist deliberate collisions.
enum Hashing {
    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A 64-bit hash of `bytes`, reading eight bytes at a time.
    /// - Complexity: O(n).
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var h = seed ^ (UInt64(bytes.count) &* multiplier)
        var i = 0
        let n = bytes.count
        guard let base = bytes.baseAddress else { return mix(h) }
        while i + 8 <= n {
            let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ mix(word)) &* multiplier
            h = (h << 29) | (h >> 35)
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
                shift += 8
                i += 1
            }
            h = (h ^ mix(tail)) &* multiplier
        }
        return mix(h)
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        hash(UnsafeRawBufferPointer(bytes))
    }

    /// The checksum of an array's bytes.
    static func checksum<T>(_ array: [T]) -> UInt64 {
        array.withUnsafeBytes { hash($0, seed: 0x4E47) }
    }
}
