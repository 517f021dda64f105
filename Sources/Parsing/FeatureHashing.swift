/// Allocation-free 64-bit hashing used for feature ids.
///
/// Strings are hashed once per token (FNV-1a over normalised UTF-8); features combine these
/// token hashes with a template id. Hash values are stable across runs and platforms, which is
/// required because trained weights are addressed by them.
enum FeatureHash {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// Placeholder value for an absent token (e.g. empty stack position).
    static let none: UInt64 = 0x6e6f_6e65_5f5f_5f31
    /// Placeholder value for the artificial root token.
    static let root: UInt64 = 0x726f_6f74_5f5f_5f32

    /// Finaliser (MurmurHash3 fmix64).
    @inline(__always)
    static func fmix(_ k: UInt64) -> UInt64 {
        var x = k
        x ^= x >> 33
        x = x &* 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        x = x &* 0xc4ce_b9fe_1a85_ec53
        x ^= x >> 33
        return x
    }

    /// Combines an accumulated hash with one more value.
    @inline(__always)
    static func combine(_ h: UInt64, _ v: UInt64) -> UInt64 {
        fmix(h ^ (v &+ 0x9e37_79b9_7f4a_7c15 &+ (h << 6) &+ (h >> 2)))
    }

    /// Plain FNV-1a hash of a string's UTF-8 bytes.
    static func string(_ s: String) -> UInt64 {
        var h = offset
        for b in s.utf8 { h = (h ^ UInt64(b)) &* prime }
        return fmix(h)
    }

    /// Hash of a word form lower-cased (ASCII) with every digit mapped to `0`.
    static func normalizedWord(_ s: String) -> UInt64 {
        var h = offset
        for b in s.utf8 {
            var c = b
            if c >= 65 && c <= 90 { c += 32 } else if c >= 48 && c <= 57 { c = 48 }
            h = (h ^ UInt64(c)) &* prime
        }
        return fmix(h)
    }

    /// Hash of the last `n` bytes of the normalised word (whole word if shorter), salted by `n`.
    static func suffix(_ s: String, _ n: Int) -> UInt64 {
        let bytes = s.utf8
        let count = bytes.count
        var h = offset ^ UInt64(n &* 7919)
        var i = 0
        for b in bytes {
            if i >= count - n {
                var c = b
                if c >= 65 && c <= 90 { c += 32 } else if c >= 48 && c <= 57 { c = 48 }
                h = (h ^ UInt64(c)) &* prime
            }
            i += 1
        }
        return fmix(h)
    }

    /// `normalizedWord`, `suffix(_, 3)` and `shape` of one word in a single pass over its bytes.
    static func wordAttributes(_ word: String) -> (word: UInt64, suffix3: UInt64, shape: UInt64) {
        var s = word
        return s.withUTF8 { p in
            let count = p.count
            var h = offset
            var hs = offset ^ UInt64(3 &* 7919)
            var upper = 0, lower = 0, digit = 0, other = 0
            var firstUpper = false
            for i in 0..<count {
                let b = p[i]
                var c = b
                if b >= 65 && b <= 90 {
                    c = b &+ 32
                    upper &+= 1
                    if i == 0 { firstUpper = true }
                } else if b >= 97 && b <= 122 {
                    lower &+= 1
                } else if b >= 48 && b <= 57 {
                    c = 48
                    digit &+= 1
                } else {
                    other &+= 1
                }
                h = (h ^ UInt64(c)) &* prime
                if i >= count - 3 { hs = (hs ^ UInt64(c)) &* prime }
            }
            let shape: UInt64
            if digit > 0 { shape = other > 0 ? 1 : 2 }
            else if upper + lower == 0 { shape = 3 }
            else if lower == 0 { shape = 4 }
            else if firstUpper { shape = 5 }
            else if other > 0 { shape = 6 }
            else { shape = 7 }
            return (fmix(h), fmix(hs), shape)
        }
    }

    /// Coarse orthographic shape class (capitalisation, digits, punctuation), 0...7.
    static func shape(_ s: String) -> UInt64 {
        var upper = 0, lower = 0, digit = 0, other = 0
        var firstUpper = false
        var first = true
        for b in s.utf8 {
            if b >= 65 && b <= 90 { upper += 1; if first { firstUpper = true } }
            else if b >= 97 && b <= 122 { lower += 1 }
            else if b >= 48 && b <= 57 { digit += 1 }
            else { other += 1 }
            first = false
        }
        if digit > 0 { return other > 0 ? 1 : 2 }
        if upper + lower == 0 { return 3 }
        if lower == 0 { return 4 }
        if firstUpper { return 5 }
        if other > 0 { return 6 }
        return 7
    }
}
