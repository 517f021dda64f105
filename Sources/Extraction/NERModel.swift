import Foundation

/// Errors raised when loading or writing an entity-tagger model.
public enum NERModelError: Error, CustomStringConvertible {
    /// The file could not be read or written.
    case io(path: String, reason: String)
    /// The file is not a NewsGraph NER model or is truncated.
    case invalid(path: String, reason: String)
    /// The bundled resource is missing.
    case missingResource(String)

    /// A message naming the file.
    public var description: String {
        switch self {
        case let .io(path, reason): return "cannot access NER model \(path): \(reason)"
        case let .invalid(path, reason): return "invalid NER model \(path): \(reason)"
        case let .missingResource(name): return "bundled resource \(name) not found"
        }
    }
}

/// A trained BIO entity tagger: averaged-perceptron weights over hashed features, greedy decoding
/// with BIO constraints. Immutable and thread-safe.
public final class NERModel: Sendable {
    /// Label names: "O", "B-PERSON", "I-PERSON", ...
    public let labels: [String]
    let rows: RowTable
    let weights: [Float]
    /// For each label, the entity type it opens or continues (nil for O).
    let labelType: [String?]
    let isBegin: [Bool]
    /// The second, stacked pass: re-tags with the features of ``NERFirstPass`` added (nil: one pass).
    let stacked: NERModel?

    /// A one-pass model file.
    static let magic: [UInt8] = Array("NGNER001".utf8)
    /// A two-pass model file: the first pass's section followed by the second's.
    static let magicStacked: [UInt8] = Array("NGNER002".utf8)

    init(labels: [String], keys: [UInt64], weights: [Float], stacked: NERModel? = nil) {
        self.labels = labels
        self.rows = RowTable(keys: keys)
        self.weights = weights
        self.stacked = stacked
        labelType = labels.map { $0 == "O" ? nil : String($0.dropFirst(2)) }
        isBegin = labels.map { $0.hasPrefix("B-") }
    }

    /// Number of feature rows (of both passes).
    public var featureCount: Int { rows.count + (stacked?.featureCount ?? 0) }

    /// Tags the sentences of one article: the first pass, then, when the model has one, the
    /// second pass over the first pass's labels.
    func predict(document feats: [NERFeatures]) -> [[Int]] {
        let first = feats.map { predict($0) }
        guard let stacked else { return first }
        let doc = NERFirstPass(words: feats.map(\.words), labels: first)
        return feats.indices.map { stacked.predict(feats[$0], firstPass: (first[$0], doc)) }
    }

