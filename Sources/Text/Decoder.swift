import Foundation

/// Runtime weights of one decoding pass: a hash table from feature key to either a run of packed
/// sparse entries or (for rows with many labels) a dense Int16 vector added with SIMD.
struct CompiledWeights: Sendable {
    /// Rows with at least this many entries are stored densely.
    static let denseThreshold = 5
    /// Flag bit in table values marking a dense row.
    static let denseFlag: UInt32 = 0x8000_0000

    let features: OpenTable<UInt32>
    /// Packed sparse entries: label << 16 | UInt16(bitPattern: weight).
    let entries: [UInt32]
    /// Dense rows, each `paddedLabels` long.
    let dense: [Int16]
    /// Label count rounded up to a multiple of 8.
    let paddedLabels: Int

    init(_ t: WeightTable, labelCount: Int) throws {
        guard t.counts.count == t.keys.count, t.labels.count == t.weights.count, t.labels.count < (1 << 23) else {
            throw ModelFormatError.invalid("inconsistent weight table sizes")
        }
        let lp = (labelCount + 7) / 8 * 8
        paddedLabels = lp
        var packed: [UInt32] = []
        var denseRows: [Int16] = []
        var values = [UInt32](repeating: 0, count: t.keys.count)
        var e = 0
        for r in t.keys.indices {
            let n = Int(t.counts[r])
            guard e + n <= t.labels.count else { throw ModelFormatError.invalid("row exceeds entries") }
            if n >= Self.denseThreshold {
                let base = denseRows.count
                values[r] = Self.denseFlag | UInt32(base / lp)
                denseRows.append(contentsOf: repeatElement(0, count: lp))
                for x in e..<(e + n) where Int(t.labels[x]) < labelCount {
                    denseRows[base + Int(t.labels[x])] = t.weights[x]
                }
            } else {
                values[r] = UInt32(packed.count) << 8 | UInt32(n)
                for x in e..<(e + n) {
                    packed.append(UInt32(t.labels[x]) << 16 | UInt32(UInt16(bitPattern: t.weights[x])))
                }
            }
            e += n
        }
        entries = packed
        dense = denseRows
        features = OpenTable(keys: t.keys, values: values)
    }
}

/// Runtime form of ``TaggerModel``: hash tables built for fast scoring.
struct CompiledTaggerModel: Sendable {
    let xpos: [String]
    let upos: [String]
    let passes: [CompiledWeights]
    let lexicon: WordLexicon
    let labelCount: Int

    init(_ m: TaggerModel) throws {
        guard !m.labelXpos.isEmpty, m.labelXpos.count == m.labelUpos.count, m.labelXpos.count <= 255,
              m.wordKeys.count == m.wordValues.count, !m.passes.isEmpty else {
            throw ModelFormatError.invalid("inconsistent model sizes")
        }
        xpos = m.labelXpos
        upos = m.labelUpos
        labelCount = m.labelXpos.count
        passes = try m.passes.map { try CompiledWeights($0, labelCount: m.labelXpos.count) }
        lexicon = WordLexicon(table: OpenTable(keys: m.wordKeys, values: m.wordValues))
    }

    /// Tags a sentence: a left-to-right pass, then (if the model has one) a second pass that also
    /// sees the first pass's labels of the following words. Returns label ids.
    func predict(_ words: [String], spaceAfter: [Bool]? = nil) -> [UInt8] {
        var scratch: [UInt8] = []
        scratch.reserveCapacity(64)
        let feats = FeatureExtractor.sentence(words, spaceAfter: spaceAfter, lexicon: lexicon, scratch: &scratch)
        var margins = [Int32](repeating: 0, count: words.count)
        var labels = Self.decode(feats, weights: passes[0], labelCount: labelCount, right: nil, margins: &margins)
        if passes.count > 1 {
            let right = FeatureExtractor.paddedTags(labels)
            labels = Self.decode(feats, weights: passes[1], labelCount: labelCount, right: right, margins: &margins,
                                 keepAbove: Self.confidentMargin, firstPass: labels)
        }
        return labels
    }

    /// First-pass decisions whose score margin exceeds this are kept by the second pass without rescoring.
    static let confidentMargin: Int32 = {
        if let s = ProcessInfo.processInfo.environment["NG_TAGGER_MARGIN"], let v = Int32(s) { return v }
        return defaultConfidentMargin
    }()
    static let defaultConfidentMargin: Int32 = 60_000

