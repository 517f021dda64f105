/// Something that scores all classes for a bag of hashed features.
protocol ClassScorer {
    /// Number of classes.
    var classCount: Int { get }
    /// Writes one score per class into `scores` (which has `classCount` entries).
    func score(_ features: UnsafePointer<UInt64>, _ count: Int, into scores: UnsafeMutablePointer<Float>)
}

/// Maps a feature hash to a row of a table with `2^bits` rows.
/// Sums, per class, the rows of a dense `classCount`-wide Float table that `features` hash to.
@inline(__always)
func scoreDense(_ weights: [Float], mask: UInt64, classCount c: Int, _ features: UnsafePointer<UInt64>, _ count: Int,
                into scores: UnsafeMutablePointer<Float>) {
    for k in 0..<c { scores[k] = 0 }
    weights.withUnsafeBufferPointer { w in
        for i in 0..<count {
            let base = tableRow(features[i], mask) &* c
            for k in 0..<c { scores[k] += w[base &+ k] }
        }
    }
}

@inline(__always) func tableRow(_ h: UInt64, _ mask: UInt64) -> Int {
    Int(truncatingIfNeeded: (h >> 7) & mask)
}

/// Training-time averaged perceptron over hashed features (Float32 weights, `rows × classes`).
///
/// Averaging uses the "accumulated timestamped update" trick: `totals` holds Σ time·Δ, and the
/// averaged weight at time T is `w − totals / T`.
final class PerceptronTable: ClassScorer {
    let rowBits: Int
    let mask: UInt64
    let classCount: Int
    var weights: [Float]
    var totals: [Float]

    init(rowBits: Int, classes: Int) {
        self.rowBits = rowBits
        mask = (UInt64(1) << UInt64(rowBits)) - 1
        classCount = classes
        weights = [Float](repeating: 0, count: (1 << rowBits) * classes)
        totals = weights
    }

    func score(_ features: UnsafePointer<UInt64>, _ count: Int, into scores: UnsafeMutablePointer<Float>) {
        scoreDense(weights, mask: mask, classCount: classCount, features, count, into: scores)
    }

    /// Adds `delta` to class `cls` for every feature; `time` is the current averaging step.
    func update(_ features: UnsafePointer<UInt64>, _ count: Int, cls: Int, delta: Float, time: Float) {
        let c = classCount
        let td = time * delta
        weights.withUnsafeMutableBufferPointer { w in
            totals.withUnsafeMutableBufferPointer { t in
                for i in 0..<count {
                    let j = tableRow(features[i], mask) &* c &+ cls
                    w[j] += delta
                    t[j] += td
                }
            }
        }
    }

    /// Averaged weights at time `time`.
    func averaged(time: Float) -> [Float] {
        var out = weights
        let inv = 1 / max(time, 1)
        for i in 0..<out.count where totals[i] != 0 { out[i] -= totals[i] * inv }
        return out
    }
}

/// Scorer over a plain dense Float table (used to evaluate averaged weights during training).
struct DenseFloatScorer: ClassScorer {
    let mask: UInt64
    let classCount: Int
    let weights: [Float]

    func score(_ features: UnsafePointer<UInt64>, _ count: Int, into scores: UnsafeMutablePointer<Float>) {
        scoreDense(weights, mask: mask, classCount: classCount, features, count, into: scores)
    }
}

/// Runtime dense table of Int16-quantised weights (`rows × classes`).
struct QuantizedDenseTable: ClassScorer {
    let rowBits: Int
    let mask: UInt64
    let classCount: Int
    /// Multiply an integer score by this to recover the float score.
    let scale: Float
    let values: [Int16]

    init(rowBits: Int, classes: Int, scale: Float, values: [Int16]) {
        self.rowBits = rowBits
        mask = (UInt64(1) << UInt64(rowBits)) - 1
        classCount = classes
        self.scale = scale
        self.values = values
    }

    func score(_ features: UnsafePointer<UInt64>, _ count: Int, into scores: UnsafeMutablePointer<Float>) {
        let c = classCount
        values.withUnsafeBufferPointer { v in
            if c == 4 {
                var a0: Int32 = 0, a1: Int32 = 0, a2: Int32 = 0, a3: Int32 = 0
                for i in 0..<count {
                    let base = tableRow(features[i], mask) &<< 2
                    a0 &+= Int32(v[base]); a1 &+= Int32(v[base &+ 1])
                    a2 &+= Int32(v[base &+ 2]); a3 &+= Int32(v[base &+ 3])
                }
                scores[0] = Float(a0) * scale; scores[1] = Float(a1) * scale
                scores[2] = Float(a2) * scale; scores[3] = Float(a3) * scale
            } else {
                for k in 0..<c { scores[k] = 0 }
                for i in 0..<count {
                    let base = tableRow(features[i], mask) &* c
                    for k in 0..<c { scores[k] += Float(v[base &+ k]) }
                }
                for k in 0..<c { scores[k] *= scale }
            }
        }
    }
}

