// HTMLLinkRewriter.swift — NewsGraph
// Resolves relative URLs in HTML fragments with one linear scan, plus the byte-level markup
// primitives it shares with HTMLText. Pure Swift standard library.

/// Resolves relative URLs inside an HTML fragment (as found in feed summaries/content),
/// leaving all other bytes exactly as they were.
enum HTMLLinkRewriter {

    /// Rewrites the values of URL attributes of every start tag in `html` by resolving them
    /// against `base` (see `URIResolver.resolve(_:against:)`).
    ///
    /// URL attributes: href, src, cite, action, formaction, background, longdesc, poster, usemap,
    /// codebase, profile, data (on `<object>` only) and each URL of srcset. Values may be double-,
    /// single- or unquoted; character references in them are decoded first (HTML5 attribute
    /// rules). A rewritten value is written double-quoted with `&` `"` `<` escaped as `&amp;`
    /// `&quot;` `&lt;`; values that are already absolute keep their original bytes.
    ///
    /// Untouched: text, comments, `<!...>`/`<?...>`, end tags, and the content of script, style,
    /// textarea, title, xmp, iframe, noembed and noframes (plaintext: everything after it).
    /// `<![CDATA[` markers are stepped over and their content scanned. A tag still open at the
    /// end of input is not rewritten. Linear time in the input plus output size.
    ///
    /// Returns `html` itself when `base` is nil, empty or not absolute, or nothing relative was found.
    static func resolveLinks(in html: String, base: String?) -> String {
        guard let parsedBase = URIResolver.parseBase(base) else { return html }
        var source = html
        let rewritten: [UInt8]? = source.withUTF8 { bytes in
            var scanner = LinkScanner(p: bytes, base: parsedBase)
            scanner.run()
            return scanner.edits.isEmpty ? nil : scanner.applyEdits()
        }
        guard let rewritten else { return html }
        return String(decoding: rewritten, as: UTF8.self)
    }
}

/// Byte-level HTML tokenizing primitives (simplified HTML5 tokenizer states) shared by
/// HTMLLinkRewriter and HTMLText. Each moves strictly forward from where it starts.
enum Markup {
    /// What a "<" begins.
    enum Token {
        case startTag(name: Range<Int>)
        case endTag(name: Range<Int>)
        /// Comment, bogus comment (`<!DOCTYPE>`, `<?...>`, `</ x>`) or `</>`, ending just before
        /// `end` (the input end when unterminated).
        case ignorable(end: Int)
        /// A `<![CDATA[` marker ending just before `end`.
        case cdataStart(end: Int)
        /// Not markup: the "<" is text.
        case text
    }

