// HTMLText.swift — NewsGraph
// Plain-text extraction and character-reference decoding. Pure Swift standard library.

/// Plain text from HTML fragments (feed summaries and content), fast and without a full HTML parser.
///
/// Everything is one forward pass over the UTF-8 bytes, so running time is linear in the input
/// on any input, including broken or hostile markup.
enum HTMLText {
    /// For each byte value, "1" when plain-text extraction copies it verbatim: all but C0 controls and
    /// space, `&`, `<`, `]` and 0xC2 (the lead byte of U+00A0). One table load per byte (a static string:
    /// no lazy initialisation, no bounds check) where runs are not scanned sixteen bytes at a time
    /// (`plainRunEnd`).
    static let verbatimBytes: StaticString = """
        0000000000000000000000000000000001111101111111111111111111110111\
        1111111111111111111111111111101111111111111111111111111111111111\
        1111111111111111111111111111111111111111111111111111111111111111\
        1101111111111111111111111111111111111111111111111111111111111111
        """

    /// Removes tags, comments, CDATA markers (CDATA content is kept and read as markup) and the
    /// contents of script/style/noscript/template/iframe/object elements, and decodes character
    /// references (see `decodeReference`).
    ///
    /// Block-level elements become paragraph breaks ("\n\n"), `<br>` a single "\n", table cells
    /// (`td`, `th`) a space; whitespace runs (including U+00A0 and C0 controls) collapse to one
    /// space — inside `<pre>` too — and the result is trimmed.
    ///
    /// Broken markup: a tag or comment still open at the end of input is dropped (as in HTML5);
    /// "<" not followed by a letter, "/", "!" or "?" is text; a skipped element written
    /// self-closing (`<iframe ... />`, XHTML style) has no content to skip.
    static func plainText(fromFragment html: String) -> String {
        var source = html
        return source.withUTF8 { buffer -> String in
            var extractor = TextExtractor(buffer)
            extractor.run()
            return String(decoding: extractor.out.bytes, as: UTF8.self)
        }
    }

    /// True when the string contains something that looks like markup: a tag `<[a-zA-Z/!]` or a
    /// character reference `&name;` (a letter, then up to 31 letters/digits), `&#digits;` or `&#xhex;`.
    static func looksLikeHTML(_ s: String) -> Bool {
        var source = s
        return source.withUTF8 { p -> Bool in
            for i in 0..<max(p.count - 1, 0) {
                let b = p[i], c = p[i + 1]
                if b == UInt8(ascii: "<") && (Markup.isLetter(c) || c == UInt8(ascii: "/") || c == UInt8(ascii: "!")) { return true }
                guard b == UInt8(ascii: "&") else { continue }
                let numeric = c == UInt8(ascii: "#"), hex = numeric && i + 2 < p.count && p[i + 2] | 0x20 == UInt8(ascii: "x")
                let start = i + 1 + (numeric ? 1 : 0) + (hex ? 1 : 0)
                var k = start
                while k < p.count && k - start < 32,
                      numeric ? digitValue(p[k], hex: hex) != nil : Markup.isAlphanumeric(p[k]) { k += 1 }
                if k > start && k < p.count && p[k] == UInt8(ascii: ";") && (numeric || Markup.isLetter(p[start])) { return true }
            }
            return false
        }
    }

    /// Looks up an entity name (without "&" and ";"), case-sensitively: the 252 HTML 4.01 names
    /// plus `apos` (the 253 XHTML 1.0 names) and the HTML5 aliases AMP, LT, GT, QUOT, COPY, REG.
    static func namedCharacter(_ name: Substring) -> Unicode.Scalar? {
        var copy = name
        return copy.withUTF8 { namedCharacter(bytes: $0) }
    }

