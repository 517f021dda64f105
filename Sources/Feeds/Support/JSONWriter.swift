/// A small, fast writer of JSON text into a byte buffer.
///
/// Keys are written in the order the caller gives them, so output is deterministic and
/// matches the documented formats field for field.
public struct JSONWriter {
    /// The UTF-8 bytes written so far (since the last flush, when writing to a sink).
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]
    /// Receives the output in pieces when the writer streams (see `init(flushingTo:)`).
    private let sink: ((UnsafeBufferPointer<UInt8>) -> Void)?
    private static let flushThreshold = 1 << 16

    public init(reservingCapacity capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
        sink = nil
    }

    /// A writer that hands its output to `sink` in pieces of about 64 KiB (call `flush()` at the end),
    /// so a large document is never held in memory as one buffer.
    public init(flushingTo sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.reserveCapacity(Self.flushThreshold + 4096)
        self.sink = sink
    }

    /// Hands what was written so far to the sink.
    public mutating func flush() {
        guard let sink, !bytes.isEmpty else { return }
        bytes.withUnsafeBufferPointer { sink($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private mutating func flushIfFull() {
        if sink != nil && bytes.count >= Self.flushThreshold { flush() }
    }

    /// Appends raw bytes that are already valid JSON text (a newline between documents, for instance).
    public mutating func appendRaw(_ literal: StaticString) {
        appendLiteral(literal)
    }

    /// The output as a `String`.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    private var afterKey = false

    /// Writes the comma before a value or key unless it directly follows a key.
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    public mutating func endObject() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
        flushIfFull()
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    public mutating func endArray() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes `"key":`; the next value written belongs to it.
    ///
    /// Keys are the format's own field names or XML names (element and attribute names), which
    /// cannot contain quotes, backslashes or control characters, so they are written without escaping.
    public mutating func key(_ name: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// Writes `"namesuffix":` (for `title_detail`, `published_raw` ...) without building the key string.
    public mutating func key(_ name: String, suffix: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: name.utf8)
        appendLiteral(suffix)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    public mutating func string(_ value: String?) {
        guard let value else { return null() }
        separate()
        appendQuoted(value)
    }

    public mutating func number(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func number(_ value: Double) {
        separate()
        if value.isFinite {
            if value == value.rounded(), abs(value) < 1e15 {
                bytes.append(contentsOf: String(Int(value)).utf8)
                bytes.append(contentsOf: ".0".utf8)
            } else {
                bytes.append(contentsOf: String(value).utf8)
            }
        } else {
            appendLiteral("null")
        }
    }

    public mutating func bool(_ value: Bool?) {
        guard let value else { return null() }
        separate()
        appendLiteral(value ? "true" : "false")
    }

    public mutating func null() {
        separate()
        appendLiteral("null")
    }

    private mutating func appendLiteral(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Convenience: `"key": "value"` (or `null`).
    public mutating func field(_ name: String, _ value: String?) {
        key(name)
        string(value)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// True when any byte of `word` is a control character, `"` or `\\` (SWAR: byte-wise compare without branches).
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let control = (word &- ones &* 0x20) & ~word & highs
        return (control | zeroByte(word ^ (ones &* 0x22)) | zeroByte(word ^ (ones &* 0x5C))) != 0
    }

    private mutating func appendQuoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            var i = 0
            let count = utf8.count
            while i < count {
                // Skip eight plain bytes at a time: none below 0x20, no quote, no backslash.
                if i + 8 <= count, let base = utf8.baseAddress {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if !Self.needsEscape(word) {
                        i += 8
                        continue
                    }
                }
                let byte = utf8[i]
                i += 1
                if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") { continue }
                let position = i - 1
                if runStart < position { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position])) }
                runStart = position + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: "u00".utf8)
                    bytes.append(Self.hex[Int(byte >> 4)])
                    bytes.append(Self.hex[Int(byte & 0xF)])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
