/// Trimming without Foundation's character sets: ASCII sets over UTF-8, no copy when nothing is trimmed.
extension StringProtocol where UTF8View: BidirectionalCollection {
    /// The string without leading and trailing ASCII whitespace (space, tab, CR, LF); a no-break space
    /// is content and stays.
    /// - Complexity: O(whitespace trimmed); no copy when there is nothing to trim from a `String`.
    @inlinable
    public func trimmingWhitespace() -> String {
        trimmingASCII { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
    }

    /// The string without leading and trailing characters from `set`, which must be ASCII.
    @inlinable
    public func trimmingCharacters(in set: String) -> String {
        var mask: (UInt64, UInt64) = (0, 0)
        for byte in set.utf8 where byte < 128 {
            if byte < 64 { mask.0 |= 1 << UInt64(byte) } else { mask.1 |= 1 << UInt64(byte - 64) }
        }
        return trimmingASCII { byte in
            byte < 64 ? mask.0 & (1 << UInt64(byte)) != 0 : byte < 128 && mask.1 & (1 << UInt64(byte - 64)) != 0
        }
    }

    @inlinable
    func trimmingASCII(_ isTrimmed: (UInt8) -> Bool) -> String {
        let utf8 = self.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, isTrimmed(utf8[start]) { utf8.formIndex(after: &start) }
        while start < end {
            let previous = utf8.index(before: end)
            guard isTrimmed(utf8[previous]) else { break }
            end = previous
        }
        if start == utf8.startIndex && end == utf8.endIndex, let string = self as? String { return string }
        return String(self[start..<end])
    }
}

extension String {
    /// ``StringProtocol/trimmingWhitespace()`` for a `String`, over its contiguous UTF-8 (the generic
    /// form walks `String.Index` values, which costs several times more on the short values feeds hold).
    @inlinable
    public func trimmingWhitespace() -> String {
        var copy = self
        return copy.withUTF8 { bytes -> String in
            let kept = bytes.rangeTrimmingASCIIWhitespace()
            if kept.count == bytes.count { return self }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[kept]), as: UTF8.self)
        }
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The indices left after trimming leading and trailing ASCII whitespace (space, tab, CR, LF), as
    /// ``StringProtocol/trimmingWhitespace()`` trims.
    @inlinable
    public func rangeTrimmingASCIIWhitespace() -> Range<Int> {
        @inline(__always) func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
        var start = 0
        var end = count
        while start < end, isSpace(self[start]) { start += 1 }
        while end > start, isSpace(self[end - 1]) { end -= 1 }
        return start..<end
    }
}