    /// Greedy left-to-right decoding with one weight table. Records each decision's score margin in
    /// `margins`; when `firstPass` is given, positions whose margin exceeds `keepAbove` keep that label.
    static func decode(_ feats: [WordFeatures], weights: CompiledWeights, labelCount L: Int, right: [UInt64]?,
                       margins: inout [Int32], keepAbove: Int32 = .max, firstPass: [UInt8]? = nil) -> [UInt8] {
        let n = feats.count - 4
        guard n > 0 else { return [] }
        let lp = weights.paddedLabels
        var out = [UInt8](repeating: 0, count: n)
        var scores = [Int32](repeating: 0, count: lp)
        let nKeys = right == nil ? FeatureExtractor.count : FeatureExtractor.count2
        var keys = [UInt32](repeating: 0, count: FeatureExtractor.count2)
        var hits = [UInt32](repeating: 0, count: FeatureExtractor.count2)
        let table = weights.features
        let rightTags = right ?? []
        let denseRows = weights.dense.count / max(lp, 1)
        let keep = firstPass ?? []
        let canKeep = firstPass?.count == n && margins.count == n
        let recordMargins = margins.count == n
        feats.withUnsafeBufferPointer { fp in
            weights.entries.withUnsafeBufferPointer { ep in
                weights.dense.withUnsafeBufferPointer { dp in
                    scores.withUnsafeMutableBufferPointer { sp in
                        keys.withUnsafeMutableBufferPointer { kp in
                          hits.withUnsafeMutableBufferPointer { vp in
                            rightTags.withUnsafeBufferPointer { rp in
                                guard let kbase = kp.baseAddress, let sbase = sp.baseAddress else { return }
                                let rightPtr: UnsafeBufferPointer<UInt64>? = right == nil ? nil : rp
                                var p1 = FeatureExtractor.startTag
                                var p2 = FeatureExtractor.startTag
                                for i in 0..<n {
                                    let j = i + 2
                                    var label = 0
                                    let d = fp[j].dict
                                    if d >= 0 && Int(d) < L {
                                        label = Int(d)
                                    } else if canKeep && margins[i] > keepAbove {
                                        label = Int(keep[i])
                                    } else {
                                        FeatureExtractor.keys(fp, j, p1, p2, kbase, right: rightPtr)
                                        for c in 0..<lp { sp[c] = 0 }
                                        // Three passes over the keys so that cache misses overlap: read
                                        // every key's first slot, then look the keys up and read the
                                        // first weight of each row, then add the rows.
                                        var touched: UInt32 = 0
                                        for k in 0..<nKeys { touched |= table.touch(kp[k]) }
                                        var found = 0
                                        for k in 0..<nKeys {
                                            guard let v = table.get(kp[k]) else { continue }
                                            vp[found] = v
                                            found += 1
                                            if v & CompiledWeights.denseFlag != 0 {
                                                let row = Int(v & ~CompiledWeights.denseFlag)
                                                if row < denseRows { touched |= UInt32(UInt16(bitPattern: dp[row * lp])) }
                                            } else if Int(v >> 8) < ep.count {
                                                touched |= ep[Int(v >> 8)]
                                            }
                                        }
                                        // Always false (at most 40 keys); only keeps the reads above.
                                        if touched == 0 && found == Int.max { sp[0] &+= 1 }
                                        for k in 0..<found {
                                            let v = vp[k]
                                            if v & CompiledWeights.denseFlag != 0 {
                                                let row = Int(v & ~CompiledWeights.denseFlag)
                                                guard row < denseRows, let dbase = dp.baseAddress else { continue }
                                                let rowPtr = UnsafeRawPointer(dbase + row * lp)
                                                let sRaw = UnsafeMutableRawPointer(sbase)
                                                var c = 0
                                                while c < lp {
                                                    let w = rowPtr.loadUnaligned(fromByteOffset: c * 2, as: SIMD8<Int16>.self)
                                                    let acc = sRaw.loadUnaligned(fromByteOffset: c * 4, as: SIMD8<Int32>.self)
                                                    sRaw.storeBytes(of: acc &+ SIMD8<Int32>(truncatingIfNeeded: w), toByteOffset: c * 4, as: SIMD8<Int32>.self)
                                                    c += 8
                                                }
                                            } else {
                                                let s = Int(v >> 8)
                                                let e = min(s + Int(v & 0xFF), ep.count)
                                                var x = s
                                                while x < e {
                                                    let pe = ep[x]
                                                    let lab = Int(pe >> 16)
                                                    if lab < L { sp[lab] &+= Int32(Int16(bitPattern: UInt16(truncatingIfNeeded: pe))) }
                                                    x += 1
                                                }
                                            }
                                        }
                                        var best = sp[0]
                                        var second = Int32.min
                                        for c in 1..<L {
                                            let v = sp[c]
                                            if v > best {
                                                second = best
                                                best = v
                                                label = c
                                            } else if v > second {
                                                second = v
                                            }
                                        }
                                        if recordMargins { margins[i] = best &- second }
                                    }
                                    out[i] = UInt8(truncatingIfNeeded: label)
                                    p2 = p1
                                    p1 = UInt64(label)
                                }
                            }
                          }
                        }
                    }
                }
            }
        }
        return out
    }
}
