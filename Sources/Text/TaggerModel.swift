import Foundation

/// The serialisable content of a tagger model file.
///
/// Binary layout (all integers little-endian):
/// ```
/// magic "NGTAGGER" · version u32
/// labels:   count u32, then per label: xpos string, upos string   (string = u16 length + UTF-8)
/// passes:   count u32 (1 = left-to-right only, 2 = plus a second pass using first-pass right context)
///   per pass: rows u32, entries u32, keys [u32 × rows], entry counts [u8 × rows],
///             entry labels [u8 × entries], entry weights [i16 × entries]   (rows sorted by key)
/// words:    count u32, keys [u64 × count], values [u32 × count]
/// lemmas:   xpos names count u32 + strings; entries u32, per entry: form string, xpos id u8, lemma string
/// checksum  u64 (FNV-1a of all preceding bytes)
/// ```
public struct TaggerModel: Sendable, Equatable {
    static let magic: [UInt8] = Array("NGTAGGER".utf8)
    static let version: UInt32 = 2

    /// Per label: XPOS and UPOS.
    var labelXpos: [String] = []
    var labelUpos: [String] = []
    /// Sparse weights per decoding pass.
    var passes: [WeightTable] = []
    /// Word lexicon: word hash → packed dictionary label / ambiguity class.
    var wordKeys: [UInt64] = []
    var wordValues: [UInt32] = []
    /// Lemma exceptions.
    var lemmaXposNames: [String] = []
    var lemmaForms: [String] = []
    var lemmaXposIDs: [UInt8] = []
    var lemmaValues: [String] = []

