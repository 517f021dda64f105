import Support
import Testing

@Suite("Short copies")
struct ShortCopyTests {
    /// Every length through each branch (bytes, 4, 8, 16, 32 and 64-byte words, `memcpy`) copies exactly
    /// its bytes and writes nothing before or after them.
    @Test func copiesExactlyTheBytesAtEveryLength() {
        for count in 0...140 {
            let source = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
            var destination = [UInt8](repeating: 0xEE, count: count + 32)
            source.withUnsafeBufferPointer { from in
                destination.withUnsafeMutableBufferPointer { to in
                    ShortCopy.copy(from.baseAddress ?? UnsafePointer(bitPattern: 8)!, to: to.baseAddress! + 16, count: count)
                }
            }
            #expect(Array(destination[16..<16 + count]) == source, "length \(count)")
            #expect(destination[..<16].allSatisfy { $0 == 0xEE } && destination[(16 + count)...].allSatisfy { $0 == 0xEE }, "length \(count)")
        }
    }
}
