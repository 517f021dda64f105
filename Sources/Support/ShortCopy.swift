/// Copying short byte runs without a call to `memcpy`.
///
/// Feed parsing copies tens of short pieces per entry (text between entities, JSON keys, the run between
/// two escapes); through the C library each is a call and a size dispatch costing several times the copy.
/// Up to 64 bytes take word loads and stores that may overlap in the middle.
public enum ShortCopy {
    /// Copies `count` bytes from `source` to a `destination` that does not overlap them.
    @inlinable @inline(__always)
    public static func copy(_ source: UnsafePointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>, count: Int) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(destination)
        if count > 64 {
            to.copyMemory(from: from, byteCount: count)
        } else if count > 16 {
            // Sixteen-byte halves from each end (the halves overlap below 32), then the middle in the
            // same way when more than 32.
            copy16(from, to, at: 0)
            copy16(from, to, at: count - 16)
            if count > 32 {
                copy16(from, to, at: 16)
                copy16(from, to, at: count - 32)
            }
        } else if count >= 8 {
            copy8(from, to, at: 0)
            copy8(from, to, at: count - 8)
        } else if count >= 4 {
            let head = from.loadUnaligned(as: UInt32.self)
            let tail = from.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
        } else {
            for k in 0..<count { destination[k] = source[k] }
        }
    }

    @inlinable @inline(__always)
    static func copy8(_ from: UnsafeRawPointer, _ to: UnsafeMutableRawPointer, at offset: Int) {
        to.storeBytes(of: from.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
    }

    @inlinable @inline(__always)
    static func copy16(_ from: UnsafeRawPointer, _ to: UnsafeMutableRawPointer, at offset: Int) {
        let low = from.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        let high = from.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
        to.storeBytes(of: low, toByteOffset: offset, as: UInt64.self)
        to.storeBytes(of: high, toByteOffset: offset + 8, as: UInt64.self)
    }
}
