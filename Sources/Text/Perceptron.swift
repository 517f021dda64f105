/// Multiclass averaged perceptron with dense per-feature rows, used only during training.
final class Perceptron {
    let labelCount: Int
    private var rowOf: [UInt32: Int32] = [:]
    private(set) var keys: [UInt32] = []
    private var weights: [Float] = []
    private var totals: [Double] = []
    private var stamps: [Int32] = []

    init(labelCount: Int) {
        self.labelCount = labelCount
    }

    var rowCount: Int { keys.count }

    private func row(creating key: UInt32) -> Int {
        if let r = rowOf[key] { return Int(r) }
        let r = keys.count
        rowOf[key] = Int32(r)
        keys.append(key)
        weights.append(contentsOf: repeatElement(0, count: labelCount))
        totals.append(contentsOf: repeatElement(0, count: labelCount))
        stamps.append(contentsOf: repeatElement(0, count: labelCount))
        return r
    }

    /// Adds the current (non-averaged) weights of `keys` to `scores` (which must be zeroed by the caller).
    func score(_ fkeys: UnsafeMutableBufferPointer<UInt32>, into scores: UnsafeMutableBufferPointer<Float>) {
        let L = labelCount
        weights.withUnsafeBufferPointer { wp in
            for k in fkeys {
                guard let r = rowOf[k] else { continue }
                let base = Int(r) * L
                for c in 0..<L { scores[c] += wp[base + c] }
            }
        }
    }

    /// Perceptron update: +1 for `truth`, −1 for `guess` on every feature, with lazy averaging.
    func update(_ fkeys: UnsafeMutableBufferPointer<UInt32>, truth: Int, guess: Int, now: Int32) {
        guard truth != guess else { return }
        for k in fkeys {
            let base = row(creating: k) * labelCount
            bump(base + truth, 1, now)
            bump(base + guess, -1, now)
        }
    }

    @inline(__always)
    private func bump(_ i: Int, _ delta: Float, _ now: Int32) {
        totals[i] += Double(now - stamps[i]) * Double(weights[i])
        stamps[i] = now
        weights[i] += delta
    }

    /// Exports averaged weights as a sparse, Int16-quantised table sorted by key.
    /// Weights whose quantised magnitude is below `minMagnitude` are dropped.
    func export(now: Int32, minMagnitude: Int16) -> (keys: [UInt32], counts: [UInt8], labels: [UInt8], weights: [Int16]) {
        let L = labelCount
        var avg = [Float](repeating: 0, count: weights.count)
        var maxAbs: Float = 1e-6
        let t = Double(max(now, 1))
        for i in avg.indices {
            let a = (totals[i] + Double(now - stamps[i]) * Double(weights[i])) / t
            avg[i] = Float(a)
            maxAbs = max(maxAbs, abs(avg[i]))
        }
        let scale = 32000 / maxAbs
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        var outKeys: [UInt32] = []
        var counts: [UInt8] = []
        var labels: [UInt8] = []
        var ws: [Int16] = []
        for r in order {
            var n: UInt8 = 0
            for c in 0..<L {
                let q = (avg[r * L + c] * scale).rounded()
                guard abs(q) >= Float(minMagnitude) else { continue }
                labels.append(UInt8(c))
                ws.append(Int16(max(-32767, min(32767, q))))
                n += 1
            }
            if n > 0 {
                outKeys.append(keys[r])
                counts.append(n)
            }
        }
        return (outKeys, counts, labels, ws)
    }
}

/// Deterministic SplitMix64 random generator for reproducible shuffling.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return FeatureHash.mix(state)
    }
}
