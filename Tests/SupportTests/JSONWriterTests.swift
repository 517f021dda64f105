import Foundation
import Support
import Testing

@Suite("JSON writer")
struct JSONWriterTests {
    @Test func escapesQuotesBackslashesAndControlCharacters() {
        #expect(JSONWriter.quoted("plain") == "\"plain\"")
        #expect(JSONWriter.quoted("a \"q\" \\ b") == #""a \"q\" \\ b""#)
        #expect(JSONWriter.quoted("line\nnext\r\ttab") == #""line\nnext\r\ttab""#)
        #expect(JSONWriter.quoted("\u{0}\u{1}\u{1F}") == #""\u0000\u0001\u001f""#)
        #expect(JSONWriter.quoted("é — 中文 🙂") == "\"é — 中文 🙂\"")
        #expect(JSONWriter.quoted("") == "\"\"")
    }

    /// Long strings are escaped in pieces: escapes on and around the piece boundaries must survive.
    @Test func longStringsRoundTripThroughJSONSerialization() throws {
        var text = ""
        for i in 0..<40_000 { text += i % 97 == 0 ? "\"\\\n\u{1}" : (i % 13 == 0 ? "é" : "x") }
        var writer = JSONWriter()
        writer.beginArray()
        writer.string(text)
        writer.endArray()
        let parsed = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String]
        #expect(parsed == [text])
    }

    /// Escaping scans and copies in words (overlapping ones at the ends): every length, and escapes at
    /// every position, alone or two bytes apart, must come out exactly.
    @Test func everyShortLengthAndEscapePositionIsCopiedExactly() throws {
        for length in 0...40 {
            let plain = String((0..<length).map { Character(UnicodeScalar(UInt8(0x61 + $0 % 26))) })
            #expect(JSONWriter.quoted(plain) == "\"" + plain + "\"", "length \(length)")
            for position in 0..<length {
                var characters = Array(plain)
                characters[position] = "\""
                // A second escape close behind the first (bytes above a flagged one may be flagged falsely).
                if position + 2 < length { characters[position + 2] = position % 2 == 0 ? "\n" : "\u{1}" }
                let text = String(characters)
                var writer = JSONWriter(reservingCapacity: 8)
                writer.beginArray()
                writer.string(text)
                let written = writer.writtenString(text)
                writer.string(text, as: written)
                writer.endArray()
                let parsed = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String]
                #expect(parsed == [text, text, text], "length \(length), quote at \(position)")
            }
        }
    }

    @Test func constantMembersAndNullPairsTakeTheirCommas() {
        var writer = JSONWriter(reservingCapacity: 8)
        writer.beginArray()
        writer.beginObject()
        writer.members(#""a":null,"b":[]"#)
        writer.nullMembers("updated", suffix: "_raw")
        writer.endObject()
        writer.beginObject()
        writer.nullMembers("title", suffix: "_detail")
        writer.field("c", "x")
        writer.members(#""d":null"#)
        writer.endObject()
        writer.endArray()
        #expect(writer.string == #"[{"a":null,"b":[],"updated":null,"updated_raw":null},{"title":null,"title_detail":null,"c":"x","d":null}]"#)
    }

    @Test func structureKeysAndValues() {
        var writer = JSONWriter(reservingCapacity: 8)
        writer.beginObject()
        writer.field("name", "NewsGraph")
        writer.key("count")
        writer.number(3)
        writer.key("ratio")
        writer.number(0.5)
        writer.key("whole")
        writer.number(2.0)
        writer.key("flags")
        writer.beginArray()
        writer.bool(true)
        writer.bool(nil)
        writer.null()
        writer.endArray()
        writer.key("title", suffix: "_detail")
        writer.beginObject()
        writer.endObject()
        writer.field(named: "dynamic", nil)
        writer.endObject()
        #expect(writer.string == #"{"name":"NewsGraph","count":3,"ratio":0.5,"whole":2.0,"flags":[true,null,null],"title_detail":{},"dynamic":null}"#)
    }

    /// Commas stay right through nesting deeper than the 64 levels kept in a word.
    @Test func deepNestingKeepsItsCommas() {
        let depth = 150
        var writer = JSONWriter()
        for _ in 0..<depth {
            writer.beginArray()
            writer.number(1)
        }
        for _ in 0..<depth {
            writer.endArray()
            writer.number(2)
        }
        var expected = ""
        for _ in 0..<depth { expected += "[1," }
        expected.removeLast()
        for _ in 0..<depth { expected += "],2" }
        #expect(writer.string == expected)
    }

    /// Values made in place (ISO dates) are quoted and separated like any other string, and grow the buffer.
    @Test func unescapedStringsAreWrittenInPlace() {
        var writer = JSONWriter(reservingCapacity: 8)
        writer.beginArray()
        for digit in 0..<3 {
            writer.unescapedString(maxCount: 20) { out in
                for k in 0..<(digit + 1) { out[k] = UInt8(ascii: "0") + UInt8(digit) }
                return digit + 1
            }
        }
        writer.unescapedString(maxCount: 4) { _ in 0 }
        writer.beginObject()
        writer.key("at")
        writer.unescapedString(maxCount: 20) { out in
            for (k, byte) in "2025-09-30T12:00:00Z".utf8.enumerated() { out[k] = byte }
            return 20
        }
        writer.endObject()
        writer.endArray()
        #expect(writer.string == #"["0","11","222","",{"at":"2025-09-30T12:00:00Z"}]"#)
    }

    @Test func streamingGivesTheSameBytesInPieces() {
        func document(_ writer: inout JSONWriter) {
            writer.beginArray()
            for i in 0..<5_000 {
                writer.beginObject()
                writer.field("id", "item \(i)")
                writer.field("text", String(repeating: "word \"\(i)\" ", count: 5))
                writer.endObject()
            }
            writer.endArray()
        }
        var whole = JSONWriter()
        document(&whole)
        var pieces: [[UInt8]] = []
        var streaming = JSONWriter(flushingTo: { pieces.append(Array($0)) })
        document(&streaming)
        streaming.flush()
        #expect(pieces.count > 1)
        #expect(pieces.allSatisfy { $0.count <= 70_000 })
        #expect(Array(pieces.joined()) == whole.bytes)
    }
}

@Suite("ASCII trimming")
struct TrimmingTests {
    /// A value written twice (`summary` and `summary_detail.value`) is copied from the buffer the second
    /// time; after the buffer went to the sink the copy is stale and the value is escaped again.
    @Test func repeatedValuesAreCopiedOnlyWhileStillBuffered() throws {
        var writer = JSONWriter(reservingCapacity: 8)
        writer.beginObject()
        writer.key("summary")
        let written = writer.writtenString("a \"quoted\"\nvalue")
        writer.key("again")
        writer.string("a \"quoted\"\nvalue", as: written)
        writer.key("none")
        let missing = writer.writtenString(nil)
        writer.key("still_none")
        writer.string(nil, as: missing)
        writer.endObject()
        #expect(writer.string == #"{"summary":"a \"quoted\"\nvalue","again":"a \"quoted\"\nvalue","none":null,"still_none":null}"#)

        var pieces: [UInt8] = []
        var streaming = JSONWriter(flushingTo: { pieces.append(contentsOf: $0) })
        streaming.beginArray()
        let first = streaming.writtenString("first")
        streaming.flush()
        streaming.string("second", as: first)  // stale: must write "second", not a copy of "first"
        streaming.endArray()
        streaming.flush()
        #expect(String(decoding: pieces, as: UTF8.self) == #"["first","second"]"#)
    }

    @Test func trimsOnlyTheGivenASCIIBytes() {
        #expect("  \t\nNews Graph \r\n".trimmingWhitespace() == "News Graph")
        #expect("\u{A0}kept\u{A0}".trimmingWhitespace() == "\u{A0}kept\u{A0}")
        #expect("(a) ".trimmingCharacters(in: "() ") == "a")
        #expect("".trimmingWhitespace() == "")
        #expect("   ".trimmingWhitespace() == "")
        #expect("x"[...].trimmingWhitespace() == "x")
    }
}
