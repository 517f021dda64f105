/// Little-endian byte buffer writer for model files.
struct ByteWriter {
    var data: [UInt8] = []

    mutating func bytes<C: Collection>(_ b: C) where C.Element == UInt8 { data.append(contentsOf: b) }
    mutating func u16(_ v: UInt16) { data.append(UInt8(v & 0xff)); data.append(UInt8(v >> 8)) }
    mutating func u32(_ v: UInt32) { for i in 0..<4 { data.append(UInt8((v >> (8 * UInt32(i))) & 0xff)) } }
    mutating func u64(_ v: UInt64) { for i in 0..<8 { data.append(UInt8((v >> (8 * UInt64(i))) & 0xff)) } }
    mutating func f32(_ v: Float) { u32(v.bitPattern) }
    mutating func i16s(_ v: [Int16]) {
        data.reserveCapacity(data.count + v.count * 2)
        for x in v { u16(UInt16(bitPattern: x)) }
    }

    /// FNV-1a 64-bit checksum.
    static func checksum<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}

/// Bounds-checked little-endian reader; every accessor returns nil past `end`.
struct ByteReader {
    let data: [UInt8]
    let end: Int
    var pos = 0

    init(data: [UInt8], end: Int) {
        self.data = data
        self.end = min(end, data.count)
    }

    mutating func bytes(_ n: Int) -> [UInt8]? {
        guard n >= 0, pos + n <= end else { return nil }
        defer { pos += n }
        return Array(data[pos..<(pos + n)])
    }

    mutating func u16() -> UInt16? {
        guard pos + 2 <= end else { return nil }
        defer { pos += 2 }
        return UInt16(data[pos]) | (UInt16(data[pos + 1]) << 8)
    }

    mutating func u32() -> UInt32? {
        guard pos + 4 <= end else { return nil }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(data[pos + i]) << (8 * UInt32(i)) }
        pos += 4
        return v
    }

    mutating func u64() -> UInt64? {
        guard pos + 8 <= end else { return nil }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(data[pos + i]) << (8 * UInt64(i)) }
        pos += 8
        return v
    }

    mutating func f32() -> Float? { u32().map { Float(bitPattern: $0) } }

    mutating func i16s(_ n: Int) -> [Int16]? {
        guard n >= 0, pos + 2 * n <= end else { return nil }
        var out = [Int16](repeating: 0, count: n)
        data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                var p = pos
                for i in 0..<n {
                    dst[i] = Int16(bitPattern: UInt16(src[p]) | (UInt16(src[p + 1]) << 8))
                    p += 2
                }
            }
        }
        pos += 2 * n
        return out
    }
}

extension Optional {
    /// Unwraps or throws the given error.
    func orThrow(_ error: @autoclosure () -> Error) throws -> Wrapped {
        guard let v = self else { throw error() }
        return v
    }
}
