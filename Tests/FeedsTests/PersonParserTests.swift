import Testing
@testable import Feeds

@Suite("Bylines")
struct PersonParserTests {
    @Test func punctuationMasksHoldExactlyTheDocumentedBytes() {
        let documented = Set("@()<>[]{},;\"':".utf8)
        for byte in 0...255 {
            #expect(PersonParser.isPunctuation(UInt8(byte), PersonParser.punctuation) == documented.contains(UInt8(byte)), "byte \(byte)")
        }
    }

    @Test func namesAndAddresses() {
        #expect(PersonParser.parse("  Jane Reporter ") == Person(name: "Jane Reporter"))
        #expect(PersonParser.parse("jane@example.org (Jane Reporter)") == Person(name: "Jane Reporter", email: "jane@example.org"))
        #expect(PersonParser.parse("Jane Reporter <jane@example.org>") == Person(name: "Jane Reporter", email: "jane@example.org"))
        #expect(PersonParser.parse("   ") == nil)
    }
}
