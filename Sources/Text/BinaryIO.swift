import Foundation

/// Errors for malformed binary model data.
public enum ModelFormatError: Error, Equatable, CustomStringConvertible {
    /// The data ended before a field could be read.
    case truncated(offset: Int)
    /// A field held an impossible value.
    case invalid(String)

    /// Human-readable description.
    public var description: String {
        switch self {
        case let .truncated(offset): return "unexpected end of data at byte \(offset)"
        case let .invalid(msg): return msg
        }
    }
}

/// Little-endian binary writer.
struct ByteWriter {
    var data: [UInt8] = []

    mutating func u8(_ v: UInt8) { data.append(v) }
    mutating func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func f32(_ v: Float) { u32(v.bitPattern) }
    mutating func bytes(_ b: [UInt8]) { data.append(contentsOf: b) }

    /// Length-prefixed (UInt16) UTF-8 string.
    mutating func string(_ s: String) {
        let b = Array(s.utf8.prefix(Int(UInt16.max)))
        u16(UInt16(b.count))
        data.append(contentsOf: b)
    }

    mutating func array<T: FixedWidthInteger>(_ a: [T]) {
        data.reserveCapacity(data.count + a.count * MemoryLayout<T>.size)
        for v in a { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    }
}

/// Bounds-checked little-endian binary reader. Every read throws instead of trapping.
struct ByteReader {
    let data: [UInt8]
    var pos = 0

    init(_ data: [UInt8]) { self.data = data }

    var remaining: Int { data.count - pos }

    mutating func need(_ n: Int) throws {
        if n < 0 || n > data.count - pos { throw ModelFormatError.truncated(offset: pos) }
    }

    mutating func u8() throws -> UInt8 {
        try need(1)
        defer { pos += 1 }
        return data[pos]
    }

    mutating func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        try need(size)
        var v: T = 0
        for k in 0..<size { v |= T(truncatingIfNeeded: data[pos + k]) << (8 * k) }
        pos += size
        return v
    }

    mutating func u16() throws -> UInt16 { try integer(UInt16.self) }
    mutating func u32() throws -> UInt32 { try integer(UInt32.self) }
    mutating func u64() throws -> UInt64 { try integer(UInt64.self) }
    mutating func f32() throws -> Float { Float(bitPattern: try u32()) }

    mutating func string() throws -> String {
        let n = Int(try u16())
        try need(n)
        defer { pos += n }
        return String(decoding: data[pos..<(pos + n)], as: UTF8.self)
    }

    /// Reads `count` little-endian integers, validating the size first.
    mutating func array<T: FixedWidthInteger>(_: T.Type, count: Int) throws -> [T] {
        let size = MemoryLayout<T>.size
        guard count >= 0, count <= data.count / max(size, 1) else { throw ModelFormatError.truncated(offset: pos) }
        try need(count * size)
        var out = [T](repeating: 0, count: count)
        data.withUnsafeBytes { raw in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<count {
                    dst[i] = T(littleEndian: raw.loadUnaligned(fromByteOffset: pos + i * size, as: T.self))
                }
            }
        }
        pos += count * size
        return out
    }
}
