import TestSupport
import Testing
@testable import Feeds

@Suite("HTML fragments to plain text")
struct HTMLTextTests {
    /// The byte table the extractor copies by must say what its documentation says, for every byte.
    @Test func verbatimByteTableFollowsItsDefinition() {
        let table = HTMLText.verbatimBytes
        #expect(table.utf8CodeUnitCount == 256)
        for byte in 0...255 {
            let special = byte <= 0x20 || [0x26, 0x3C, 0x5D, 0xC2].contains(byte)
            let verbatim = table.utf8Start[byte] == UInt8(ascii: "1")
            #expect(verbatim == !special, "byte \(byte)")
        }
    }

    /// The vector scan for runs copied as they are ends where the byte rule does, on random text of
    /// plain bytes, spaces and the bytes that end a run, at every length the vector body and tail take.
    @Test func plainRunsEndWhereTheByteRuleSays() {
        func reference(_ p: [UInt8], from start: Int) -> Int {
            var k = start
            while k < p.count {
                if HTMLText.isPlain(p[k]) { k += 1 } else if p[k] == 0x20, k + 1 < p.count, HTMLText.isPlain(p[k + 1]) { k += 2 } else { break }
            }
            return k
        }
        let alphabet: [UInt8] = [0x61, 0x62, 0x2E, 0xC3, 0xA9, 0x20, 0x20, 0x0A, 0x26, 0x3C, 0x5D, 0xC2, 0xA0, 0x09, 0x7F, 0xFF]
        var random = SplitMix(state: 2026)
        for length in 1...80 {
            for _ in 0..<60 {
                // Mostly plain bytes, so that runs cross the sixteen-byte blocks.
                let bytes = (0..<length).map { _ in random.below(4) == 0 ? alphabet[random.below(alphabet.count)] : 0x78 }
                for start in [0, 1, 5].filter({ $0 < length }) {
                    let found = bytes.withUnsafeBufferPointer { HTMLText.plainRunEnd($0, from: start) }
                    #expect(found == reference(bytes, from: start), "\(bytes) from \(start)")
                }
            }
        }
    }

    @Test func textIsCopiedAndEverythingElseInterpreted() {
        #expect(HTMLText.plainText(fromFragment: "<p>One  two\n three</p><p>Four &amp; five</p>") == "One two three\n\nFour & five")
        #expect(HTMLText.plainText(fromFragment: "a\u{A0}b&nbsp;c<br>d") == "a b c\nd")
        #expect(HTMLText.plainText(fromFragment: "x ]] y <![CDATA[z]]> é") == "x ]] y z é")
        #expect(HTMLText.plainText(fromFragment: "<script>skip()</script>kept<td>cell") == "kept cell")
    }
}

