#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The append-only journal of transactions since the last snapshot.
///
/// File: a 24-byte header (magic, format version, the generation of the snapshot it extends), then
/// records: `"NGR1"`, payload length, payload checksum, a checksum of those 16 header bytes, and the
/// payload (commit time and the encoded batch). Format 2 added entity renames to the batch; a format 1
/// journal is still read and appended to, in its own format. A record cut short at the end of the file is a torn
/// write and is ignored (and trimmed by the next writer); damage anywhere else is refused with its offset.
enum Journal {
    static let magic: [UInt8] = Array("NGJRNL\n\0".utf8)
    static let formatVersion: UInt32 = 2
    /// The oldest format that holds every record without renames. New journals start in it, so a store
    /// that never saw a rename stays readable by NewsGraph versions before renames; the first rename
    /// compacts into a `formatVersion` journal.
    static let plainFormatVersion: UInt32 = 1
    static let headerSize = 24
    static let recordMagic: UInt32 = 0x3152_474E  // "NGR1"
    static let recordHeaderSize = 20

    struct Contents {
        /// The format version of the journal's records.
        var version: UInt32
        var generation: UInt64
        var batches: [(batch: GraphBatch, committed: String)]
        /// Bytes of the file that hold complete, valid records.
        var validLength: Int
        /// Set when a torn record was found at the end.
        var tornTail: String?
    }

    static func header(generation: UInt64, version: UInt32 = formatVersion) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes += magic
        writer.fixed(version)
        writer.fixed(UInt32(0))
        writer.fixed(generation)
        return writer.bytes
    }

    /// Creates an empty journal for `generation` atomically (temporary file, fsync, rename).
    static func create(at path: String, generation: UInt64, directory: String, version: UInt32 = formatVersion) throws(StoreError) {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = try FileIO.open(temporary, O_WRONLY | O_CREAT | O_TRUNC)
        do {
            try FileIO.write(descriptor, header(generation: generation, version: version), path: temporary)
            try FileIO.sync(descriptor, path: temporary)
            close(descriptor)
            try FileIO.rename(temporary, path)
            try FileIO.syncDirectory(directory)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
    }

    /// The bytes of one record, for a journal of format `version`.
    static func record(_ batch: GraphBatch, committed: String, version: UInt32 = formatVersion) -> [UInt8] {
        var payload = ByteWriter()
        payload.string(committed)
        payload.bytes += batch.encoded(version: version)
        var record = ByteWriter()
        record.fixed(recordMagic)
        record.fixed(UInt32(payload.bytes.count))
        record.fixed(payload.bytes.withUnsafeBytes { Hashing.hash($0, seed: 0x4A52) })
        let headerChecksum = record.bytes.withUnsafeBytes { UInt32(truncatingIfNeeded: Hashing.hash($0, seed: 0x5248)) }
        record.fixed(headerChecksum)
        record.bytes += payload.bytes
        return record.bytes
    }

    /// Reads and checks a whole journal.
    static func read(_ path: String) throws(StoreError) -> Contents {
        let bytes = try FileIO.readAll(path)
        return try withBytes(of: bytes) { (raw) throws(StoreError) in try parse(raw, path: path) }
    }

    static func parse(_ raw: UnsafeRawBufferPointer, path: String) throws(StoreError) -> Contents {
        guard raw.count >= headerSize, Array(raw[0..<8]) == magic else {
            if raw.count < headerSize && Array(raw.prefix(min(raw.count, 8))) == Array(magic.prefix(min(raw.count, 8))) {
                throw .corrupt(file: path, offset: raw.count, detail: "the journal header is truncated")
            }
            throw .notAStore(path: path, detail: "it does not start with the NewsGraph journal magic")
        }
        let version = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        guard version <= formatVersion else { throw .newerFormat(path: path, version: version, supported: formatVersion) }
        let generation = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        var contents = Contents(version: version, generation: generation, batches: [], validLength: headerSize, tornTail: nil)
        var offset = headerSize
        while offset < raw.count {
            let remaining = raw.count - offset
            guard remaining >= recordHeaderSize else {
                contents.tornTail = "a torn record of \(remaining) bytes at byte offset \(offset) was ignored"
                break
            }
            let magicValue = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)))
            let payloadChecksum = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            let headerChecksum = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt32.self))
            let expectedHeader = UInt32(truncatingIfNeeded: Hashing.hash(UnsafeRawBufferPointer(rebasing: raw[offset..<offset + 16]), seed: 0x5248))
            guard magicValue == recordMagic, headerChecksum == expectedHeader else {
                if raw[offset...].allSatisfy({ $0 == 0 }) {
                    contents.tornTail = "\(remaining) zero bytes at byte offset \(offset) (an interrupted write) were ignored"
                    break
                }
                throw .corrupt(file: path, offset: offset, detail: "a journal record header is damaged")
            }
            let end = offset + recordHeaderSize + length
            guard end <= raw.count else {
                contents.tornTail = "a torn record at byte offset \(offset) (\(remaining) of \(recordHeaderSize + length) bytes) was ignored"
                break
            }
            let payload = UnsafeRawBufferPointer(rebasing: raw[(offset + recordHeaderSize)..<end])
            guard Hashing.hash(payload, seed: 0x4A52) == payloadChecksum else {
                if end == raw.count {
                    contents.tornTail = "the last record at byte offset \(offset) fails its checksum (an interrupted write) and was ignored"
                    break
                }
                throw .corrupt(file: path, offset: offset, detail: "a journal record fails its checksum")
            }
            var reader = ByteReader(payload, file: path, fileOffset: offset + recordHeaderSize)
            let committed = try reader.string()
            let batch = try GraphBatch.decode(&reader, version: version)
            contents.batches.append((batch, committed))
            offset = end
            contents.validLength = end
        }
        return contents
    }
}
