/// A small, fast writer of JSON text into a byte buffer.
///
/// Keys are written in the order the caller gives them, so output is deterministic and
/// matches the documented formats field for field. The writer owns its buffer and is not copyable:
/// pass it `inout`. Feed documents write a few bytes per call millions of times, so the buffer is
/// raw memory rather than an `Array` (whose per-append checks cost more than the copy itself).
public struct JSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written since the start (or the last flush, when writing to a sink).
    private var count = 0
    /// Whether the current object or array already has a member (a comma goes before the next one).
    private var needsComma = false
    /// `needsComma` of the enclosing containers, innermost in bit 0 (an array's append and pop cost more than
    /// the bytes a feed entry's dozen nested objects write); levels beyond 64 spill into `deepNeedsComma`.
    private var outerNeedsComma: UInt64 = 0
    private var nesting = 0
    private var deepNeedsComma: [Bool] = []
    private var afterKey = false
    /// How many times the buffer was handed to the sink (offsets from before a flush are stale).
    private var flushes = 0
    /// Receives the output in pieces when the writer streams (see `init(flushingTo:)`).
    private let sink: ((UnsafeBufferPointer<UInt8>) -> Void)?
    private static let flushThreshold = 1 << 16

    public init(reservingCapacity capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        base = LargeBuffer.allocate(UInt8.self, count: self.capacity)
        sink = nil
    }

    /// A writer that hands its output to `sink` in pieces of about 64 KiB (call `flush()` at the end),
    /// so a large document is never held in memory as one buffer.
    public init(flushingTo sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        capacity = Self.flushThreshold + 4096
        base = LargeBuffer.allocate(UInt8.self, count: capacity)
        self.sink = sink
    }

    deinit { LargeBuffer.free(base, count: capacity) }

    /// The UTF-8 bytes written so far (since the last flush, when writing to a sink).
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The output as a `String`.
    public var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// Hands what was written so far to the sink.
    public mutating func flush() {
        guard let sink, count > 0 else { return }
        sink(UnsafeBufferPointer(start: base, count: count))
        count = 0
        flushes += 1
    }

    @inline(__always)
    private mutating func flushIfFull() {
        if sink != nil && count >= Self.flushThreshold { flush() }
    }

    // MARK: - Raw output

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = LargeBuffer.allocate(UInt8.self, count: newCapacity)
        newBase.update(from: base, count: count)
        LargeBuffer.free(base, count: capacity)
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        ShortCopy.copy(source, to: base + count, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    private mutating func appendLiteral(_ literal: StaticString) {
        append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends raw bytes that are already valid JSON text (a newline between documents, for instance).
    public mutating func appendRaw(_ literal: StaticString) {
        appendLiteral(literal)
    }

    // MARK: - Structure

    /// Writes the comma before a value or key unless it directly follows a key.
    @inline(__always)
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        if needsComma { append(UInt8(ascii: ",")) }
        needsComma = true
    }

    @inline(__always)
    private mutating func pushNeedsComma() {
        if nesting >= 64 { deepNeedsComma.append(outerNeedsComma >> 63 != 0) }
        outerNeedsComma = outerNeedsComma << 1 | (needsComma ? 1 : 0)
        nesting += 1
    }

    /// The enclosing container's `needsComma` (true when closing more than was opened, as before).
    @inline(__always)
    private mutating func popNeedsComma() -> Bool {
        guard nesting > 0 else { return true }
        let value = outerNeedsComma & 1 != 0
        outerNeedsComma >>= 1
        nesting -= 1
        if nesting >= 64, let spilled = deepNeedsComma.popLast() { outerNeedsComma |= (spilled ? 1 : 0) << 63 }
        return value
    }

    public mutating func beginObject() {
        separate()
        append(UInt8(ascii: "{"))
        pushNeedsComma()
        needsComma = false
    }

    public mutating func endObject() {
        needsComma = popNeedsComma()
        append(UInt8(ascii: "}"))
        flushIfFull()
    }

    public mutating func beginArray() {
        separate()
        append(UInt8(ascii: "["))
        pushNeedsComma()
        needsComma = false
    }

    public mutating func endArray() {
        needsComma = popNeedsComma()
        append(UInt8(ascii: "]"))
    }

    // MARK: - Keys and values

    /// Writes `"key":`; the next value written belongs to it.
    public mutating func key(_ name: StaticString) {
        // Feed entries write dozens of keys each: one reservation, then plain stores.
        let length = name.utf8CodeUnitCount
        reserve(length + 4)
        var out = base + count
        if afterKey {
            afterKey = false
        } else {
            if needsComma {
                out[0] = UInt8(ascii: ",")
                out += 1
            }
            needsComma = true
        }
        out[0] = UInt8(ascii: "\"")
        ShortCopy.copy(name.utf8Start, to: out + 1, count: length)
        out[length + 1] = UInt8(ascii: "\"")
        out[length + 2] = UInt8(ascii: ":")
        count = out + length + 3 - base
        afterKey = true
    }

    /// Writes object members given as JSON text (`"email":null,"href":null`), after a comma when the object
    /// has members already: one copy for a run of members that are always the same.
    public mutating func members(_ text: StaticString) {
        assert(!afterKey, "members written where a value belongs")
        let length = text.utf8CodeUnitCount
        reserve(length + 1)
        if needsComma {
            base[count] = UInt8(ascii: ",")
            count += 1
        }
        ShortCopy.copy(text.utf8Start, to: base + count, count: length)
        count += length
        needsComma = true
    }

    /// Writes `"name":null,"namesuffix":null` (a missing value and its `_detail` or `_raw`) with one reservation.
    public mutating func nullMembers(_ name: StaticString, suffix: StaticString) {
        let nameLength = name.utf8CodeUnitCount
        let suffixLength = suffix.utf8CodeUnitCount
        reserve(2 * nameLength + suffixLength + 18)
        assert(!afterKey, "members written where a value belongs")
        var out = base + count
        if needsComma {
            out[0] = UInt8(ascii: ",")
            out += 1
        }
        needsComma = true
        for part in 0..<2 {
            out[0] = UInt8(ascii: "\"")
            ShortCopy.copy(name.utf8Start, to: out + 1, count: nameLength)
            out += 1 + nameLength
            if part == 1 {
                ShortCopy.copy(suffix.utf8Start, to: out, count: suffixLength)
                out += suffixLength
            }
            ShortCopy.copy(Self.quotedNull.utf8Start, to: out, count: 6)  // ":null
            out += 6
            if part == 0 {
                out[0] = UInt8(ascii: ",")
                out += 1
            }
        }
        count = out - base
    }

    private static let quotedNull: StaticString = "\":null"

    /// Writes `"namesuffix":` (for `title_detail`, `published_raw` ...).
    public mutating func key(_ name: StaticString, suffix: StaticString) {
        separate()
        append(UInt8(ascii: "\""))
        appendLiteral(name)
        appendLiteral(suffix)
        appendLiteral("\":")
        afterKey = true
    }

    /// Writes `"key":` for a key known only at run time.
    ///
    /// Such keys are XML names (element and attribute names) or names chosen by NewsGraph, which
    /// cannot contain quotes, backslashes or control characters, so they are written without escaping.
    public mutating func key(named name: String) {
        separate()
        append(UInt8(ascii: "\""))
        append(name)
        appendLiteral("\":")
        afterKey = true
    }

    public mutating func string(_ value: String?) {
        guard let value else { return null() }
        separate()
        appendQuoted(value)
    }

    /// Writes a string value of at most `maxCount` bytes that `body` puts straight into the buffer and
    /// counts; the bytes must need no escaping (digits, ASCII letters, punctuation other than `"` and `\\`).
    public mutating func unescapedString(maxCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        separate()
        reserve(maxCount + 2)
        base[count] = UInt8(ascii: "\"")
        let written = body(base + count + 1)
        base[count + 1 + written] = UInt8(ascii: "\"")
        count += written + 2
    }

    /// Where a string value was written, so that the same value can be written again (a feed entry's
    /// `summary` and `summary_detail.value`) by copying its escaped form instead of escaping it twice.
    public struct WrittenString {
        fileprivate let flushes: Int
        fileprivate let range: Range<Int>
    }

    /// Writes `value` like `string(_:)` and says where its JSON form is.
    public mutating func writtenString(_ value: String?) -> WrittenString? {
        guard let value else {
            null()
            return nil
        }
        separate()
        let start = count
        appendQuoted(value)
        return WrittenString(flushes: flushes, range: start..<count)
    }

    /// Writes `value` again: a copy of its JSON form from `written` while that is still in the buffer.
    public mutating func string(_ value: String?, as written: WrittenString?) {
        guard let written, written.flushes == flushes, value != nil else { return string(value) }
        separate()
        let length = written.range.count
        reserve(length)
        ShortCopy.copy(base + written.range.lowerBound, to: base + count, count: length)
        count += length
    }

    public mutating func number(_ value: Int) {
        separate()
        append(String(value))
    }

    public mutating func number(_ value: Double) {
        separate()
        if value.isFinite {
            if value == value.rounded(), abs(value) < 1e15 {
                append(String(Int(value)))
                appendLiteral(".0")
            } else {
                append(String(value))
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

    /// Convenience: `"key": "value"` (or `null`).
    public mutating func field(_ name: StaticString, _ value: String?) {
        key(name)
        string(value)
    }

    /// `"key": "value"` (or `null`) for a key known only at run time (see `key(named:)`).
    public mutating func field(named name: String, _ value: String?) {
        key(named: name)
        string(value)
    }

    // MARK: - Escaping

    /// `value` as a JSON string literal (quotes, backslashes and control characters escaped), for
    /// callers that assemble JSON as strings.
    public static func quoted(_ value: String) -> String {
        var writer = JSONWriter(reservingCapacity: value.utf8.count + 16)
        writer.appendQuoted(value)
        return writer.string
    }

    private static let hex: StaticString = "0123456789abcdef"

    /// Writes the escape sequence of `byte` (one `ByteScan.firstJSONEscape` stops at) at `out`; returns the
    /// position after it.
    @inline(__always)
    private static func writeEscape(_ byte: UInt8, at out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        out[0] = UInt8(ascii: "\\")
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"):
            out[1] = byte
        case 0x0A:
            out[1] = UInt8(ascii: "n")
        case 0x0D:
            out[1] = UInt8(ascii: "r")
        case 0x09:
            out[1] = UInt8(ascii: "t")
        default:
            out[1] = UInt8(ascii: "u")
            out[2] = UInt8(ascii: "0")
            out[3] = UInt8(ascii: "0")
            out[4] = hex.utf8Start[Int(byte >> 4)]
            out[5] = hex.utf8Start[Int(byte & 0xF)]
            return out + 6
        }
        return out + 2
    }

    private mutating func appendQuoted(_ value: String) {
        // A native string lends its bytes without a copy (the `var` copy `withUTF8` needs costs a retain).
        let lent: Void? = value.utf8.withContiguousStorageIfAvailable { appendQuoted(utf8: $0) }
        if lent == nil {
            var value = value
            value.withUTF8 { appendQuoted(utf8: $0) }
        }
    }

    private mutating func appendQuoted(utf8: UnsafeBufferPointer<UInt8>) {
        // Worst case every byte becomes \u00XX: reserve once, then write without checks. Escaping is byte
        // by byte, so any split is safe: long values go in pieces of 16 KiB to bound the reservation.
        let pieceLength = 16_384
        reserve(min(utf8.count, pieceLength) * 6 + 2)
        base[count] = UInt8(ascii: "\"")
        count += 1
        var start = 0
        while utf8.count - start > pieceLength {
            appendEscapedUnchecked(UnsafeBufferPointer(rebasing: utf8[start..<start + pieceLength]))
            start += pieceLength
            reserve(min(utf8.count - start, pieceLength) * 6 + 2)
        }
        appendEscapedUnchecked(UnsafeBufferPointer(rebasing: utf8[start...]))
        base[count] = UInt8(ascii: "\"")
        count += 1
    }

    /// Writes `utf8` with JSON escapes; the caller has reserved `6 * utf8.count` bytes.
    private mutating func appendEscapedUnchecked(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let source = utf8.baseAddress else { return }
        var out = base + count
        let end = utf8.count
        var runStart = 0
        var i = 0
        // Straight from one byte to escape to the next, sixteen bytes at a time.
        while true {
            i = ByteScan.jsonEscape(source, from: i, to: end)
            guard i < end else { break }
            ShortCopy.copy(source + runStart, to: out, count: i - runStart)
            out = Self.writeEscape(source[i], at: out + (i - runStart))
            i += 1
            runStart = i
        }
        ShortCopy.copy(source + runStart, to: out, count: end - runStart)
        out += end - runStart
        count = out - base
    }
}
