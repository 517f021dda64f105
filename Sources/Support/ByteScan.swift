#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Finding the first byte of a small set in a run of bytes: sixteen bytes at a time with SSE2 (part of
/// every x86-64 processor), eight at a time in a 64-bit word elsewhere.
///
/// Feed parsing scans every byte several times (the safety pre-pass, UTF-8 checking, JSON escaping), and
/// most bytes need nothing done: a vector compare per sixteen bytes instead of a word trick per eight (or a
/// branch per byte) is what makes those passes cheap.
public enum ByteScan {
    /// The index of the first byte in `start..<end` that JSON strings must escape (a control
    /// character below 0x20, `"` or `\`), or `end` when there is none.
    public static func firstJSONEscape(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        jsonEscape(p, from: start, to: end)
    }

    /// `firstJSONEscape`, inlined into the JSON writer (a call per string and per escape otherwise).
    @inline(__always)
    static func jsonEscape(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        scan(p, from: start, to: end, JSONEscapeBytes.self)
    }

    /// The index of the first `<`, `&` or NUL byte in `start..<end`, or `end`: where XML text
    /// needs a closer look.
    public static func firstMarkupOrNUL(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        scan(p, from: start, to: end, MarkupOrNULBytes.self)
    }

    /// The index of the first byte of 0x80 or more in `start..<end`, or `end`.
    public static func firstNonASCII(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        scan(p, from: start, to: end, NonASCIIBytes.self)
    }

    @inline(__always)
    private static func scan<Set: ByteSet>(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, _: Set.Type) -> Int {
        var i = start
        #if arch(x86_64)
        while i + 16 <= end {
            let bits = Set.matches(_mm_loadu_si128(UnsafeRawPointer(p + i).assumingMemoryBound(to: __m128i.self)))
            if bits != 0 { return i + bits.trailingZeroBitCount }
            i += 16
        }
        if i < end && end - start >= 16 {
            // The last bytes: one load ending at `end`, flags for bytes already checked shifted out.
            let bits = Set.matches(_mm_loadu_si128(UnsafeRawPointer(p + end - 16).assumingMemoryBound(to: __m128i.self)))
                >> UInt32(16 - (end - i))
            return bits != 0 ? i + bits.trailingZeroBitCount : end
        }
        #endif
        while i + 8 <= end {
            let flags = Set.matches(UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
            // The lowest flag is exact (borrows only disturb bytes above a true match).
            if flags != 0 { return i + flags.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < end && !Set.contains(p[i]) { i += 1 }
        return i
    }
}

/// A set of bytes tested sixteen (vector) or eight (word) at a time.
private protocol ByteSet {
    static func contains(_ byte: UInt8) -> Bool
    /// The high bit of each byte of `word` that is in the set (exact for the lowest one only).
    static func matches(_ word: UInt64) -> UInt64
    #if arch(x86_64)
    /// Bit `k` set when byte `k` of `vector` is in the set.
    static func matches(_ vector: __m128i) -> UInt32
    #endif
}

private let ones: UInt64 = 0x0101_0101_0101_0101
private let highs: UInt64 = 0x8080_8080_8080_8080
@inline(__always) private func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }

private enum JSONEscapeBytes: ByteSet {
    @inline(__always) static func contains(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C }

    @inline(__always) static func matches(_ word: UInt64) -> UInt64 {
        let control = (word &- ones &* 0x20) & ~word & highs
        return control | zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C))
    }

    #if arch(x86_64)
    @inline(__always) static func matches(_ v: __m128i) -> UInt32 {
        // Unsigned `v < 0x20` as `max(v, 0x1F) == 0x1F`.
        let control = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F))
        let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x22))
        let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x5C))
        return UInt32(bitPattern: _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))))
    }
    #endif
}

private enum MarkupOrNULBytes: ByteSet {
    @inline(__always) static func contains(_ byte: UInt8) -> Bool { byte == 0x3C || byte == 0x26 || byte == 0 }

    @inline(__always) static func matches(_ word: UInt64) -> UInt64 {
        zeroBytes(word ^ (ones &* 0x3C)) | zeroBytes(word ^ (ones &* 0x26)) | zeroBytes(word)
    }

    #if arch(x86_64)
    @inline(__always) static func matches(_ v: __m128i) -> UInt32 {
        let lessThan = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x3C))
        let ampersand = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x26))
        let nul = _mm_cmpeq_epi8(v, _mm_setzero_si128())
        return UInt32(bitPattern: _mm_movemask_epi8(_mm_or_si128(nul, _mm_or_si128(lessThan, ampersand))))
    }
    #endif
}

private enum NonASCIIBytes: ByteSet {
    @inline(__always) static func contains(_ byte: UInt8) -> Bool { byte >= 0x80 }
    @inline(__always) static func matches(_ word: UInt64) -> UInt64 { word & highs }
    #if arch(x86_64)
    @inline(__always) static func matches(_ v: __m128i) -> UInt32 { UInt32(bitPattern: _mm_movemask_epi8(v)) }
    #endif
}
