import Foundation

/// Errors raised when loading or saving a parser model.
public enum ParserModelError: Error, CustomStringConvertible, Equatable {
    /// The model file could not be read or written.
    case unreadable(path: String)
    /// The file exists but is not a valid model (bad magic, version, truncation, checksum…).
    case corrupted(path: String, reason: String)

    /// Human-readable description naming the file.
    public var description: String {
        switch self {
        case .unreadable(let path): return "cannot read parser model at \(path)"
        case .corrupted(let path, let reason): return "corrupted parser model at \(path): \(reason)"
        }
    }
}

/// Trained parser weights in their runtime (quantised) form.
struct ParserModel {
    static let magic: [UInt8] = Array("NGDPARSE".utf8)
    /// Version 2 has a flag for a second-pass label table that is always 0 (version 1 files still load).
    static let formatVersion: UInt32 = 2
    /// Bump whenever feature templates or feature hashing change; models are tied to their templates.
    /// Version 5: single-mix feature hashing (`FeatureSink`).
    static let featureVersion: UInt32 = 5

    let labels: [String]
    let rootLabel: Int
    let actions: QuantizedDenseTable
    let labelTable: QuantizedSparseTable

    /// Quantises a dense `rows × classes` float table into a sparse table.
    static func quantizeSparse(weights: [Float], rowBits: Int, classCount c: Int, pruneBelow: Int16) -> QuantizedSparseTable {
        let scale = Quantizer.scale(for: weights)
        let rows = 1 << rowBits
        var offsets = [UInt32](repeating: 0, count: rows + 1)
        var classes: [UInt8] = []
        var values: [Int16] = []
        for r in 0..<rows {
            for k in 0..<c {
                let q = Quantizer.quantize(weights[r * c + k], scale)
                if abs(Int(q)) >= Int(max(pruneBelow, 1)) {
                    classes.append(UInt8(k))
                    values.append(q)
                }
            }
            offsets[r + 1] = UInt32(values.count)
        }
        return QuantizedSparseTable(rowBits: rowBits, classCount: c, scale: scale,
                                    offsets: offsets, classes: classes, values: values)
    }

    /// Builds a quantised model from averaged float weights. Entries whose quantised magnitude
    /// is below `pruneBelow` are dropped.
    static func quantize(labels: [String], rootLabel: Int, actionBits: Int, actionWeights: [Float],
                         labelBits: Int, labelWeights: [Float], pruneBelow: Int16 = 1) -> ParserModel {
        let aScale = Quantizer.scale(for: actionWeights)
        var aValues = [Int16](repeating: 0, count: actionWeights.count)
        for i in 0..<actionWeights.count {
            let q = Quantizer.quantize(actionWeights[i], aScale)
            aValues[i] = abs(Int(q)) < Int(pruneBelow) ? 0 : q
        }
        let lScale = Quantizer.scale(for: labelWeights)
        let c = labels.count
        let rows = 1 << labelBits
        var offsets = [UInt32](repeating: 0, count: rows + 1)
        var classes: [UInt8] = []
        var values: [Int16] = []
        for r in 0..<rows {
            for k in 0..<c {
                let q = Quantizer.quantize(labelWeights[r * c + k], lScale)
                if abs(Int(q)) >= Int(max(pruneBelow, 1)) {
                    classes.append(UInt8(k))
                    values.append(q)
                }
            }
            offsets[r + 1] = UInt32(values.count)
        }
        return ParserModel(
            labels: labels, rootLabel: rootLabel,
            actions: QuantizedDenseTable(rowBits: actionBits, classes: Transition.count, scale: aScale, values: aValues),
            labelTable: QuantizedSparseTable(rowBits: labelBits, classCount: c, scale: lScale,
                                             offsets: offsets, classes: classes, values: values))
    }

    // MARK: - Serialisation

