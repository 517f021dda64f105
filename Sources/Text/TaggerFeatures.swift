/// Per-word feature values, computed once per token before decoding.
struct WordFeatures: Sendable {
    var form: UInt64 = 0
    var lower: UInt64 = 0
    var suf1: UInt64 = 0
    var suf2: UInt64 = 0
    var suf3: UInt64 = 0
    var suf4: UInt64 = 0
    var pre1: UInt64 = 0
    var pre2: UInt64 = 0
    var pre3: UInt64 = 0
    var shape: UInt64 = 0
    /// Ambiguity class id (set of tags seen in training), 0 when unknown.
    var amb: UInt64 = 0
    /// Label from the tag dictionary for frequent unambiguous words, or -1.
    var dict: Int32 = -1
    /// Where the lexicon entry came from: 0 none, 1 exact form, 2 lower-cased form.
    var ambSource: UInt64 = 0
    /// Spacing: bit 0 = whitespace before the word, bit 1 = whitespace after it.
    var glue: UInt64 = 3
    /// Sentence casing class: 0 normal, 1 title case, 2 all caps (same for every word of a sentence).
    var sent: UInt64 = 0

    /// Marker hash replacing the identity of out-of-vocabulary words.
    static let unknown: UInt64 = 0x554E_4B4E_4F57_4E5F

    /// Hides the word identity (as for an out-of-vocabulary word); affixes and shape stay.
    mutating func maskIdentity() {
        form = Self.unknown
        lower = Self.unknown
        ambSource = 0
        amb = 0
    }

    /// Padding value for positions before the sentence start / after its end.
    static func padding(_ marker: UInt64) -> WordFeatures {
        var w = WordFeatures()
        w.form = marker
        w.lower = marker
        w.suf1 = marker
        w.suf2 = marker
        w.suf3 = marker
        w.suf4 = marker
        w.pre1 = marker
        w.pre2 = marker
        w.pre3 = marker
        w.shape = marker
        w.amb = marker
        return w
    }

    static let start = padding(0x5354_4152_545F_5F5F)
    static let end = padding(0x454E_445F_5F5F_5F5F)
}

/// Word-level lexicon stored in the model: tag dictionary and ambiguity classes keyed by word hash.
struct WordLexicon: Sendable {
    /// Packed values: bits 0–7 dictionary label + 1 (0 = none); bits 8–31 ambiguity class id.
    let table: OpenTable<UInt64>

    @inline(__always)
    func lookup(form: UInt64, lower: UInt64) -> (value: UInt32, source: UInt64) {
        if let v = table.get(FeatureHash.nonZero(form)) { return (v, 1) }
        if lower != form, let v = table.get(FeatureHash.nonZero(lower)) { return (v, 2) }
        return (0, 0)
    }
}

/// Feature extraction shared by training and tagging.
enum FeatureExtractor {
    /// Number of feature templates of the first (left-to-right) pass.
    static let count = 34
    /// Number of feature templates of the second pass (first-pass features + right-context tags).
    static let count2 = 40
    /// Marker for "no following tag" (sentence end) in right-context tag arrays.
    static let endTag: UInt64 = 0xFFFE
    /// Marker for "no previous tag" (sentence start).
    static let startTag: UInt64 = 0xFFFF

    /// Computes per-word features for `word`, using `scratch` as a reusable buffer.
    @inline(__always)
    static func word(_ word: String, lexicon: WordLexicon, scratch: inout [UInt8]) -> WordFeatures {
        var f = WordFeatures()
        scratch.removeAll(keepingCapacity: true)
        var formHash = FeatureHash.offset
        var shapeHash = FeatureHash.offset
        var lastShape: UInt8 = 0
        for c in word.utf8 {
            formHash = (formHash ^ UInt64(c)) &* FeatureHash.prime
            let lc = (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c
            scratch.append(lc)
            let sc: UInt8
            if c >= 0x41 && c <= 0x5A {
                sc = 0x58  // X
            } else if c >= 0x61 && c <= 0x7A {
                sc = 0x78  // x
            } else if c >= 0x30 && c <= 0x39 {
                sc = 0x64  // d
            } else if c >= 0x80 {
                if c < 0xC0 { continue }  // continuation byte
                sc = 0x75  // u
            } else {
                sc = c
            }
            if sc != lastShape {
                shapeHash = (shapeHash ^ UInt64(sc)) &* FeatureHash.prime
                lastShape = sc
            }
        }
        f.form = formHash
        f.shape = shapeHash ^ 0x5348_4150_45
        scratch.withUnsafeBufferPointer { p in
            let n = p.count
            f.lower = FeatureHash.fnv(p, 0, n)
            f.suf1 = FeatureHash.fnv(p, max(0, n - 1), n, seed: 0x11)
            f.suf2 = FeatureHash.fnv(p, max(0, n - 2), n, seed: 0x22)
            f.suf3 = FeatureHash.fnv(p, max(0, n - 3), n, seed: 0x33)
            f.suf4 = FeatureHash.fnv(p, max(0, n - 4), n, seed: 0x44)
            f.pre1 = FeatureHash.fnv(p, 0, min(n, 1), seed: 0x55)
            f.pre2 = FeatureHash.fnv(p, 0, min(n, 2), seed: 0x66)
            f.pre3 = FeatureHash.fnv(p, 0, min(n, 3), seed: 0x77)
        }
        let (packed, source) = lexicon.lookup(form: f.form, lower: f.lower)
        f.dict = Int32(packed & 0xFF) - 1
        f.amb = UInt64(packed >> 8)
        f.ambSource = source
        if source == 0 { f.maskIdentity() }
        return f
    }

    /// Builds the padded feature array (two start markers, the words, two end markers).
    /// `spaceAfter` (parallel to `words`) tells whether whitespace follows each word; `nil` means "unknown",
    /// treated as space-separated.
    static func sentence(_ words: [String], spaceAfter: [Bool]? = nil, lexicon: WordLexicon, scratch: inout [UInt8]) -> [WordFeatures] {
        var out: [WordFeatures] = []
        out.reserveCapacity(words.count + 4)
        out.append(WordFeatures.start)
        out.append(WordFeatures.start)
        var letterWords = 0
        var capitalized = 0
        var allCaps = 0
        for w in words {
            out.append(word(w, lexicon: lexicon, scratch: &scratch))
            guard let c = w.utf8.first, (c | 0x20) >= 0x61, (c | 0x20) <= 0x7A else { continue }
            letterWords += 1
            if c <= 0x5A {
                capitalized += 1
                if w.utf8.count > 1, !w.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) { allCaps += 1 }
            }
        }
        if let sa = spaceAfter, sa.count == words.count {
            for i in words.indices {
                let before: UInt64 = i == 0 || sa[i - 1] ? 1 : 0
                out[i + 2].glue = before | (sa[i] ? 2 : 0)
            }
        }
        if letterWords >= 3 {
            let flag: UInt64 = allCaps * 10 >= letterWords * 7 ? 2 : (capitalized * 10 >= letterWords * 6 ? 1 : 0)
            if flag != 0 { for k in 2..<out.count { out[k].sent = flag } }
        }
        out.append(WordFeatures.end)
        out.append(WordFeatures.end)
        return out
    }