    /// Byte-level form of `namedCharacter(_:)`: binary search over names packed into `UInt64`.
    static func namedCharacter(bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard !bytes.isEmpty, bytes.count <= 8 else { return nil }
        var key: UInt64 = 0
        for (k, b) in bytes.enumerated() { key |= UInt64(b) << (8 * UInt64(k)) }
        let table = EntityTable.shared
        var lo = 0, hi = table.keys.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if table.keys[mid] == key { return Unicode.Scalar(table.values[mid]) }
            if table.keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    /// Decodes the character reference at `p[i]` (an "&"). Returns the scalar and the index just
    /// past the reference, or nil when it is not one (the "&" is then literal).
    ///
    /// Numeric references may omit ";". Values 0, surrogates, > U+10FFFF and C0 controls other
    /// than tab/LF/FF/CR give U+FFFD; 0x80–0x9F map through Windows-1252 as in HTML5. Named
    /// references need ";", except amp, lt, gt, quot, nbsp, copy, reg (and upper-case AMP, LT,
    /// GT, QUOT, COPY, REG) when the letter/digit run after "&" is exactly that name and — with
    /// `inAttribute` — not followed by "=" (so "?a=1&copy=2" survives in URLs).
    static func decodeReference(_ p: UnsafeBufferPointer<UInt8>, at i: Int,
                                inAttribute: Bool) -> (scalar: Unicode.Scalar, end: Int)? {
        let n = p.count
        var k = i + 1
        guard k < n else { return nil }
        if p[k] == UInt8(ascii: "#") {
            k += 1
            let hex = k < n && p[k] | 0x20 == UInt8(ascii: "x")
            if hex { k += 1 }
            let digitsStart = k
            var value: UInt32 = 0
            while k < n, let d = digitValue(p[k], hex: hex) {
                if value <= 0x10FFFF { value = value * (hex ? 16 : 10) + d } // saturates past the range
                k += 1
            }
            guard k > digitsStart else { return nil }
            if k < n && p[k] == UInt8(ascii: ";") { k += 1 }
            return (numericScalar(value), k)
        }
        let start = k
        while k < n && k - start <= 32 && Markup.isAlphanumeric(p[k]) { k += 1 }
        guard k > start, k - start <= 32 else { return nil }
        let name = UnsafeBufferPointer(rebasing: p[start..<k])
        if k < n && p[k] == UInt8(ascii: ";"), let scalar = namedCharacter(bytes: name) { return (scalar, k + 1) }
        guard isLegacyName(name), let scalar = namedCharacter(bytes: name),
              !(inAttribute && k < n && p[k] == UInt8(ascii: "=")) else { return nil }
        return (scalar, k)
    }

    private static func digitValue(_ c: UInt8, hex: Bool) -> UInt32? {
        if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") { return UInt32(c - UInt8(ascii: "0")) }
        let lower = c | 0x20
        guard hex, lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "f") else { return nil }
        return UInt32(lower - UInt8(ascii: "a") + 10)
    }

    private static func numericScalar(_ value: UInt32) -> Unicode.Scalar {
        switch value {
        case 0x09, 0x0A, 0x0C, 0x0D: return Unicode.Scalar(UInt8(value))
        case 0..<0x20: return "\u{FFFD}"
        case 0x80...0x9F:
            let mapped = EntityTable.windows1252[Int(value - 0x80)]
            return Unicode.Scalar(mapped == 0 ? value : UInt32(mapped)) ?? "\u{FFFD}"
        default: return Unicode.Scalar(value) ?? "\u{FFFD}" // nil for surrogates and > U+10FFFF
        }
    }

    private static func isLegacyName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        for word: StaticString in ["lt", "gt", "amp", "reg", "quot", "copy", "nbsp"]
        where word.utf8CodeUnitCount == name.count && Markup.matchesWord(name, at: 0, word) { return true }
        return false
    }
}

/// Sorted table of entity names packed little-endian into `UInt64` (no name exceeds 8 bytes),
/// built once from a compact description.
struct EntityTable: Sendable {
    let keys: [UInt64]
    let values: [UInt32]

    static let shared = EntityTable()