    /// Serialises the model to bytes (little-endian).
    func serialized() -> [UInt8] {
        var w = ByteWriter()
        w.bytes(Self.magic)
        w.u32(Self.formatVersion)
        w.u32(Self.featureVersion)
        w.u32(UInt32(labels.count))
        w.u32(UInt32(rootLabel))
        for l in labels {
            let b = Array(l.utf8)
            w.u16(UInt16(b.count))
            w.bytes(b)
        }
        // Action table: bitmap of non-zero rows, then their values.
        let c = actions.classCount
        let rows = 1 << actions.rowBits
        w.u32(UInt32(actions.rowBits))
        w.u32(UInt32(c))
        w.f32(actions.scale)
        var bitmap = [UInt8](repeating: 0, count: (rows + 7) / 8)
        var kept: [Int16] = []
        for r in 0..<rows {
            var nz = false
            for k in 0..<c where actions.values[r * c + k] != 0 { nz = true; break }
            if nz {
                bitmap[r >> 3] |= UInt8(1 << (r & 7))
                for k in 0..<c { kept.append(actions.values[r * c + k]) }
            }
        }
        w.u32(UInt32(kept.count / c))
        w.bytes(bitmap)
        w.i16s(kept)
        // Label table: per-row entry counts, then classes and values.
        Self.writeSparse(labelTable, to: &w)
        w.u32(0)  // format 2's second-pass labeller: never trained, so never present (see deserialize)
        w.u64(ByteWriter.checksum(w.data))
        return w.data
    }

    static func writeSparse(_ t: QuantizedSparseTable, to w: inout ByteWriter) {
        w.u32(UInt32(t.rowBits))
        w.u32(UInt32(t.classCount))
        w.f32(t.scale)
        w.u32(UInt32(t.values.count))
        var counts = [UInt8](repeating: 0, count: 1 << t.rowBits)
        for r in 0..<counts.count {
            counts[r] = UInt8(t.offsets[r + 1] - t.offsets[r])
        }
        w.bytes(counts)
        w.bytes(t.classes)
        w.i16s(t.values)
    }

    static func readSparse(_ r: inout ByteReader, nLabels: Int, fail: (String) -> ParserModelError) throws -> QuantizedSparseTable {
        let truncated = fail("truncated data")
        let lBits = Int(try r.u32().orThrow(truncated))
        let lClasses = Int(try r.u32().orThrow(truncated))
        let lScale = try r.f32().orThrow(truncated)
        let entries = Int(try r.u32().orThrow(truncated))
        guard lBits >= 4 && lBits <= 26 && lClasses == nLabels else { throw fail("bad label table header") }
        let counts = try r.bytes(1 << lBits).orThrow(truncated)
        var offsets = [UInt32](repeating: 0, count: counts.count + 1)
        var total = 0
        for i in 0..<counts.count {
            total += Int(counts[i])
            offsets[i + 1] = UInt32(total)
        }
        guard total == entries else { throw fail("label row counts do not match entry count") }
        let classes = try r.bytes(entries).orThrow(truncated)
        for c in classes where Int(c) >= lClasses { throw fail("label class out of range") }
        let values = try r.i16s(entries).orThrow(truncated)
        guard lScale.isFinite && lScale > 0 else { throw fail("bad scale") }
        return QuantizedSparseTable(rowBits: lBits, classCount: lClasses, scale: lScale,
                                    offsets: offsets, classes: classes, values: values)
    }