    /// Loads a model file.
    public convenience init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NERModelError.io(path: path, reason: "unreadable")
        }
        let b = [UInt8](data)
        var r = ByteReader(bytes: b)
        guard b.count >= 8, Array(b[0..<8]) == NERModel.magic || Array(b[0..<8]) == NERModel.magicStacked else {
            throw NERModelError.invalid(path: path, reason: "bad magic")
        }
        r.offset = 8
        let first = try NERModel.section(&r, path: path)
        var stacked: NERModel?
        if Array(b[0..<8]) == NERModel.magicStacked {
            let second = try NERModel.section(&r, path: path)
            stacked = NERModel(labels: second.labels, keys: second.keys, weights: second.weights)
        }
        self.init(labels: first.labels, keys: first.keys, weights: first.weights, stacked: stacked)
    }

    /// Reads one pass's labels, keys and weights.
    static func section(_ r: inout ByteReader, path: String) throws -> (labels: [String], keys: [UInt64], weights: [Float]) {
        guard let nl = r.u32(), nl > 0, nl < 1000 else { throw NERModelError.invalid(path: path, reason: "labels") }
        var labels: [String] = []
        for _ in 0..<nl {
            guard let s = r.string() else { throw NERModelError.invalid(path: path, reason: "label names") }
            labels.append(s)
        }
        guard let nk = r.u32(), r.remaining >= Int(nk) * (8 + 4 * Int(nl)) else {
            throw NERModelError.invalid(path: path, reason: "truncated weights")
        }
        var keys: [UInt64] = []
        keys.reserveCapacity(Int(nk))
        for _ in 0..<nk { keys.append(r.u64() ?? 0) }
        var w: [Float] = []
        w.reserveCapacity(Int(nk) * Int(nl))
        for _ in 0..<(Int(nk) * Int(nl)) { w.append(Float(bitPattern: r.u32() ?? 0)) }
        return (labels, keys, w)
    }

    /// Loads the model shipped with the module.
    public static func bundled() throws -> NERModel {
        guard let url = Bundle.module.url(forResource: "ner", withExtension: "model") else {
            throw NERModelError.missingResource("ner.model")
        }
        return try NERModel(path: url.path)
    }

    /// An in-memory model keeping only the rows ``write(_:minWeight:to:)`` would keep.
    static func pruned(_ t: NERTrainer.Trained, minWeight: Float) -> NERModel {
        func prune(_ keys: [UInt64], _ weights: [Float], stacked: NERModel?) -> NERModel {
            let L = t.labels.count
            let kept = keptRows(labelCount: L, keys: keys, weights: weights, minWeight: minWeight)
            return NERModel(labels: t.labels, keys: kept.map { keys[$0] }, weights: kept.flatMap { weights[($0 * L)..<($0 * L + L)] },
                            stacked: stacked)
        }
        let second = t.stacked.map { prune($0.keys, $0.weights, stacked: nil) }
        return prune(t.keys, t.weights, stacked: second)
    }

    /// Indices of the rows whose largest weight magnitude reaches `minWeight`.
    static func keptRows(labelCount L: Int, keys: [UInt64], weights: [Float], minWeight: Float) -> [Int] {
        var kept: [Int] = []
        for i in keys.indices {
            var m: Float = 0
            for c in 0..<L { m = max(m, abs(weights[i * L + c])) }
            if m >= minWeight { kept.append(i) }
        }
        return kept
    }

    /// Writes the model (both passes when it has two), keeping only rows whose largest weight
    /// magnitude reaches `minWeight`.
    static func write(_ t: NERTrainer.Trained, minWeight: Float, to path: String) throws {
        let L = t.labels.count
        var out = t.stacked == nil ? NERModel.magic : NERModel.magicStacked
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func section(_ keys: [UInt64], _ weights: [Float]) {
            u32(UInt32(L))
            for l in t.labels {
                u32(UInt32(l.utf8.count))
                out.append(contentsOf: Array(l.utf8))
            }
            let kept = keptRows(labelCount: L, keys: keys, weights: weights, minWeight: minWeight)
            u32(UInt32(kept.count))
            for i in kept { u64(keys[i]) }
            for i in kept { for c in 0..<L { u32(weights[i * L + c].bitPattern) } }
        }
        section(t.keys, t.weights)
        if let s = t.stacked { section(s.keys, s.weights) }
        do {
            try Data(out).write(to: URL(fileURLWithPath: path))
        } catch {
            throw NERModelError.io(path: path, reason: String(describing: error))
        }
    }

    /// Whether label `next` may follow label `prev` in BIO.
    func allowed(_ prev: Int, _ next: Int) -> Bool {
        guard let t = labelType[next], !isBegin[next] else { return true }
        return labelType[prev] == t
    }

    /// Tags a sentence; returns label indices. With `firstPass`, the sentence's first-pass labels
    /// and the article's ``NERFirstPass``, the second-pass features are added (for ``stacked``).
    func predict(_ feats: NERFeatures, firstPass: (labels: [Int], document: NERFirstPass)? = nil) -> [Int] {
        let n = feats.words.count
        var out = [Int](repeating: 0, count: n)
        let L = labels.count
        var scores = [Float](repeating: 0, count: L)
        var f: [UInt64] = []
        f.reserveCapacity(40)
        var prev = 0, prev2 = 0
        for i in 0..<n {
            // Names start with a capital letter or digit: outside an entity, other tokens are O
            // without scoring (about four tokens in five); inside one, only connectors and words
            // with a capital inside ("eBay") may continue it.
            if let u = feats.words[i].utf8.first, !(u >= 65 && u <= 90) && !(u >= 48 && u <= 57) && u < 128,
               prev == 0 || !feats.mayContinueName(i) {
                out[i] = 0
                prev2 = prev
                prev = 0
                continue
            }
            f.removeAll(keepingCapacity: true)
            feats.staticFeatures(i, into: &f)
            if let firstPass { firstPass.document.features(words: feats.words, own: firstPass.labels, labels: labels, i, into: &f) }
            feats.dynamicFeatures(i, prev: labels[prev], prev2: labels[prev2], into: &f)
            for c in 0..<L { scores[c] = 0 }
            weights.withUnsafeBufferPointer { w in
                for k in f {
                    let r = rows.row(k)
                    if r < 0 { continue }
                    let base = r * L
                    for c in 0..<L { scores[c] += w[base + c] }
                }
            }
            var best = 0
            var bestScore = -Float.infinity
            for c in 0..<L where allowed(prev, c) && scores[c] > bestScore {
                best = c
                bestScore = scores[c]
            }
            out[i] = best
            prev2 = prev
            prev = best
        }
        return out
    }
}

/// Open-addressing table from feature key to weight row (linear probing, power-of-two size).
struct RowTable: Sendable {
    private let slots: [UInt64]
    private let values: [Int32]
    private let mask: Int
    /// Number of keys.
    let count: Int

    init(keys: [UInt64]) {
        var size = 16
        while size < keys.count * 2 { size <<= 1 }
        var slots = [UInt64](repeating: 0, count: size)
        var values = [Int32](repeating: -1, count: size)
        let mask = size - 1
        for (i, k) in keys.enumerated() {
            var h = RowTable.slot(k, mask)
            while values[h] >= 0 && slots[h] != k { h = (h + 1) & mask }
            slots[h] = k
            values[h] = Int32(i)
        }
        self.slots = slots
        self.values = values
        self.mask = mask
        self.count = keys.count
    }

    @inline(__always)
    static func slot(_ k: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    /// The row of `k`, or -1.
    @inline(__always)
    func row(_ k: UInt64) -> Int {
        var h = RowTable.slot(k, mask)
        while true {
            let v = values[h]
            if v < 0 { return -1 }
            if slots[h] == k { return Int(v) }
            h = (h + 1) & mask
        }
    }
}

/// Little-endian reader over a byte array.
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    var remaining: Int { bytes.count - offset }

    mutating func u32() -> UInt32? {
        guard remaining >= 4 else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(bytes[offset + k]) << (8 * UInt32(k)) }
        offset += 4
        return v
    }

    mutating func u64() -> UInt64? {
        guard remaining >= 8 else { return nil }
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[offset + k]) << (8 * UInt64(k)) }
        offset += 8
        return v
    }

    mutating func string() -> String? {
        guard let n = u32(), remaining >= Int(n) else { return nil }
        let s = String(decoding: bytes[offset..<(offset + Int(n))], as: UTF8.self)
        offset += Int(n)
        return s
    }
}