    /// HTML5 mapping of numeric references 0x80–0x9F (Windows-1252); 0 keeps the code point.
    static let windows1252: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// "@N" sets the code point of the next name; each name takes the current code point, which
    /// then increments. Lists from HTML 4.01 §24.2 (Latin-1), §24.3 (symbols and Greek), §24.4
    /// (special), then XML's apos and HTML5's upper-case aliases. lang/rang use the HTML5 code
    /// points U+27E8/U+27E9 (HTML 4 said U+2329/U+232A, since deprecated).
    private static let source = """
        @160 nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr \
        deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 \
        iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml \
        Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave \
        Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil \
        egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde \
        ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml \
        @402 fnof @913 Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi \
        Omicron Pi Rho @931 Sigma Tau Upsilon Phi Chi Psi Omega @945 alpha beta gamma delta \
        epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon \
        phi chi psi omega @977 thetasym upsih @982 piv @8226 bull @8230 hellip @8242 prime Prime \
        @8254 oline @8260 frasl @8472 weierp @8465 image @8476 real @8482 trade @8501 alefsym \
        @8592 larr uarr rarr darr harr @8629 crarr @8656 lArr uArr rArr dArr hArr @8704 forall \
        @8706 part exist @8709 empty @8711 nabla isin notin @8715 ni @8719 prod @8721 sum minus \
        @8727 lowast @8730 radic @8733 prop infin @8736 ang @8743 and or cap cup int @8756 there4 \
        @8764 sim @8773 cong @8776 asymp @8800 ne equiv @8804 le ge @8834 sub sup nsub @8838 sube \
        supe @8853 oplus @8855 otimes @8869 perp @8901 sdot @8968 lceil rceil lfloor rfloor \
        @10216 lang rang @9674 loz @9824 spades @9827 clubs @9829 hearts diams \
        @34 quot @38 amp @39 apos @60 lt @62 gt @338 OElig oelig @352 Scaron scaron @376 Yuml \
        @710 circ @732 tilde @8194 ensp emsp @8201 thinsp @8204 zwnj zwj lrm rlm @8211 ndash \
        mdash @8216 lsquo rsquo sbquo @8220 ldquo rdquo bdquo @8224 dagger Dagger @8240 permil \
        @8249 lsaquo rsaquo @8364 euro @34 QUOT @38 AMP @60 LT @62 GT @169 COPY @174 REG
        """

    private init() {
        var pairs: [(key: UInt64, value: UInt32)] = []
        var code: UInt32 = 0
        for token in EntityTable.source.split(separator: " ") {
            if token.first == "@", let start = UInt32(token.dropFirst()) { code = start; continue }
            var key: UInt64 = 0
            for (k, b) in token.utf8.prefix(8).enumerated() { key |= UInt64(b) << (8 * UInt64(k)) }
            pairs.append((key, code))
            code += 1
        }
        pairs.sort { $0.key < $1.key }
        keys = pairs.map(\.key)
        values = pairs.map(\.value)
    }
}

/// Single-pass plain-text extractor over UTF-8 bytes.
private struct TextExtractor: ~Copyable {
    let p: UnsafeBufferPointer<UInt8>
    let n: Int
    var out: ByteBuffer
    /// Separator owed before the next content: 0 none, 1 line break, 2 paragraph break.
    var pendingBreak = 0
    var pendingSpace = false
    var cdataDepth = 0

    init(_ p: UnsafeBufferPointer<UInt8>) {
        (self.p, n) = (p, p.count)
        out = ByteBuffer(capacity: n + 16) // output never exceeds input; the buffer grows anyway
    }

    /// Writes the separator owed before new content (never at the very start: output is trimmed).
    @inline(__always) private mutating func beginContent() {
        guard pendingBreak != 0 || pendingSpace else { return }
        if out.count > 0 {
            out.append(pendingBreak == 0 ? 0x20 : 0x0A)
            if pendingBreak == 2 { out.append(0x0A) }
        }
        (pendingBreak, pendingSpace) = (0, false)
    }

