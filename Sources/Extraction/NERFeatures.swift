import Foundation

/// Feature extraction for the entity tagger: word identity, shape, affixes, POS context, gazetteer
/// membership and the previous two predicted labels, hashed to 64-bit keys.
struct NERFeatures {
    let words: [String]
    let lower: [String]
    let shapes: [String]
    let xpos: [String]
    /// Gazetteer class with B/I position per token ("gpe:B"), or "" when none.
    let gaz: [String]
    /// Whether the previous token is a title word.
    let afterTitle: [Bool]

    init(words: [String], xpos: [String], gazetteer: Gazetteer) {
        self.words = words
        self.lower = words.map { $0.lowercased() }
        self.shapes = words.map(NERFeatures.shape)
        self.xpos = xpos.count == words.count ? xpos : Array(repeating: "X", count: words.count)
        var gaz = Array(repeating: "", count: words.count)
        var title = Array(repeating: false, count: words.count)
        for m in gazetteer.matches(words) {
            for i in m.start..<m.end {
                gaz[i] = m.kind.rawValue + (i == m.start ? ":B" : ":I") + (m.end - m.start == 1 ? "1" : "")
            }
            if m.kind == .title, m.end < words.count { title[m.end] = true }
        }
        self.gaz = gaz
        self.afterTitle = title
    }

    /// Compact word shape: "Xxxx" → "Xx", "U.S." → "X.X.", "2025" → "dddd" (runs collapsed beyond 2).
    static func shape(_ w: String) -> String {
        var out = String.UnicodeScalarView()
        var last: Unicode.Scalar = " "
        var run = 0
        var n = 0
        for ch in w.unicodeScalars {
            n += 1
            if n > 12 { break }
            let c: Unicode.Scalar
            let v = ch.value
            if v >= 65 && v <= 90 { c = "X" } else if v >= 97 && v <= 122 { c = "x" } else if v >= 48 && v <= 57 { c = "d" } else if v < 128 {
                c = ch
            } else if ch.properties.isUppercase { c = "X" } else if ch.properties.isLowercase { c = "x" } else { c = ch }
            if c == last { run += 1 } else { run = 0 }
            if run < 2 { out.append(c) }
            last = c
        }
        return String(out)
    }

    @inline(__always)
    static func hash(_ template: UInt64, _ s: Substring) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ (template &* 0x9E37_79B9_7F4A_7C15)
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    @inline(__always)
    static func hash(_ template: UInt64, _ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ (template &* 0x9E37_79B9_7F4A_7C15)
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    @inline(__always)
    static func hash(_ template: UInt64, _ a: String, _ b: String) -> UInt64 {
        var h = hash(template, a)
        h ^= 0xFF
        h = h &* 0x0000_0100_0000_01B3
        for x in b.utf8 {
            h ^= UInt64(x)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    func word(_ i: Int) -> String { i < 0 ? "<s>" : (i >= words.count ? "</s>" : lower[i]) }
    func tag(_ i: Int) -> String { i < 0 ? "<s>" : (i >= words.count ? "</s>" : xpos[i]) }
    func shp(_ i: Int) -> String { i < 0 ? "<s>" : (i >= words.count ? "</s>" : shapes[i]) }
    func gz(_ i: Int) -> String { i < 0 || i >= words.count ? "-" : gaz[i] }

    /// The label-independent features of token `i` (computed once per token).
    func staticFeatures(_ i: Int, into f: inout [UInt64]) {
        let w = words[i]
        f.append(NERFeatures.hash(1, ""))
        f.append(NERFeatures.hash(2, w))
        f.append(NERFeatures.hash(3, lower[i]))
        f.append(NERFeatures.hash(4, shapes[i]))
        f.append(NERFeatures.hash(5, lower[i].suffix(3)))
        f.append(NERFeatures.hash(6, lower[i].prefix(3)))
        f.append(NERFeatures.hash(7, xpos[i]))
        f.append(NERFeatures.hash(8, tag(i - 1), xpos[i]))
        f.append(NERFeatures.hash(9, xpos[i], tag(i + 1)))
        f.append(NERFeatures.hash(10, word(i - 1)))
        f.append(NERFeatures.hash(11, word(i + 1)))
        f.append(NERFeatures.hash(12, word(i - 2)))
        f.append(NERFeatures.hash(13, word(i + 2)))
        f.append(NERFeatures.hash(14, shp(i - 1), shapes[i]))
        f.append(NERFeatures.hash(15, shapes[i], shp(i + 1)))
        f.append(NERFeatures.hash(16, tag(i - 2), tag(i - 1)))
        f.append(NERFeatures.hash(17, tag(i + 1), tag(i + 2)))
        f.append(NERFeatures.hash(18, word(i - 1), lower[i]))
        f.append(NERFeatures.hash(19, lower[i], word(i + 1)))
        f.append(NERFeatures.hash(20, gaz[i]))
        f.append(NERFeatures.hash(21, gz(i - 1), gaz[i]))
        f.append(NERFeatures.hash(22, gaz[i], gz(i + 1)))
        f.append(NERFeatures.hash(23, afterTitle[i] ? "T" : "F", shapes[i]))
        f.append(NERFeatures.hash(24, i == 0 ? "first" : "later", shapes[i]))
        f.append(NERFeatures.hash(25, lower[i].suffix(2)))
        f.append(NERFeatures.hash(26, xpos[i], shapes[i]))
        f.append(NERFeatures.hash(27, word(i - 1), xpos[i]))
    }

    /// Features that depend on the previous two labels.
    func dynamicFeatures(_ i: Int, prev: String, prev2: String, into f: inout [UInt64]) {
        f.append(NERFeatures.hash(40, prev))
        f.append(NERFeatures.hash(41, prev2, prev))
        f.append(NERFeatures.hash(42, prev, words[i]))
        f.append(NERFeatures.hash(43, prev, xpos[i]))
        f.append(NERFeatures.hash(44, prev, shapes[i]))
        f.append(NERFeatures.hash(45, prev, gaz[i]))
    }
}