    /// Parses serialised bytes; `path` is used in error messages.
    static func deserialize(_ data: [UInt8], path: String) throws -> ParserModel {
        func fail(_ reason: String) -> ParserModelError { .corrupted(path: path, reason: reason) }
        guard data.count >= Self.magic.count + 8 + 8 else { throw fail("file too short (\(data.count) bytes)") }
        guard Array(data[0..<Self.magic.count]) == Self.magic else { throw fail("bad magic number") }
        let body = data.count - 8
        var r = ByteReader(data: data, end: body)
        var tail = ByteReader(data: data, end: data.count)
        tail.pos = body
        let stored = try tail.u64().orThrow(fail("truncated checksum"))
        guard stored == ByteWriter.checksum(data[0..<body]) else { throw fail("checksum mismatch (truncated or damaged)") }
        r.pos = Self.magic.count
        let truncated = fail("truncated data")
        let version = try r.u32().orThrow(truncated)
        guard version == 1 || version == Self.formatVersion else { throw fail("unsupported format version") }
        guard try r.u32().orThrow(truncated) == Self.featureVersion else { throw fail("feature version mismatch") }
        let nLabels = Int(try r.u32().orThrow(truncated))
        let rootLabel = Int(try r.u32().orThrow(truncated))
        guard nLabels > 0 && nLabels <= 255 && rootLabel < nLabels else { throw fail("bad label table") }
        var labels: [String] = []
        for _ in 0..<nLabels {
            let len = Int(try r.u16().orThrow(truncated))
            let b = try r.bytes(len).orThrow(truncated)
            labels.append(String(decoding: b, as: UTF8.self))
        }
        let aBits = Int(try r.u32().orThrow(truncated))
        let aClasses = Int(try r.u32().orThrow(truncated))
        let aScale = try r.f32().orThrow(truncated)
        let aRows = Int(try r.u32().orThrow(truncated))
        guard aBits >= 4 && aBits <= 26 && aClasses == Transition.count else { throw fail("bad action table header") }
        let rows = 1 << aBits
        let bitmap = try r.bytes((rows + 7) / 8).orThrow(truncated)
        let kept = try r.i16s(aRows * aClasses).orThrow(truncated)
        var aValues = [Int16](repeating: 0, count: rows * aClasses)
        var next = 0
        for row in 0..<rows where bitmap[row >> 3] & UInt8(1 << (row & 7)) != 0 {
            guard next + aClasses <= kept.count else { throw fail("action bitmap/value mismatch") }
            for k in 0..<aClasses { aValues[row * aClasses + k] = kept[next + k] }
            next += aClasses
        }
        guard next == kept.count else { throw fail("action bitmap/value mismatch") }
        let labelTable = try readSparse(&r, nLabels: nLabels, fail: fail)
        if version >= 2 {
            // Format 2 made room for an optional second-pass label table that no released model carried;
            // its support was removed, so a file that has one is refused rather than parsed differently.
            let has = try r.u32().orThrow(truncated)
            guard has == 0 else { throw fail(has == 1 ? "second-pass label table, which this version does not support" : "bad second-pass flag") }
        }
        guard r.pos == body else { throw fail("trailing bytes") }
        guard aScale.isFinite && aScale > 0 else { throw fail("bad scale") }
        return ParserModel(
            labels: labels, rootLabel: rootLabel,
            actions: QuantizedDenseTable(rowBits: aBits, classes: aClasses, scale: aScale, values: aValues),
            labelTable: labelTable)
    }

    /// Loads a model file.
    static func load(path: String) throws -> ParserModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ParserModelError.unreadable(path: path)
        }
        return try deserialize([UInt8](data), path: path)
    }

    /// Writes the model file.
    func save(path: String) throws {
        let bytes = serialized()
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw ParserModelError.unreadable(path: path)
        }
    }
}

extension ParserModel {
    /// Copy with all quantised weights of magnitude below `threshold` removed.
    func pruned(below threshold: Int16) -> ParserModel {
        let t = Int(threshold)
        let aValues = actions.values.map { abs(Int($0)) < t ? 0 : $0 }
        return ParserModel(
            labels: labels, rootLabel: rootLabel,
            actions: QuantizedDenseTable(rowBits: actions.rowBits, classes: actions.classCount, scale: actions.scale, values: aValues),
            labelTable: Self.pruneSparse(labelTable, t))
    }

    static func pruneSparse(_ tb: QuantizedSparseTable, _ t: Int) -> QuantizedSparseTable {
        var offsets = [UInt32](repeating: 0, count: tb.offsets.count)
        var classes: [UInt8] = []
        var values: [Int16] = []
        for r in 0..<(tb.offsets.count - 1) {
            for j in Int(tb.offsets[r])..<Int(tb.offsets[r + 1]) where abs(Int(tb.values[j])) >= t {
                classes.append(tb.classes[j])
                values.append(tb.values[j])
            }
            offsets[r + 1] = UInt32(values.count)
        }
        return QuantizedSparseTable(rowBits: tb.rowBits, classCount: tb.classCount,
                                    scale: tb.scale, offsets: offsets, classes: classes, values: values)
    }

    /// Human-readable size statistics.
    var statistics: String {
        let rows = actions.values.count / actions.classCount
        var nzRows = 0
        for r in 0..<rows {
            for k in 0..<actions.classCount where actions.values[r * actions.classCount + k] != 0 { nzRows += 1; break }
        }
        return "action rows \(nzRows)/\(rows), label entries \(labelTable.values.count)"
    }
}

extension DependencyParser {
    /// A copy of this parser whose quantised weights below `threshold` (in quantisation units,
    /// max weight = 32767) are dropped, shrinking the model file.
    public func pruned(below threshold: Int) -> DependencyParser {
        DependencyParser(model: model.pruned(below: Int16(clamping: threshold)))
    }

    /// Size statistics of the loaded model.
    public var modelStatistics: String { model.statistics }
}
