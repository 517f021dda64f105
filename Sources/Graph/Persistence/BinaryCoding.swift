/// Little-endian binary encoding for snapshots and journal records.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func fixed<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// LEB128 unsigned varint.
    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func varint(_ value: Int) { varint(UInt64(max(0, value))) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            varint(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optionalString(_ value: String?) {
        if let value {
            bytes.append(1)
            string(value)
        } else {
            bytes.append(0)
        }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func double(_ value: Double) { fixed(value.bitPattern) }
}

/// Reads what `ByteWriter` wrote, with bounds checks that throw instead of trapping.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset: Int
    /// Where `bytes` starts in the file, for error messages.
    let fileOffset: Int
    let file: String

    init(_ bytes: UnsafeRawBufferPointer, file: String, fileOffset: Int = 0) {
        self.bytes = bytes
        self.offset = 0
        self.fileOffset = fileOffset
        self.file = file
    }

    var remaining: Int { bytes.count - offset }

    func corrupt(_ what: String) -> StoreError {
        .corrupt(file: file, offset: fileOffset + offset, detail: what)
    }

    mutating func fixed<T: FixedWidthInteger>(_ type: T.Type) throws(StoreError) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw corrupt("unexpected end of data") }
        let value = bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
        offset += size
        return T(littleEndian: value)
    }

    mutating func varint() throws(StoreError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard remaining > 0, shift < 64 else { throw corrupt("bad varint") }
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    mutating func count(limit: Int = Int(Int32.max)) throws(StoreError) -> Int {
        let value = try varint()
        guard value <= UInt64(limit) else { throw corrupt("count \(value) out of range") }
        return Int(value)
    }

    mutating func string() throws(StoreError) -> String {
        let length = try count(limit: remaining)
        let value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
        offset += length
        return value
    }

    mutating func optionalString() throws(StoreError) -> String? {
        try bool() ? try string() : nil
    }

    mutating func bool() throws(StoreError) -> Bool {
        guard remaining > 0 else { throw corrupt("unexpected end of data") }
        let byte = bytes[offset]
        offset += 1
        guard byte <= 1 else { throw corrupt("bad boolean \(byte)") }
        return byte == 1
    }

    mutating func double() throws(StoreError) -> Double {
        Double(bitPattern: try fixed(UInt64.self))
    }
}

/// The binary form of a batch, the payload of a journal record. Journal format 2 added the renames at the
/// end; a batch encoded for format 1 must have none.
extension GraphBatch {
    func encoded(version: UInt32 = Journal.formatVersion) -> [UInt8] {
        precondition(version >= 2 || renames.isEmpty, "journal format \(version) cannot hold entity renames")
        var writer = ByteWriter()
        writer.varint(documents.count)
        for document in documents {
            writer.string(document.id)
            writer.string(document.url)
            writer.string(document.title)
            writer.optionalString(document.published)
            writer.optionalString(document.feed)
        }
        writer.varint(entities.count)
        for entity in entities {
            writer.string(entity.name)
            writer.bytes.append(entity.type.rawValue)
        }
        writer.varint(aliases.count)
        for alias in aliases {
            writer.string(alias.entity)
            writer.string(alias.alias)
        }
        writer.varint(facts.count)
        for fact in facts {
            writer.string(fact.subject)
            writer.string(fact.relation)
            writer.optionalString(fact.relationText)
            writer.string(fact.object)
            writer.bool(fact.negated)
            writer.double(fact.confidence)
            writer.varint(fact.arguments.count)
            for argument in fact.arguments {
                writer.string(argument.role)
                writer.string(argument.value)
            }
            writer.optionalString(fact.document)
            writer.varint(fact.sentenceIndex)
            writer.optionalString(fact.sentence)
        }
        writer.varint(feeds.count)
        for feed in feeds { feed.encode(into: &writer) }
        writer.varint(importedSources.count)
        for source in importedSources { writer.string(source) }
        if version >= 2 {
            writer.varint(renames.count)
            for rename in renames {
                writer.string(rename.from)
                writer.string(rename.to)
            }
        }
        return writer.bytes
    }

    static func decode(_ reader: inout ByteReader, version: UInt32 = Journal.formatVersion) throws(StoreError) -> GraphBatch {
        var batch = GraphBatch()
        for _ in 0..<(try reader.count()) {
            batch.documents.append(
                DocumentRecord(
                    id: try reader.string(), url: try reader.string(), title: try reader.string(),
                    published: try reader.optionalString(), feed: try reader.optionalString()))
        }
        for _ in 0..<(try reader.count()) {
            let name = try reader.string()
            guard let type = EntityType(rawValue: try reader.fixed(UInt8.self)) else { throw reader.corrupt("bad entity type") }
            batch.entities.append(EntityRecord(name: name, type: type))
        }
        for _ in 0..<(try reader.count()) {
            batch.aliases.append(AliasRecord(entity: try reader.string(), alias: try reader.string()))
        }
        for _ in 0..<(try reader.count()) {
            let subject = try reader.string()
            let relation = try reader.string()
            let relationText = try reader.optionalString()
            let object = try reader.string()
            let negated = try reader.bool()
            let confidence = try reader.double()
            var arguments: [FactArgument] = []
            for _ in 0..<(try reader.count()) {
                arguments.append(FactArgument(role: try reader.string(), value: try reader.string()))
            }
            batch.facts.append(
                FactRecord(
                    subject: subject, relation: relation, relationText: relationText, object: object, negated: negated,
                    confidence: confidence, arguments: arguments, document: try reader.optionalString(),
                    sentenceIndex: try reader.count(), sentence: try reader.optionalString()))
        }
        for _ in 0..<(try reader.count()) { batch.feeds.append(try FeedRecord.decode(&reader)) }
        for _ in 0..<(try reader.count()) { batch.importedSources.append(try reader.string()) }
        if version >= 2 {
            for _ in 0..<(try reader.count()) { batch.renames.append(EntityRename(from: try reader.string(), to: try reader.string())) }
        }
        return batch
    }
}

extension FeedRecord {
    func encode(into writer: inout ByteWriter) {
        writer.string(url)
        writer.optionalString(title)
        writer.optionalString(etag)
        writer.optionalString(lastModified)
        writer.optionalString(lastSuccess)
        writer.optionalString(lastError)
        writer.varint(consecutiveFailures)
        writer.bool(disabled)
        writer.bool(removed)
    }

    static func decode(_ reader: inout ByteReader) throws(StoreError) -> FeedRecord {
        FeedRecord(
            url: try reader.string(), title: try reader.optionalString(), etag: try reader.optionalString(),
            lastModified: try reader.optionalString(), lastSuccess: try reader.optionalString(),
            lastError: try reader.optionalString(), consecutiveFailures: try reader.count(), disabled: try reader.bool(),
            removed: try reader.bool())
    }
}
