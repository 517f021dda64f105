/// Rule-based, abbreviation-aware sentence splitter over ``Token`` sequences.
///
/// A sentence ends
/// - after `.`, `?`, `!`, `…` (plus any closing quotes/brackets glued to it) unless the next
///   token starts with a lower-case letter or is inner punctuation;
/// - after an abbreviation such as `U.S.` or `Inc.` only when a typical sentence-initial word or a
///   line break follows (titles such as `Mr.` never end a sentence; `Jan. 5` is never split);
/// - at a blank line, and at a single line break unless the text obviously continues;
/// - after ``maxSentenceLength`` tokens, to bound downstream cost.
public enum SentenceSplitter {
    /// Hard cap on sentence length in tokens.
    public static let maxSentenceLength = 500

    /// Splits `tokens` (produced from `text`) into sentences, returned as token index ranges.
    public static func sentences(_ tokens: [Token], text: String) -> [Range<Int>] {
        var copy = text
        return copy.withUTF8 { split(tokens, bytes: $0) }
    }

    /// Convenience: tokenizes and splits `text`, returning token arrays per sentence.
    public static func tokenizedSentences(_ text: String) -> [[Token]] {
        let tokens = Tokenizer.tokenize(text)
        return sentences(tokens, text: text).map { Array(tokens[$0]) }
    }

    /// Number of line breaks in the gap between two tokens (2 means "blank line or more").
    static func lineBreaks(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        var count = 0
        var i = max(0, from)
        let end = min(to, b.count)
        while i < end {
            let c = b[i]
            if c == 0x0A { count += 1 } else if c == 0x0D {
                count += 1
                if i + 1 < end, b[i + 1] == 0x0A { i += 1 }
            } else if c == 0xE2, i + 2 < end, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 {
                count += 1
            }
            if count >= 2 { return 2 }
            i += 1
        }
        return count
    }

    static func firstScalar(_ t: Token) -> UInt32 {
        t.text.unicodeScalars.first.map { $0.value } ?? 0
    }

    static func startsLower(_ t: Token) -> Bool { CharClass.isLower(firstScalar(t)) }
    static func startsUpperOrDigit(_ t: Token) -> Bool {
        let c = firstScalar(t)
        return CharClass.isUpper(c) || CharClass.isDigit(c)
    }

    static func isInnerPunct(_ t: Token) -> Bool {
        t.text == "," || t.text == ";" || t.text == ":" || t.text == "-" || t.text == "%"
    }

    /// Abbreviation token (ends with a full stop and is longer than one character).
    static func abbreviationKind(_ t: Token) -> (isAbbrev: Bool, isTitle: Bool) {
        let s = t.text
        guard s.utf8.count > 1, s.utf8.last == 0x2E, s != "..." else { return (false, false) }
        let stem = String(s.dropLast())
        if TokenizerLexicon.titles.contains(stem) { return (true, true) }
        return (true, false)
    }

    static func isListMarker(_ tokens: [Token], _ range: Range<Int>) -> Bool {
        guard range.count == 1, let t = tokens[range].first else { return false }
        let u = Array(t.text.utf8)
        if u.count <= 3, u.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return true }
        if u.count == 1, (u[0] | 0x20) >= 0x61, (u[0] | 0x20) <= 0x7A { return true }
        return false
    }

    static func split(_ tokens: [Token], bytes b: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        let n = tokens.count
        var start = 0
        var i = 0
        while i < n {
            let t = tokens[i]
            var end = i + 1  // candidate sentence end (exclusive)
            var boundary = false
            if TokenizerLexicon.terminals.contains(t.text) {
                // Absorb closing quotes / brackets glued to the stop.
                while end < n, TokenizerLexicon.closers.contains(tokens[end].text),
                      tokens[end - 1].spaceAfter == false || tokens[end].text == ")" || tokens[end].text == "”" {
                    end += 1
                }
                if end >= n {
                    boundary = true
                } else {
                    let next = tokens[end]
                    let breaks = lineBreaks(b, from: tokens[end - 1].range.upperBound, to: next.range.lowerBound)
                    if breaks > 0 {
                        boundary = true
                    } else if t.text == "." && isListMarker(tokens, start..<i) {
                        boundary = false
                    } else if startsLower(next) || isInnerPunct(next) {
                        boundary = false
                    } else {
                        boundary = true
                    }
                }
            } else {
                let (isAbbrev, isTitle) = abbreviationKind(t)
                if end < n {
                    let next = tokens[end]
                    let breaks = lineBreaks(b, from: t.range.upperBound, to: next.range.lowerBound)
                    if breaks >= 2 {
                        boundary = true
                    } else if breaks == 1 {
                        boundary = !continuesAcrossLine(t, next)
                    } else if isAbbrev && !isTitle {
                        boundary = TokenizerLexicon.sentenceStarters.contains(next.text)
                    }
                } else {
                    boundary = true
                }
            }
            if !boundary && end - start >= maxSentenceLength { boundary = true }
            if boundary {
                result.append(start..<end)
                start = end
            }
            i = end
        }
        if start < n { result.append(start..<n) }
        return result
    }

    static let bullets: Set<String> = ["-", "*", "•", "–", "—", "·", "▪", "●"]

    /// Whether a single line break between `t` and `next` is just a wrapped line.
    static func continuesAcrossLine(_ t: Token, _ next: Token) -> Bool {
        if bullets.contains(next.text) { return false }  // a list item starts on the new line
        if startsLower(next) || isInnerPunct(next) { return true }
        if TokenizerLexicon.continuationWords.contains(t.text) { return true }
        if abbreviationKind(t).isTitle { return true }
        return false
    }
}
