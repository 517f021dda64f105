import Foundation

/// Feature extraction for the entity tagger: word identity, shape, affixes, POS context, gazetteer
/// membership, distributional word classes (``WordClusters``) of the word and its neighbours,
/// document evidence (``NERDocumentContext``) and the previous two predicted labels, hashed to
/// 64-bit keys.
struct NERFeatures {
    let words: [String]
    let lower: [String]
    let shapes: [String]
    let xpos: [String]
    /// Gazetteer class with B/I position per token ("gpe:B"), or "" when none.
    let gaz: [String]
    /// Whether the previous token is a title word.
    let afterTitle: [Bool]
    /// Word-class path prefixes per token, coarse first (empty when the word has no class).
    let classes: [[String]]

    /// Document evidence (empty for a sentence on its own).
    let context: NERDocumentContext
    /// The gazetteer's matches over `words` (computed once, also used by the recognizer).
    let gazetteerMatches: [GazetteerMatch]

    init(words: [String], xpos: [String], gazetteer: Gazetteer, clusters: WordClusters,
         context: NERDocumentContext = NERDocumentContext()) {
        self.context = context
        self.words = words
        self.classes = clusters.isEmpty ? [] : words.map { clusters.classes(of: $0) }
        self.lower = words.map { $0.lowercased() }
        self.shapes = words.map(NERFeatures.shape)
        self.xpos = xpos.count == words.count ? xpos : Array(repeating: "X", count: words.count)
        var gaz = Array(repeating: "", count: words.count)
        var title = Array(repeating: false, count: words.count)
        gazetteerMatches = gazetteer.matches(words)
        for m in gazetteerMatches {
            for i in m.start..<m.end {
                gaz[i] = m.kind.rawValue + (i == m.start ? ":B" : ":I") + (m.end - m.start == 1 ? "1" : "")
            }
            if m.kind == .title, m.end < words.count { title[m.end] = true }
        }
        self.gaz = gaz
        self.afterTitle = title
    }

    static func startsCapitalised(_ w: String) -> Bool {
        guard let u = w.unicodeScalars.first else { return false }
        if u.value < 128 { return (u.value >= 65 && u.value <= 90) || (u.value >= 48 && u.value <= 57) }
        return u.properties.isUppercase
    }

    /// Runs of capitalised tokens, bridging connectors ("Bank of America") only between them;
    /// `0..<0` for tokens outside runs.
    static func capitalisedRuns(_ words: [String]) -> [Range<Int>] {
        let n = words.count
        var runs = [Range<Int>](repeating: 0..<0, count: n)
        var i = 0
        while i < n {
            guard startsCapitalised(words[i]) else { i += 1; continue }
            var j = i + 1
            while j < n {
                if startsCapitalised(words[j]) { j += 1; continue }
                var k = j
                while k < n, NERCorpus.connectors.contains(words[k]) { k += 1 }
                guard k > j, k < n, startsCapitalised(words[k]) else { break }
                j = k + 1
            }
            for k in i..<j { runs[k] = i..<j }
            i = j
        }
        return runs
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

    /// FNV-1a over the UTF-8 of `s`, seeded by the feature template.
    @inline(__always)
    static func hash(_ template: UInt64, _ s: some StringProtocol) -> UInt64 {
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

    /// Whether token `i`, which does not start with a capital or digit, can be inside a name: a
    /// connector ("of", "de", "-") or a word with a capital inside ("eBay", "d'Alembert"), never an
    /// e-mail address. Name spans contain nothing else (see ``NERCorpus``).
    func mayContinueName(_ i: Int) -> Bool {
        if NERCorpus.connectors.contains(lower[i]) { return true }
        let w = words[i].utf8
        return !w.contains(64) && w.contains { $0 >= 65 && $0 <= 90 }
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
        if !classes.isEmpty {
            for (l, c) in classes[i].enumerated() { f.append(NERFeatures.hash(60 + UInt64(l), c)) }
            if i > 0 { for (l, c) in classes[i - 1].enumerated() { f.append(NERFeatures.hash(64 + UInt64(l), c)) } }
            if i + 1 < words.count { for (l, c) in classes[i + 1].enumerated() { f.append(NERFeatures.hash(68 + UInt64(l), c)) } }
        }
        if !context.evidence.isEmpty {
            for e in context.evidence(for: w) { f.append(NERFeatures.hash(50, e)) }
            if context.lowercase.contains(lower[i]), NERFeatures.startsCapitalised(w) { f.append(NERFeatures.hash(51, i == 0 ? "first" : "later")) }
        }
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