    /// Writes the ``count`` feature keys for the word at padded index `j` (= word index + 2).
    /// `p1`, `p2` are the previous two predicted labels (``startTag`` at the sentence start).
    /// When `right` (first-pass labels, padded like `w`) is given, ``count2`` keys are written.
    @inline(__always)
    static func keys(_ w: UnsafeBufferPointer<WordFeatures>, _ j: Int, _ p1: UInt64, _ p2: UInt64,
                     _ out: UnsafeMutablePointer<UInt32>, right: UnsafeBufferPointer<UInt64>? = nil) {
        let c = w[j], l1 = w[j - 1], l2 = w[j - 2], r1 = w[j + 1], r2 = w[j + 2]
        let first: UInt64 = (j == 2) ? 1 : 0
        @inline(__always) func put(_ i: Int, _ h: UInt64) { out[i] = FeatureHash.key32(h) }
        put(0, FeatureHash.key(0, 0))
        put(1, FeatureHash.key(1, c.form))
        put(2, FeatureHash.key(2, c.lower))
        put(3, FeatureHash.key(3, c.suf1))
        put(4, FeatureHash.key(4, c.suf2))
        put(5, FeatureHash.key(5, c.suf3))
        put(6, FeatureHash.key(6, c.suf4))
        put(7, FeatureHash.key(7, c.pre1))
        put(8, FeatureHash.key(8, c.pre2))
        put(9, FeatureHash.key(9, c.pre3))
        put(10, FeatureHash.key(10, c.shape))
        put(11, FeatureHash.key(11, c.amb))
        put(12, FeatureHash.key(12, p1))
        put(13, FeatureHash.key(13, p1, p2))
        put(14, FeatureHash.key(14, p1, c.lower))
        put(15, FeatureHash.key(15, l1.lower))
        put(16, FeatureHash.key(16, l1.suf3))
        put(17, FeatureHash.key(17, l2.lower))
        put(18, FeatureHash.key(18, r1.lower))
        put(19, FeatureHash.key(19, r1.suf3))
        put(20, FeatureHash.key(20, r2.lower))
        put(21, FeatureHash.key(21, r1.amb))
        put(22, FeatureHash.key(22, r2.amb))
        put(23, FeatureHash.key(23, p1, r1.amb))
        put(24, FeatureHash.key(24, l1.lower, c.lower))
        put(25, FeatureHash.key(25, c.lower, r1.lower))
        put(26, FeatureHash.key(26, p1, c.amb))
        put(27, FeatureHash.key(27, r1.shape))
        put(28, FeatureHash.key(28, l1.shape))
        put(29, FeatureHash.key(29, first, c.shape))
        put(30, FeatureHash.key(30, c.amb, r1.amb))
        put(31, FeatureHash.key(31, c.ambSource | first << 4 | c.sent << 8, c.shape))
        put(32, FeatureHash.key(32, c.sent, c.amb))
        put(33, FeatureHash.key(33, c.lower, c.glue))
        if let r = right {
            let own = r[j], n1 = r[j + 1], n2 = r[j + 2]
            put(34, FeatureHash.key(34, own))
            put(35, FeatureHash.key(35, n1))
            put(36, FeatureHash.key(36, n1, n2))
            put(37, FeatureHash.key(37, p1, n1))
            put(38, FeatureHash.key(38, c.lower, n1))
            put(39, FeatureHash.key(39, p1 ^ (own << 16), n1))
        }
    }
}

extension FeatureExtractor {
    /// Pads first-pass labels with start/end markers so that index `j` matches the padded word index.
    static func paddedTags(_ labels: [UInt8]) -> [UInt64] {
        var out: [UInt64] = [startTag, startTag]
        out.reserveCapacity(labels.count + 4)
        for l in labels { out.append(UInt64(l)) }
        out.append(endTag)
        out.append(endTag)
        return out
    }
}