    /// Writes the model file.
    public func write(toPath path: String) throws {
        try Data(encode()).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Size of the serialised model in bytes.
    public var encodedSize: Int { encode().count }

    /// Number of weight rows (features) and stored weights.
    public var weightStats: (rows: Int, entries: Int) {
        (passes.reduce(0) { $0 + $1.keys.count }, passes.reduce(0) { $0 + $1.labels.count })
    }

    /// Serialises the model.
    public func encode() -> [UInt8] {
        var w = ByteWriter()
        w.bytes(Self.magic)
        w.u32(Self.version)
        w.u32(UInt32(labelXpos.count))
        for (x, u) in zip(labelXpos, labelUpos) {
            w.string(x)
            w.string(u)
        }
        w.u32(UInt32(passes.count))
        for p in passes {
            w.u32(UInt32(p.keys.count))
            w.u32(UInt32(p.labels.count))
            w.array(p.keys)
            w.array(p.counts)
            w.array(p.labels)
            w.array(p.weights)
        }
        w.u32(UInt32(wordKeys.count))
        w.array(wordKeys)
        w.array(wordValues)
        w.u32(UInt32(lemmaXposNames.count))
        for s in lemmaXposNames { w.string(s) }
        w.u32(UInt32(lemmaForms.count))
        for i in lemmaForms.indices {
            w.string(lemmaForms[i])
            w.u8(lemmaXposIDs[i])
            w.string(lemmaValues[i])
        }
        let sum = w.data.withUnsafeBufferPointer { FeatureHash.fnv($0, 0, $0.count) }
        w.u64(sum)
        return w.data
    }

    /// Parses and validates a serialised model. Throws ``ModelFormatError`` on any inconsistency.
    static func decode(_ bytes: [UInt8]) throws -> TaggerModel {
        guard bytes.count >= magic.count + 12 else { throw ModelFormatError.truncated(offset: bytes.count) }
        guard Array(bytes.prefix(magic.count)) == magic else { throw ModelFormatError.invalid("bad magic bytes (not a tagger model)") }
        let bodyCount = bytes.count - 8
        let expected = bytes.withUnsafeBufferPointer { FeatureHash.fnv($0, 0, bodyCount) }
        var r = ByteReader(bytes)
        r.pos = bodyCount
        let stored = try r.u64()
        guard stored == expected else { throw ModelFormatError.invalid("checksum mismatch (file corrupted or truncated)") }
        r = ByteReader(Array(bytes.prefix(bodyCount)))
        r.pos = magic.count
        let version = try r.u32()
        guard version == Self.version else { throw ModelFormatError.invalid("unsupported model version \(version)") }
        var m = TaggerModel()
        let nLabels = Int(try r.u32())
        guard nLabels > 0, nLabels <= 255 else { throw ModelFormatError.invalid("bad label count \(nLabels)") }
        for _ in 0..<nLabels {
            m.labelXpos.append(try r.string())
            m.labelUpos.append(try r.string())
        }
        let nPasses = Int(try r.u32())
        guard nPasses >= 1, nPasses <= 2 else { throw ModelFormatError.invalid("bad pass count \(nPasses)") }
        for _ in 0..<nPasses {
            var t = WeightTable()
            let rows = Int(try r.u32())
            let entries = Int(try r.u32())
            guard entries < (1 << 24) else { throw ModelFormatError.invalid("too many weight entries") }
            t.keys = try r.array(UInt32.self, count: rows)
            t.counts = try r.array(UInt8.self, count: rows)
            t.labels = try r.array(UInt8.self, count: entries)
            t.weights = try r.array(Int16.self, count: entries)
            guard t.counts.reduce(0, { $0 + Int($1) }) == entries else { throw ModelFormatError.invalid("row counts do not match entries") }
            guard t.labels.allSatisfy({ Int($0) < nLabels }) else { throw ModelFormatError.invalid("label id out of range") }
            m.passes.append(t)
        }
        let nWords = Int(try r.u32())
        m.wordKeys = try r.array(UInt64.self, count: nWords)
        m.wordValues = try r.array(UInt32.self, count: nWords)
        guard m.wordValues.allSatisfy({ Int($0 & 0xFF) <= nLabels }) else { throw ModelFormatError.invalid("word label out of range") }
        let nX = Int(try r.u32())
        guard nX <= 255 else { throw ModelFormatError.invalid("bad xpos count") }
        for _ in 0..<nX { m.lemmaXposNames.append(try r.string()) }
        let nLemmas = Int(try r.u32())
        guard nLemmas <= r.remaining else { throw ModelFormatError.truncated(offset: r.pos) }
        m.lemmaForms.reserveCapacity(nLemmas)
        for _ in 0..<nLemmas {
            m.lemmaForms.append(try r.string())
            let x = try r.u8()
            guard Int(x) < nX else { throw ModelFormatError.invalid("lemma xpos id out of range") }
            m.lemmaXposIDs.append(x)
            m.lemmaValues.append(try r.string())
        }
        guard r.remaining == 0 else { throw ModelFormatError.invalid("trailing bytes after model data") }
        return m
    }
}

/// Sparse quantised perceptron weights: rows sorted by feature key, each with `counts[i]`
/// consecutive (label, weight) entries.
struct WeightTable: Sendable, Equatable {
    var keys: [UInt32] = []
    var counts: [UInt8] = []
    var labels: [UInt8] = []
    var weights: [Int16] = []
}

extension TaggerModel {
    /// Returns a copy with every weight of magnitude below `minMagnitude` removed (rows left empty are dropped).
    public func pruned(minMagnitude: Int16) -> TaggerModel {
        var m = self
        m.passes = passes.map { t in
            var out = WeightTable()
            var e = 0
            for (r, key) in t.keys.enumerated() {
                var n: UInt8 = 0
                for x in e..<(e + Int(t.counts[r])) where abs(Int(t.weights[x])) >= Int(minMagnitude) {
                    out.labels.append(t.labels[x])
                    out.weights.append(t.weights[x])
                    n += 1
                }
                e += Int(t.counts[r])
                if n > 0 {
                    out.keys.append(key)
                    out.counts.append(n)
                }
            }
            return out
        }
        return m
    }

    /// Reads a model file.
    public static func read(path: String) throws -> TaggerModel {
        do {
            return try decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        } catch {
            throw TaggerError.invalidModel(path: path, reason: String(describing: error))
        }
    }
}