    /// HTML whitespace: space, tab, LF, FF, CR.
    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D && c != 0x0B) }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z") }
    @inline(__always) static func isAlphanumeric(_ c: UInt8) -> Bool { isLetter(c) || (c >= 0x30 && c <= 0x39) }

    /// Case-insensitive match of `p[at...]` with a lower-case word made of letters, digits or "-".
    static func matchesWord(_ p: UnsafeBufferPointer<UInt8>, at: Int, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard at >= 0, at + length <= p.count else { return false }
        for k in 0..<length where p[at + k] | 0x20 != word.utf8Start[k] { return false }
        return true
    }

    /// Classifies the "<" at `p[i]`.
    static func token(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Token {
        let n = p.count, j = i + 1
        guard j < n else { return .text }
        let c = p[j]
        if isLetter(c) { return .startTag(name: j..<nameEnd(p, from: j)) }
        switch c {
        case UInt8(ascii: "/"):
            guard j + 1 < n else { return .text }
            if isLetter(p[j + 1]) { return .endTag(name: (j + 1)..<nameEnd(p, from: j + 1)) }
            return .ignorable(end: bogusCommentEnd(p, from: j + 1))
        case UInt8(ascii: "!"):
            if matchesWord(p, at: j + 1, "--") { return .ignorable(end: commentEnd(p, from: j + 3)) }
            if j + 8 <= n && p[j + 1] == UInt8(ascii: "[") && matchesWord(p, at: j + 2, "cdata")
                && p[j + 7] == UInt8(ascii: "[") { return .cdataStart(end: j + 8) }
            return .ignorable(end: bogusCommentEnd(p, from: j + 1))
        case UInt8(ascii: "?"):
            return .ignorable(end: bogusCommentEnd(p, from: j + 1))
        default:
            return .text
        }
    }

    /// End of a tag name: the first whitespace, "/" or ">" at or after `start`.
    static func nameEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var k = start
        while k < p.count && !isSpace(p[k]) && p[k] != UInt8(ascii: "/") && p[k] != UInt8(ascii: ">") { k += 1 }
        return k
    }

    /// Index just past the ">" ending a tag whose attributes start at `start`, honouring quoted
    /// values, and whether the tag ended with "/>". Nil when the input ends first.
    static func tagEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, selfClosing: Bool)? {
        let n = p.count
        var k = start
        while k < n {
            let c = p[k]
            if c == UInt8(ascii: ">") { return (k + 1, k > start && p[k - 1] == UInt8(ascii: "/")) }
            k += 1
            guard c == UInt8(ascii: "=") else { continue }
            while k < n && isSpace(p[k]) { k += 1 }
            guard k < n, p[k] == UInt8(ascii: "\"") || p[k] == UInt8(ascii: "'") else { continue }
            let quote = p[k]
            k += 1
            while k < n && p[k] != quote { k += 1 }
            k += 1
        }
        return nil
    }

    /// Index just past a comment whose body starts at `start` (after "<!--"); handles "<!-->",
    /// "<!--->", "-->" and "--!>". The input end when unterminated.
    static func commentEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let n = p.count, dash = UInt8(ascii: "-"), gt = UInt8(ascii: ">")
        if start < n && p[start] == gt { return start + 1 }
        if start + 1 < n && p[start] == dash && p[start + 1] == gt { return start + 2 }
        var k = start
        while k + 2 < n {
            if p[k] == dash && p[k + 1] == dash {
                if p[k + 2] == gt { return k + 3 }
                if p[k + 2] == UInt8(ascii: "!") && k + 3 < n && p[k + 3] == gt { return k + 4 }
            }
            k += 1
        }
        return n
    }

    static func bogusCommentEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var k = start
        while k < p.count && p[k] != UInt8(ascii: ">") { k += 1 }
        return min(k + 1, p.count)
    }

    /// Index just past the end tag closing element `p[name]` whose content starts at `start`
    /// (the input end when missing). With `nested`, same-name start tags inside are counted.
    static func skipElement(_ p: UnsafeBufferPointer<UInt8>, name: Range<Int>, from start: Int, nested: Bool) -> Int {
        let n = p.count, length = name.count
        var depth = 1, k = start
        while k < n {
            guard p[k] == UInt8(ascii: "<") else { k += 1; continue }
            let closing = k + 1 < n && p[k + 1] == UInt8(ascii: "/")
            let at = closing ? k + 2 : k + 1, after = at + length
            guard closing || nested, after <= n,
                  (0..<length).allSatisfy({ p[at + $0] | 0x20 == p[name.lowerBound + $0] | 0x20 }),
                  after == n || isSpace(p[after]) || p[after] == UInt8(ascii: "/") || p[after] == UInt8(ascii: ">")
            else { k += 1; continue }
            guard let (end, selfClosing) = tagEnd(p, from: after) else { return n }
            if closing { depth -= 1 } else if !selfClosing { depth += 1 }
            if depth == 0 { return end }
            k = end
        }
        return n
    }
}

/// Replacement of `range` (an attribute value with its quotes) by `replacements[replacement]`.
private struct Edit {
    let range: Range<Int>
    let replacement: Range<Int>
}

/// Scanner collecting edits in document order.
private struct LinkScanner {
    let p: UnsafeBufferPointer<UInt8>
    let base: URIBase
    var edits: [Edit] = []
    /// The bytes of all replacements, back to back.
    var replacements: [UInt8] = []
    private var n: Int { p.count }

