import Support

extension LargeBuffer {
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
}