    mutating func run() {
        var i = 0
        while i < n {
            let b = p[i]
            if HTMLText.isPlain(b) {
                let j = HTMLText.plainRunEnd(p, from: i + 1)  // single spaces between plain bytes need no collapsing
                beginContent()
                out.append(UnsafeBufferPointer(rebasing: p[i..<j]))
                i = j
            } else if b <= 0x20 {
                pendingSpace = true
                i += 1
                while i < n && p[i] <= 0x20 { i += 1 }
            } else if b == UInt8(ascii: "<") {
                i = markup(at: i)
            } else if b == UInt8(ascii: "&"), let (scalar, end) = HTMLText.decodeReference(p, at: i, inAttribute: false) {
                if scalar.value <= 0x20 || scalar.value == 0xA0 {
                    pendingSpace = true
                } else {
                    beginContent()
                    UTF8.encode(scalar) { out.append($0) }
                }
                i = end
            } else if b == 0xC2 && i + 1 < n && p[i + 1] == 0xA0 {
                (pendingSpace, i) = (true, i + 2)
            } else if b == UInt8(ascii: "]") && cdataDepth > 0 && i + 2 < n && p[i + 1] == b && p[i + 2] == UInt8(ascii: ">") {
                (cdataDepth, i) = (cdataDepth - 1, i + 3)
            } else {
                beginContent(); out.append(b); i += 1
            }
        }
    }

    /// Handles the "<" at `i`; returns the index to continue from.
    private mutating func markup(at i: Int) -> Int {
        switch Markup.token(p, at: i) {
        case .text: beginContent(); out.append(p[i]); return i + 1
        case .ignorable(let end): return end
        case .cdataStart(let end): cdataDepth += 1; return end
        case .endTag(let name):
            guard let (end, _) = Markup.tagEnd(p, from: name.upperBound) else { return n }
            apply(TagKind(p, name: name))
            return end
        case .startTag(let name):
            guard let (end, selfClosing) = Markup.tagEnd(p, from: name.upperBound) else { return n }
            let kind = TagKind(p, name: name)
            apply(kind)
            guard kind == .rawSkip || kind == .nestedSkip, !selfClosing else { return end }
            return Markup.skipElement(p, name: name, from: end, nested: kind == .nestedSkip)
        }
    }

    private mutating func apply(_ kind: TagKind) {
        switch kind {
        case .block: pendingBreak = 2
        case .lineBreak: pendingBreak = min(pendingBreak + 1, 2)
        case .cell: pendingSpace = true
        case .inline, .rawSkip, .nestedSkip: break
        }
    }
}

/// How a tag affects plain-text output.
private enum TagKind {
    case inline, block, lineBreak, cell, rawSkip, nestedSkip

    /// Classifies the tag named `p[name]` (ASCII case-insensitive) through its name packed
    /// little-endian into a `UInt64`; the `key` constants fold at compile time.
    init(_ p: UnsafeBufferPointer<UInt8>, name: Range<Int>) {
        guard name.count <= 8 else {
            let long = name.count == 10 && (Markup.matchesWord(p, at: name.lowerBound, "blockquote")
                                            || Markup.matchesWord(p, at: name.lowerBound, "figcaption"))
            self = long ? .block : .inline
            return
        }
        var packed: UInt64 = 0, shift: UInt64 = 0
        for k in name { packed |= UInt64(p[k] | 0x20) << shift; shift += 8 }
        typealias K = TagKind
        switch packed {
        case K.key("p"), K.key("div"), K.key("li"), K.key("ul"), K.key("ol"), K.key("h1"), K.key("h2"),
             K.key("h3"), K.key("h4"), K.key("h5"), K.key("h6"), K.key("tr"), K.key("pre"), K.key("table"),
             K.key("hr"), K.key("dd"), K.key("dt"), K.key("dl"), K.key("section"), K.key("article"),
             K.key("header"), K.key("footer"), K.key("figure"), K.key("nav"), K.key("aside"), K.key("main"),
             K.key("address"), K.key("caption"), K.key("center"), K.key("details"), K.key("summary"),
             K.key("fieldset"), K.key("legend"), K.key("menu"), K.key("body"), K.key("hgroup"):
            self = .block
        case K.key("br"): self = .lineBreak
        case K.key("td"), K.key("th"): self = .cell
        case K.key("script"), K.key("style"), K.key("noscript"), K.key("iframe"): self = .rawSkip
        case K.key("object"), K.key("template"): self = .nestedSkip
        default: self = .inline
        }
    }

    /// A lower-case name of at most 8 bytes, packed little-endian.
    @inline(__always) private static func key(_ word: StaticString) -> UInt64 {
        var key: UInt64 = 0
        for k in 0..<word.utf8CodeUnitCount { key |= UInt64(word.utf8Start[k]) << (8 * UInt64(k)) }
        return key
    }
}
