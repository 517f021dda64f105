import Support
import Testing

/// The vector scans must find exactly what a byte-by-byte search finds: at every length (the vector
/// body, the overlapping last load and the word and byte tails), every position and every member byte.
@Suite("Byte scans")
struct ByteScanTests {
    typealias Scan = (UnsafePointer<UInt8>, Int, Int) -> Int

    static func check(_ scan: Scan, members: [UInt8], filler: UInt8, name: String) {
        for length in 0...70 {
            for position in 0..<max(length, 1) {
                for member in members {
                    for start in [0, 1, 7, 16].filter({ $0 <= length }) {
                        var bytes = [UInt8](repeating: filler, count: length)
                        if position < length { bytes[position] = member }
                        // A second member later on must not be taken for the first.
                        if position + 3 < length { bytes[position + 3] = member }
                        let expected = bytes.indices.first { $0 >= start && members.contains(bytes[$0]) } ?? length
                        let found = bytes.withUnsafeBufferPointer { scan($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, start, length) }
                        if found != expected {
                            Issue.record("\(name): length \(length), byte \(member) at \(position), from \(start): \(found), expected \(expected)")
                            return
                        }
                    }
                }
            }
        }
    }

    @Test func jsonEscapes() {
        Self.check(ByteScan.firstJSONEscape, members: [0x00, 0x0A, 0x1F, 0x22, 0x5C], filler: 0x61, name: "JSON")
        // Bytes next to the set in value are not in it.
        let near: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xFF, 0x9F, 0xA2, 0xDC]
        near.withUnsafeBufferPointer { #expect(ByteScan.firstJSONEscape($0.baseAddress!, from: 0, to: near.count) == near.count) }
    }

    @Test func markupAndNUL() {
        Self.check(ByteScan.firstMarkupOrNUL, members: [0x3C, 0x26, 0x00], filler: 0x20, name: "markup")
        let near: [UInt8] = [0x3B, 0x3D, 0x25, 0x27, 0x01, 0x80, 0xBC, 0xA6, 0xFF, 0x3E, 0x3E, 0x3E, 0x3E, 0x3E, 0x3E, 0x3E, 0x3E]
        near.withUnsafeBufferPointer { #expect(ByteScan.firstMarkupOrNUL($0.baseAddress!, from: 0, to: near.count) == near.count) }
    }

    @Test func nonASCII() {
        Self.check(ByteScan.firstNonASCII, members: [0x80, 0xC3, 0xFF], filler: 0x7F, name: "non-ASCII")
    }
}