    private enum TagKind { case normal, object, rawText, plaintext }

    mutating func run() {
        var i = 0
        while i < n {
            while i < n && p[i] != UInt8(ascii: "<") { i += 1 }
            guard i < n else { return }
            switch Markup.token(p, at: i) {
            case .text: i += 1
            case .ignorable(let end), .cdataStart(let end): i = end
            case .endTag(let name):
                guard let (end, _) = Markup.tagEnd(p, from: name.upperBound) else { return }
                i = end
            case .startTag(let name):
                guard let next = startTag(name) else { return }
                i = next
            }
        }
    }

    /// The input with every edit applied.
    func applyEdits() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(n + replacements.count)
        var cursor = 0
        for edit in edits {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[cursor..<edit.range.lowerBound]))
            out.append(contentsOf: replacements[edit.replacement])
            cursor = edit.range.upperBound
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[cursor..<n]))
        return out
    }

    /// Parses the attributes of start tag `p[name]` (HTML5 attribute states), recording edits.
    /// Returns where to continue, or nil (edits of this tag dropped) when input ends inside it.
    private mutating func startTag(_ name: Range<Int>) -> Int? {
        let tag = kind(of: name)
        let firstEdit = edits.count
        var k = name.upperBound, selfClosing = false, closed = false
        func skipSpace() { while k < n && Markup.isSpace(p[k]) { k += 1 } }
        while true {
            skipSpace()
            guard k < n else { break }
            if p[k] == UInt8(ascii: ">") { k += 1; closed = true; break }
            if p[k] == UInt8(ascii: "/") {
                k += 1
                if k < n && p[k] == UInt8(ascii: ">") { selfClosing = true; closed = true; k += 1; break }
                continue
            }
            let attributeStart = k
            k += 1 // the first character may be "=" (HTML5)
            while k < n, !Markup.isSpace(p[k]), p[k] != UInt8(ascii: "/"), p[k] != UInt8(ascii: ">"),
                  p[k] != UInt8(ascii: "=") { k += 1 }
            let attribute = attributeStart..<k
            skipSpace()
            guard k < n, p[k] == UInt8(ascii: "=") else { continue }
            k += 1
            skipSpace()
            guard k < n, p[k] != UInt8(ascii: ">") else { continue }
            let quote = p[k], quoted = quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'")
            let valueStart = quoted ? k + 1 : k
            var e = valueStart
            while e < n && (quoted ? p[e] != quote : !Markup.isSpace(p[e]) && p[e] != UInt8(ascii: ">")) { e += 1 }
            if quoted && e == n { break }
            k = quoted ? e + 1 : e
            if let srcset = urlAttribute(attribute, onObject: tag == .object),
               let replacement = rewriteValue(valueStart..<e, srcset: srcset) {
                edits.append(Edit(range: (quoted ? valueStart - 1 : valueStart)..<k, replacement: replacement))
            }
        }
        guard closed else {
            if firstEdit < edits.count { replacements.removeSubrange(edits[firstEdit].replacement.lowerBound...) }
            edits.removeSubrange(firstEdit...)
            return nil
        }
        switch tag {
        case .plaintext: return n
        case .rawText where !selfClosing: return Markup.skipElement(p, name: name, from: k, nested: false)
        default: return k
        }
    }

    private func matches(_ range: Range<Int>, _ word: StaticString) -> Bool {
        word.utf8CodeUnitCount == range.count && Markup.matchesWord(p, at: range.lowerBound, word)
    }

    private func kind(of name: Range<Int>) -> TagKind {
        if matches(name, "object") { return .object }
        if matches(name, "plaintext") { return .plaintext }
        for word: StaticString in ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"]
        where matches(name, word) { return .rawText }
        return .normal
    }

    /// For a URL attribute, whether it is a srcset; nil for other attributes.
    private func urlAttribute(_ name: Range<Int>, onObject: Bool) -> Bool? {
        guard name.count >= 3 && name.count <= 10 else { return nil }
        if matches(name, "href") || matches(name, "src") { return false }
        if matches(name, "srcset") { return true }
        if onObject && matches(name, "data") { return false }
        for word: StaticString in ["cite", "action", "formaction", "background", "longdesc", "poster",
                                   "usemap", "codebase", "profile"] where matches(name, word) { return false }
        return nil
    }

    /// Appends the quoted, escaped replacement for attribute value `p[range]` to `replacements`
    /// and returns its range there, or returns nil when the value stays as it is.
    private mutating func rewriteValue(_ range: Range<Int>, srcset: Bool) -> Range<Int>? {
        let raw = UnsafeBufferPointer(rebasing: p[range])
        var resolved: [UInt8] = []
        let changed: Bool
        if raw.contains(UInt8(ascii: "&")) {
            var decoded: [UInt8] = []
            decoded.reserveCapacity(raw.count)
            var k = 0
            while k < raw.count {
                if raw[k] == UInt8(ascii: "&"), let (scalar, end) = HTMLText.decodeReference(raw, at: k, inAttribute: true) {
                    UTF8.encode(scalar) { decoded.append($0) }
                    k = end
                } else {
                    decoded.append(raw[k])
                    k += 1
                }
            }
            changed = decoded.withUnsafeBufferPointer { LinkScanner.resolve($0, srcset: srcset, base: base, into: &resolved) }
        } else {
            changed = LinkScanner.resolve(raw, srcset: srcset, base: base, into: &resolved)
        }
        guard changed else { return nil }
        let start = replacements.count
        replacements.append(UInt8(ascii: "\""))
        for b in resolved {
            switch b {
            case UInt8(ascii: "&"): replacements.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "\""): replacements.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "<"): replacements.append(contentsOf: "&lt;".utf8)
            default: replacements.append(b)
            }
        }
        replacements.append(UInt8(ascii: "\""))
        return start..<replacements.count
    }

    /// Appends the resolved value to `out`; false when nothing in it was relative.
    private static func resolve(_ value: UnsafeBufferPointer<UInt8>, srcset: Bool, base: URIBase,
                                into out: inout [UInt8]) -> Bool {
        guard srcset else { return URIResolver.resolveBytes(value, against: base, appendingTo: &out) }
        return resolveSrcset(value, against: base, into: &out)
    }

    /// Resolves each image-candidate URL of a srcset value (HTML "parse a srcset attribute"
    /// splitting), keeping separators and descriptors byte for byte; appends the result to `out`
    /// and returns whether any URL was relative.
    private static func resolveSrcset(_ v: UnsafeBufferPointer<UInt8>, against base: URIBase,
                                      into out: inout [UInt8]) -> Bool {
        var changed = false, i = 0
        func copy(_ range: Range<Int>) { out.append(contentsOf: UnsafeBufferPointer(rebasing: v[range])) }
        while i < v.count {
            let separatorStart = i
            while i < v.count && (Markup.isSpace(v[i]) || v[i] == UInt8(ascii: ",")) { i += 1 }
            copy(separatorStart..<i)
            guard i < v.count else { break }
            let urlStart = i
            while i < v.count && !Markup.isSpace(v[i]) { i += 1 }
            var urlEnd = i
            while urlEnd > urlStart && v[urlEnd - 1] == UInt8(ascii: ",") { urlEnd -= 1 } // commas separate
            let url = UnsafeBufferPointer(rebasing: v[urlStart..<urlEnd])
            if URIResolver.resolveBytes(url, against: base, appendingTo: &out) { changed = true } else { copy(urlStart..<urlEnd) }
            copy(urlEnd..<i)
            guard urlEnd == i else { continue } // the URL ended with commas: no descriptors
            let descriptorStart = i
            var depth = 0
            while i < v.count && !(v[i] == UInt8(ascii: ",") && depth == 0) {
                if v[i] == UInt8(ascii: "(") { depth += 1 } else if v[i] == UInt8(ascii: ")") && depth > 0 { depth -= 1 }
                i += 1
            }
            copy(descriptorStart..<i)
        }
        return changed
    }
}
