/// Penn-Treebank / UD-EWT style tokenizer working directly on UTF-8 bytes.
///
/// Conventions (following UD English EWT):
/// - clitics `'s 're 'll 've 'm 'd n't` are split off (straight or curly apostrophes);
/// - punctuation, quotes, brackets, `$`, `%` and dashes are separate tokens;
/// - abbreviations (`U.S.`, `Mr.`, `e.g.`, `Jan.`, …) stay whole;
/// - numbers (`140,000`, `3.5`), dates (`2025-09-30`, `9/30/2025`), times (`9:30`) stay whole;
/// - hyphenated words are split (`well - known`) except after common prefixes (`e-mail`, `non-human`);
/// - URLs, e-mail addresses, hashtags and @mentions stay whole.
///
/// Runs in linear time in the length of the input.
public enum Tokenizer {
    /// Tokenizes `text`. Token ranges are UTF-8 byte offsets into `text`.
    public static func tokenize(_ text: String) -> [Token] {
        var copy = text
        return copy.withUTF8 { buf in
            var scanner = TokenScanner(bytes: buf)
            return scanner.run()
        }
    }
}

/// The scanning state machine behind ``Tokenizer``.
struct TokenScanner {
    let b: UnsafeBufferPointer<UInt8>
    let n: Int
    /// Positions below this value are known not to start an e-mail address.
    var emailMemo = 0
    var tokens: [Token] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.b = bytes
        self.n = bytes.count
    }

    mutating func run() -> [Token] {
        tokens.reserveCapacity(n / 5 + 1)
        var i = 0
        while i < n {
            let (c, len) = CharClass.decode(b, i)
            if CharClass.isSpace(c) {
                i += len
                continue
            }
            var end = scan(at: i, c, len)
            if end <= i { end = i + len }  // safety: always make progress
            end = min(end, n)
            emit(i, end)
            i = end
        }
        return tokens
    }

    @inline(__always)
    mutating func emit(_ s: Int, _ e: Int) {
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self)
        var spaceAfter = true
        if e < n {
            let (c, _) = CharClass.decode(b, e)
            spaceAfter = CharClass.isSpace(c)
        }
        tokens.append(Token(text: text, range: s..<e, spaceAfter: spaceAfter))
    }

    @inline(__always)
    func scalar(_ i: Int) -> (UInt32, Int) {
        i < n ? CharClass.decode(b, i) : (0, 0)
    }

    @inline(__always)
    func lowerASCII(_ i: Int) -> UInt8 {
        let c = b[i]
        return (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c
    }

    /// Returns the end offset of the token starting at `s`.
    mutating func scan(at s: Int, _ c: UInt32, _ len: Int) -> Int {
        if CharClass.isApostrophe(c) { return scanApostrophe(s, len) }
        if (c == 0x6E || c == 0x4E), let e = nAposT(s) { return e }
        if c == 0x68 || c == 0x48 || c == 0x77 || c == 0x57 || c == 0x66 || c == 0x46,
           let e = scanURL(s) {
            return e
        }
        if c == 0x23 || c == 0x40 {  // # @
            var p = s + 1
            while p < n {
                let (d, l) = CharClass.decode(b, p)
                if CharClass.isAlnum(d) || d == 0x5F || CharClass.isExtender(d) { p += l } else { break }
            }
            if p > s + 1 { return p }
            return s + 1
        }
        if CharClass.isAlnum(c) {
            if s >= emailMemo, let e = scanEmail(s) { return e }
            return scanWord(s)
        }
        return scanPunct(s, c, len)
    }

    /// Reads up to three ASCII letters from `q`, lower-cased and packed into an integer.
    /// Returns the packed letters, their count and the end offset.
    @inline(__always)
    func letterCode(_ q0: Int) -> (code: UInt32, count: Int, end: Int) {
        var q = q0
        var code: UInt32 = 0
        var count = 0
        while q < n, count < 3 {
            let c = b[q]
            if (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) {
                code = (code << 8) | UInt32(c | 0x20)
                count += 1
                q += 1
            } else { break }
        }
        return (code, count, q)
    }

    /// Whether packed lower-case letters are one of the clitics s, re, ll, ve, m, d.
    @inline(__always)
    static func isClitic(_ code: UInt32) -> Bool {
        switch code {
        case 0x73, 0x6D, 0x64, 0x7265, 0x6C6C, 0x7665: return true
        default: return false
        }
    }

    /// `'s`, `’re` … as a clitic token, else a lone apostrophe / quote.
    func scanApostrophe(_ s: Int, _ len: Int) -> Int {
        let (code, count, p) = letterCode(s + len)
        if count > 0 {
            let (after, _) = scalar(p)
            if (p >= n || !CharClass.isAlnum(after)) && Self.isClitic(code) { return p }
        }
        return s + len
    }

    /// Matches `n't` (any apostrophe) followed by a non-letter; returns its end.
    func nAposT(_ s: Int) -> Int? {
        guard s + 1 < n else { return nil }
        let (a, al) = CharClass.decode(b, s + 1)
        guard CharClass.isApostrophe(a) else { return nil }
        let t = s + 1 + al
        guard t < n, b[t] == 0x74 || b[t] == 0x54 else { return nil }
        let (after, _) = scalar(t + 1)
        if t + 1 < n && CharClass.isAlnum(after) { return nil }
        return t + 1
    }

    static let urlPrefixes: [[UInt8]] = [Array("http://".utf8), Array("https://".utf8), Array("ftp://".utf8), Array("www.".utf8)]

    /// URLs starting with a scheme or `www.`; trailing sentence punctuation is left out.
    func scanURL(_ s: Int) -> Int? {
        var matched = false
        for pre in Self.urlPrefixes where s + pre.count < n {
            var ok = true
            for k in 0..<pre.count where lowerASCII(s + k) != pre[k] {
                ok = false
                break
            }
            if ok {
                let (next, _) = scalar(s + pre.count)
                if CharClass.isAlnum(next) {
                    matched = true
                    break
                }
            }
        }
        guard matched else { return nil }
        var e = s
        var opens = 0
        while e < n {
            let (c, l) = CharClass.decode(b, e)
            if CharClass.isSpace(c) || c == 0x22 || c == 0x3C || c == 0x3E || c == 0x201C || c == 0x201D { break }
            if c == 0x28 { opens += 1 }
            e += l
        }
        // Trim trailing punctuation (ASCII only; multi-byte quotes were excluded above).
        while e > s + 1 {
            let c = b[e - 1]
            if c == 0x29 && opens > 0 { break }
            if c == 0x2E || c == 0x2C || c == 0x3B || c == 0x3A || c == 0x21 || c == 0x3F || c == 0x27
                || c == 0x29 || c == 0x5D || c == 0x7D {
                e -= 1
            } else if e - 3 > s, b[e - 3] == 0xE2, b[e - 2] == 0x80, b[e - 1] == 0x99 {  // ’
                e -= 3
            } else { break }
        }
        return e
    }

    @inline(__always)
    static func isLocalPartByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
            || c == 0x2E || c == 0x5F || c == 0x25 || c == 0x2B || c == 0x2D
    }

    /// E-mail address starting at `s`, if any. Memoises failures to stay linear.
    mutating func scanEmail(_ s: Int) -> Int? {
        var q = s
        while q < n, Self.isLocalPartByte(b[q]) { q += 1 }
        guard q < n, b[q] == 0x40, q > s else {
            emailMemo = q
            return nil
        }
        var r = q + 1
        var dot = false
        while r < n {
            let c = b[r]
            if (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x2D {
                r += 1
            } else if c == 0x2E, r + 1 < n, b[r + 1] != 0x2E, r > q + 1 {
                dot = true
                r += 1
            } else { break }
        }
        while r > q + 1, b[r - 1] == 0x2E || b[r - 1] == 0x2D { r -= 1 }
        guard dot, r > q + 1, let lastDot = (q..<r).last(where: { b[$0] == 0x2E }), lastDot < r - 1 else {
            emailMemo = q
            return nil
        }
        return r
    }

    /// A run of letters/digits with internal `.` `,` `-` `/` `:` `&` `'` where appropriate,
    /// stopping before clitics; a following full stop is attached for abbreviations.
    func scanWord(_ s: Int) -> Int {
        var p = s
        var segStart = s
        var maxSeg = 0
        var sawDot = false
        var hasDigit = false
        var last: UInt32 = 0
        while true {
            while p < n {
                let (c, l) = CharClass.decode(b, p)
                if CharClass.isAlnum(c) {
                    if CharClass.isDigit(c) { hasDigit = true }
                    last = c
                    p += l
                } else if CharClass.isExtender(c) {
                    p += l
                } else { break }
            }
            maxSeg = max(maxSeg, p - segStart)
            guard p < n else { return p }
            let (c, cl) = CharClass.decode(b, p)
            let (nx, _) = scalar(p + cl)
            let nextAlnum = p + cl < n && CharClass.isAlnum(nx)
            let lastDigit = CharClass.isDigit(last)
            switch c {
            case 0x2E:  // .
                if nextAlnum && ((lastDigit && CharClass.isDigit(nx)) || (p - segStart <= 2 && !lastDigit) || CharClass.isLower(nx)) {
                    sawDot = true
                    p += 1
                    segStart = p
                    continue
                }
            case 0x2C:  // ,
                if lastDigit && CharClass.isDigit(nx) {
                    p += 1
                    continue
                }
            case 0x2D:  // -
                if nextAlnum {
                    if lastDigit && CharClass.isDigit(nx) {
                        p += 1
                        continue
                    }
                    if !sawDot, p - s <= 7, isHyphenPrefix(s, p) {
                        p += 1
                        continue
                    }
                }
            case 0x2F, 0x3A:  // / :
                if lastDigit && CharClass.isDigit(nx) {
                    p += 1
                    continue
                }
            case 0x26:  // &
                if CharClass.isUpperASCII(last) && CharClass.isUpperASCII(nx) {
                    p += 1
                    continue
                }
            default:
                if CharClass.isApostrophe(c) {
                    if let e = apostropheSplit(s, p, cl) { return e }
                    if nextAlnum {
                        p += cl
                        continue
                    }
                }
            }
            break
        }
        // Attach a following full stop to abbreviations.
        if p < n, b[p] == 0x2E, !(p + 1 < n && b[p + 1] == 0x2E) {
            if sawDot && !hasDigit && maxSeg <= 2 { return p + 1 }
            if p - s == 1, CharClass.isUpperASCII(UInt32(b[s])) { return p + 1 }
            if p - s <= 8 {
                let w = String(decoding: UnsafeBufferPointer(rebasing: b[s..<p]), as: UTF8.self)
                if TokenizerLexicon.titles.contains(w) || TokenizerLexicon.others.contains(w) { return p + 1 }
            }
        }
        return p
    }

    /// At an apostrophe at `p` inside the word starting at `s`: returns the word end if a clitic follows.
    func apostropheSplit(_ s: Int, _ p: Int, _ al: Int) -> Int? {
        let (code, count, q) = letterCode(p + al)
        guard count > 0 else { return nil }
        let (after, _) = scalar(q)
        if q < n && CharClass.isAlnum(after) { return nil }
        if code == 0x74, p - s > 1, b[p - 1] == 0x6E || b[p - 1] == 0x4E { return p - 1 }
        if Self.isClitic(code) { return p }
        return nil
    }

    func isHyphenPrefix(_ s: Int, _ p: Int) -> Bool {
        var lower: [UInt8] = []
        lower.reserveCapacity(p - s)
        for k in s..<p { lower.append(lowerASCII(k)) }
        return TokenizerLexicon.hyphenPrefixes.contains(String(decoding: lower, as: UTF8.self))
    }

    /// Punctuation and symbols: runs of `.`, `-`, `!?` form one token; anything else is one
    /// grapheme (a scalar plus combining marks / emoji modifiers / ZWJ sequences).
    func scanPunct(_ s: Int, _ c: UInt32, _ len: Int) -> Int {
        if c == 0x2E || c == 0x2D {
            var p = s
            while p < n, UInt32(b[p]) == c { p += 1 }
            return p
        }
        if c == 0x21 || c == 0x3F {
            var p = s
            while p < n, b[p] == 0x21 || b[p] == 0x3F { p += 1 }
            return p
        }
        var p = s + len
        var joined = false
        while p < n {
            let (d, l) = CharClass.decode(b, p)
            if CharClass.isExtender(d) {
                joined = d == 0x200D
                p += l
            } else if joined && !CharClass.isSpace(d) && !CharClass.isAlnum(d) {
                joined = false
                p += l
            } else { break }
        }
        return p
    }
}
