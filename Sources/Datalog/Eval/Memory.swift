import Graph
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Allocation of large flat buffers (hash tables, tuple storage). Buffers of 2 MiB or more are mapped directly
/// (fresh pages are already zero, so zeroed buffers cost no extra pass), 2 MiB-aligned and advised as
/// transparent huge pages on Linux, which cuts TLB misses of random hash probes. Callers free with the same count.
enum LargeBuffer {
    static let huge = 2 << 20

    /// Rehashes an open-addressing table of non-zero entries whose hash is the high 32 bits (zero marks an
    /// empty slot) into a table twice the size, freeing the old one; returns the new table and its mask.
    static func doubled(_ table: UnsafeMutablePointer<UInt64>, mask: Int) -> (UnsafeMutablePointer<UInt64>, Int) {
        let size = (mask + 1) * 2
        let grown = allocateZeroed(UInt64.self, count: size)
        let newMask = size - 1
        for i in 0...mask {
            let entry = table[i]
            if entry == 0 { continue }
            var slot = Int(UInt32(truncatingIfNeeded: entry >> 32)) & newMask
            while grown[slot] != 0 { slot = (slot + 1) & newMask }
            grown[slot] = entry
        }
        free(table, count: mask + 1)
        return (grown, newMask)
    }

    private static func mapped(_ bytes: Int) -> Bool { bytes >= huge }
    private static func rounded(_ bytes: Int) -> Int { (bytes + huge - 1) / huge * huge }

    static func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let bytes = max(1, count) * MemoryLayout<T>.stride
        if mapped(bytes) {
            let size = rounded(bytes)
            guard let raw = mmap(nil, size + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                  raw != MAP_FAILED else { fatalError("out of memory mapping \(bytes) bytes") }
            let base = UInt(bitPattern: raw)
            let aligned = (base + UInt(huge) - 1) / UInt(huge) * UInt(huge)
            if aligned > base { munmap(raw, Int(aligned - base)) }
            let tail = Int(base) + size + huge - Int(aligned) - size
            if tail > 0 { munmap(UnsafeMutableRawPointer(bitPattern: aligned + UInt(size)), tail) }
            guard let p = UnsafeMutableRawPointer(bitPattern: aligned) else {
                preconditionFailure("mmap returned a mapping at address 0 for \(bytes) bytes")
            }
            #if os(Linux)
            _ = madvise(p, size, 14 /* MADV_HUGEPAGE */)
            #endif
            return p.bindMemory(to: T.self, capacity: max(1, count))
        }
        guard let raw = malloc(bytes) else { fatalError("out of memory allocating \(bytes) bytes") }
        return raw.bindMemory(to: T.self, capacity: max(1, count))
    }

    static func allocateZeroed<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let bytes = max(1, count) * MemoryLayout<T>.stride
        if mapped(bytes) { return allocate(type, count: count) }
        guard let raw = calloc(1, bytes) else { fatalError("out of memory allocating \(bytes) bytes") }
        return raw.bindMemory(to: T.self, capacity: max(1, count))
    }

    static func free<T>(_ p: UnsafeMutablePointer<T>, count: Int) {
        let bytes = max(1, count) * MemoryLayout<T>.stride
        if mapped(bytes) { munmap(UnsafeMutableRawPointer(p), rounded(bytes)) } else { Glibc.free(UnsafeMutableRawPointer(p)) }
    }
}