/// Runtime sparse (CSR) table of Int16-quantised weights: each row stores only its non-zero
/// (class, weight) entries. Used for the label classifier, whose rows are mostly empty.
struct QuantizedSparseTable: ClassScorer {
    let rowBits: Int
    let mask: UInt64
    let classCount: Int
    let scale: Float
    /// `offsets[r] ..< offsets[r+1]` are row r's entries.
    let offsets: [UInt32]
    let classes: [UInt8]
    let values: [Int16]
    /// The same entries packed for scoring, `class << 16 | UInt16(bitPattern: weight)`: one array, so
    /// a row's entries share cache lines.
    let packed: [UInt32]
    /// Scoring-time row directory, small enough to stay in cache (`offsets` has 4 bytes for every
    /// row, most of them empty, and missed the cache on almost every lookup): bit `r & 63` of word
    /// `r >> 6` is set when row r has entries; `rank` counts such rows before each word; the k-th
    /// non-empty row's entries are `packed[rowStart[k] ..< rowStart[k + 1]]`.
    let bitmap: [UInt64]
    let rank: [UInt32]
    let rowStart: [UInt32]

    init(rowBits: Int, classCount: Int, scale: Float, offsets: [UInt32], classes: [UInt8], values: [Int16]) {
        self.rowBits = rowBits
        mask = (UInt64(1) << UInt64(rowBits)) - 1
        self.classCount = classCount
        self.scale = scale
        self.offsets = offsets
        self.classes = classes
        self.values = values
        var p = [UInt32](repeating: 0, count: values.count)
        for j in 0..<values.count { p[j] = UInt32(classes[j]) << 16 | UInt32(UInt16(bitPattern: values[j])) }
        packed = p
        let rows = offsets.count - 1
        var bm = [UInt64](repeating: 0, count: (rows + 63) / 64)
        var rk = [UInt32](repeating: 0, count: bm.count)
        var starts: [UInt32] = []
        for r in 0..<rows {
            if r & 63 == 0 { rk[r >> 6] = UInt32(starts.count) }
            if offsets[r + 1] > offsets[r] {
                bm[r >> 6] |= 1 << UInt64(r & 63)
                starts.append(offsets[r])
            }
        }
        starts.append(offsets[rows])
        bitmap = bm
        rank = rk
        rowStart = starts
    }

    func score(_ features: UnsafePointer<UInt64>, _ count: Int, into scores: UnsafeMutablePointer<Float>) {
        let c = classCount
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256) { acc in
            // Class ids are UInt8 and checked against `classCount` on load, so only those slots are used.
            for k in 0..<min(c, 256) { acc[k] = 0 }
            bitmap.withUnsafeBufferPointer { bm in
                rank.withUnsafeBufferPointer { rk in
                    rowStart.withUnsafeBufferPointer { starts in
                        packed.withUnsafeBufferPointer { e in
                            // Pass 1 finds every feature's entries and reads the first of them; the
                            // reads are independent, so their cache misses overlap instead of
                            // queueing behind the data-dependent loop of pass 2.
                            withUnsafeTemporaryAllocation(of: (Int32, Int32).self, capacity: count) { spans in
                                var n = 0
                                var touched: UInt32 = 0
                                for i in 0..<count {
                                    let r = tableRow(features[i], mask)
                                    let w = bm[r >> 6]
                                    let shift = UInt64(r & 63)
                                    if (w >> shift) & 1 == 0 { continue }
                                    let k = Int(rk[r >> 6]) &+ (w & ((1 << shift) &- 1)).nonzeroBitCount
                                    let start = Int(starts[k])
                                    spans[n] = (Int32(truncatingIfNeeded: start), Int32(truncatingIfNeeded: starts[k &+ 1]))
                                    touched |= e[start]
                                    n &+= 1
                                }
                                for i in 0..<n {
                                    var j = Int(spans[i].0)
                                    let end = Int(spans[i].1)
                                    while j < end {
                                        let x = e[j]
                                        acc[Int(x >> 16)] &+= Int32(Int16(bitPattern: UInt16(truncatingIfNeeded: x)))
                                        j &+= 1
                                    }
                                }
                                // Keeps pass 1's reads: class ids are below 256, so bits 24... are zero.
                                acc[0] &+= Int32(truncatingIfNeeded: touched >> 24)
                            }
                        }
                    }
                }
            }
            for k in 0..<c { scores[k] = Float(acc[k]) * scale }
        }
    }
}

/// Quantisation helpers.
enum Quantizer {
    /// Scale such that `maxAbs` maps to 32767.
    static func scale(for weights: [Float]) -> Float {
        var m: Float = 0
        for x in weights { m = max(m, abs(x)) }
        return m > 0 ? m / 32767 : 1
    }

    @inline(__always) static func quantize(_ x: Float, _ scale: Float) -> Int16 {
        let q = (x / scale).rounded()
        return Int16(max(-32767, min(32767, q)))
    }
}
