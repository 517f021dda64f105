/// Low-level character classification on UTF-8 bytes and Unicode scalars,
/// shared by the tokenizer and the sentence splitter.
enum CharClass {
    /// Decodes the scalar starting at `i` in valid UTF-8 `b`. Returns the scalar value and its byte length.
    /// Malformed input (which cannot occur for bytes taken from a Swift `String`) is treated as a single byte.
    @inline(__always)
    static func decode(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let c0 = b[i]
        if c0 < 0x80 { return (UInt32(c0), 1) }
        let n = b.count
        if c0 >= 0xF0, i + 3 < n {
            let v = (UInt32(c0 & 0x07) << 18) | (UInt32(b[i + 1] & 0x3F) << 12)
                | (UInt32(b[i + 2] & 0x3F) << 6) | UInt32(b[i + 3] & 0x3F)
            return (v, 4)
        }
        if c0 >= 0xE0, i + 2 < n {
            let v = (UInt32(c0 & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F)
            return (v, 3)
        }
        if c0 >= 0xC0, i + 1 < n {
            return ((UInt32(c0 & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F), 2)
        }
        return (0xFFFD, 1)
    }

    /// Whitespace, including Unicode space separators and zero-width space / BOM.
    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool {
        if c < 0x80 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) }
        switch c {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    /// Line breaks (LF, CR, VT, FF, NEL, LS, PS).
    @inline(__always)
    static func isNewline(_ c: UInt32) -> Bool {
        c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029
    }

    /// Letters and digits in any script.
    @inline(__always)
    static func isAlnum(_ c: UInt32) -> Bool {
        if c < 0x80 {
            return (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
        }
        guard let s = Unicode.Scalar(c) else { return false }
        let p = s.properties
        if p.isAlphabetic { return true }
        return p.numericType != nil && p.generalCategory == .decimalNumber
    }

    /// Scalars that extend the preceding grapheme: combining marks, ZWJ, variation selectors,
    /// emoji skin-tone modifiers and tag characters.
    @inline(__always)
    static func isExtender(_ c: UInt32) -> Bool {
        if c < 0x300 { return false }
        switch c {
        case 0x200C, 0x200D, 0xFE00...0xFE0F, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F, 0x20E3: return true
        default: break
        }
        guard let s = Unicode.Scalar(c) else { return false }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    @inline(__always) static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isUpperASCII(_ c: UInt32) -> Bool { c >= 0x41 && c <= 0x5A }
    @inline(__always) static func isLowerASCII(_ c: UInt32) -> Bool { c >= 0x61 && c <= 0x7A }

    /// Uppercase letter in any script.
    @inline(__always)
    static func isUpper(_ c: UInt32) -> Bool {
        if c < 0x80 { return isUpperASCII(c) }
        guard let s = Unicode.Scalar(c) else { return false }
        return s.properties.isUppercase
    }

    /// Lowercase letter in any script.
    @inline(__always)
    static func isLower(_ c: UInt32) -> Bool {
        if c < 0x80 { return isLowerASCII(c) }
        guard let s = Unicode.Scalar(c) else { return false }
        return s.properties.isLowercase
    }

    /// Apostrophe-like characters: ' ’ ‘ ʼ.
    @inline(__always)
    static func isApostrophe(_ c: UInt32) -> Bool {
        c == 0x27 || c == 0x2019 || c == 0x2018 || c == 0x2BC
    }
}
