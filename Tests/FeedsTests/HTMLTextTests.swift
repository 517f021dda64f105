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

    @Test func textIsCopiedAndEverythingElseInterpreted() {
        #expect(HTMLText.plainText(fromFragment: "<p>One  two\n three</p><p>Four &amp; five</p>") == "One two three\n\nFour & five")
        #expect(HTMLText.plainText(fromFragment: "a\u{A0}b&nbsp;c<br>d") == "a b c\nd")
        #expect(HTMLText.plainText(fromFragment: "x ]] y <![CDATA[z]]> é") == "x ]] y z é")
        #expect(HTMLText.plainText(fromFragment: "<script>skip()</script>kept<td>cell") == "kept cell")
    }
}
