import Testing
@testable import Feeds

@Suite("Byte buffer")
struct ByteBufferTests {
    @Test func appendsGrowsAndEmpties() {
        var text = ByteBuffer(capacity: 16)
        var expected: [UInt8] = []
        for round in 0..<200 {
            let piece = Array("piece \(round) ".utf8)
            piece.withUnsafeBufferPointer { text.append($0) }
            text.append(UInt8(ascii: "|"))
            expected += piece + [UInt8(ascii: "|")]
        }
        text.append(literal: "&amp;")
        text.append(utf8: "né")
        expected += Array("&amp;né".utf8)
        #expect(Array(text.bytes) == expected)
        text.removeAll()
        #expect(text.isEmpty && text.bytes.isEmpty)
        text.replace(with: Array("again".utf8))
        #expect(String(decoding: text.bytes, as: UTF8.self) == "again")
    }

    /// Escaping writes the same bytes into a byte buffer as into an array.
    @Test func markupEscapingWritesAlike() {
        let raw = Array("a < b & \"c\" > d".utf8)
        var array: [UInt8] = []
        var text = ByteBuffer(capacity: 16)
        raw.withUnsafeBufferPointer {
            MarkupEscaping.appendEscapedText($0, to: &array)
            MarkupEscaping.appendEscapedText($0, to: &text)
        }
        MarkupEscaping.appendEscapedAttribute(" x=\"1\" & <", to: &array)
        MarkupEscaping.appendEscapedAttribute(" x=\"1\" & <", to: &text)
        #expect(Array(text.bytes) == array)
        #expect(String(decoding: array, as: UTF8.self) == "a &lt; b &amp; \"c\" &gt; d x=&quot;1&quot; &amp; &lt;")
    }
}
