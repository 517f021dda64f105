#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

extension HTMLText {
    /// Whether plain-text extraction copies `byte` verbatim (see `verbatimBytes`).
    @inline(__always) static func isPlain(_ byte: UInt8) -> Bool {
        verbatimBytes.utf8Start[Int(byte)] == UInt8(ascii: "1")
    }

    /// The end of a run of text copied as it is, from `start` on: the first byte that is not plain,
    /// except a single space followed by a plain byte (which needs no collapsing), or `p.count`.
    ///
    /// Sixteen bytes at a time with SSE2 on x86-64: most of a summary's text is such runs, and a table
    /// load and two branches per byte were a twentieth of parsing a feed.
    static func plainRunEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let n = p.count
        var k = start
        #if arch(x86_64)
        if let base = p.baseAddress {
            while k + 16 <= n {
                let v = _mm_loadu_si128(UnsafeRawPointer(base + k).assumingMemoryBound(to: __m128i.self))
                let special = Self.nonPlainBits(v)
                if special != 0 {
                    let spaces = UInt32(bitPattern: _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x20))))
                    let lastFollowedByNonPlain: UInt32 = k + 16 < n && isPlain(base[k + 16]) ? 0 : 1
                    let nextNonPlain = special >> 1 | lastFollowedByNonPlain << 15
                    let stops = special & ~spaces | spaces & nextNonPlain
                    if stops != 0 { return k + stops.trailingZeroBitCount }
                }
                k += 16
            }
        }
        #endif
        while k < n {
            if isPlain(p[k]) {
                k += 1
            } else if p[k] == 0x20, k + 1 < n, isPlain(p[k + 1]) {
                k += 2
            } else {
                break
            }
        }
        return k
    }

    #if arch(x86_64)
    /// Bit `i` set when byte `i` of `v` is not plain: C0 controls and space, `&`, `<`, `]`, 0xC2.
    @inline(__always) private static func nonPlainBits(_ v: __m128i) -> UInt32 {
        let controlOrSpace = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(0x20))
        let ampersand = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x26))
        let lessThan = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x3C))
        let bracket = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x5D))
        let noBreakLead = _mm_cmpeq_epi8(v, _mm_set1_epi8(Int8(bitPattern: 0xC2)))
        let any = _mm_or_si128(_mm_or_si128(controlOrSpace, ampersand), _mm_or_si128(_mm_or_si128(lessThan, bracket), noBreakLead))
        return UInt32(bitPattern: _mm_movemask_epi8(any))
    }
    #endif
}
