#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The immutable snapshot file: a header (magic, format version, generation), a table of sections
/// (offset, length, element count, checksum) with its own checksum, then the sections — the graph's
/// columns written as they are in memory.
///
/// Indexes and hash tables are not stored: opening rebuilds them in linear time.
enum Snapshot {
    static let magic: [UInt8] = Array("NGSTORE\n".utf8)
    static let formatVersion: UInt32 = 1
    static let headerSize = 32
    static let entrySize = 40

    /// Section ids; unknown ids in a file of the same version are an error, never skipped silently.
    enum Section: UInt32, CaseIterable {
        case termArena = 1, termOffsets, subjects, relations, objects, flags, relationTexts
        case argumentFacts, argumentRoles, argumentValues
        case provenanceFacts, provenanceDocuments, provenanceSentenceIndexes, provenanceSentences
        case documents, entityTypes, aliases, feeds, importedSources, metadata
    }

    struct Metadata: Equatable {
        var generation: UInt64
        var lastIngest: String?
    }

    // MARK: - Writing

    /// Writes `graph` to `path` atomically: a temporary file in the same directory, fsynced, renamed,
    /// and the directory fsynced. On any error the temporary file is removed and `path` is untouched.
    static func write(_ graph: KnowledgeGraph, metadata: Metadata, to path: String, directory: String) throws(StoreError) {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = try FileIO.open(temporary, O_WRONLY | O_CREAT | O_TRUNC)
        do {
            try writeSections(graph, metadata: metadata, descriptor: descriptor, path: temporary)
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

    private struct Payload {
        var section: Section
        var count: Int
        var write: (Int32, String) throws(StoreError) -> Void
        var bytes: Int
        var checksum: UInt64
    }

    private static func payload<T>(_ section: Section, _ array: [T]) -> Payload {
        Payload(
            section: section, count: array.count,
            write: { (descriptor, path) throws(StoreError) in
                try withBytes(of: array) { (raw) throws(StoreError) in try FileIO.write(descriptor, raw, path: path) }
            },
            bytes: array.count * MemoryLayout<T>.stride, checksum: Hashing.checksum(array))
    }

    private static func writeSections(_ graph: KnowledgeGraph, metadata: Metadata, descriptor: Int32, path: String) throws(StoreError) {
        var documentColumns: [UInt32] = []
        documentColumns.reserveCapacity(graph.documents.count * 5)
        for document in graph.documents {
            documentColumns += [document.id, document.url, document.title, document.published, document.feed]
        }
        var relationTexts: [UInt32] = []
        for (row, text) in graph.relationTexts.sorted(by: { $0.key < $1.key }) { relationTexts += [row, text] }
        var entityTypes: [UInt32] = []
        for entity in graph.typedEntities { entityTypes += [entity, UInt32(graph.entityTypes[entity]?.rawValue ?? 0)] }
        var aliases: [UInt32] = []
        for pair in graph.aliasPairs { aliases += [pair.entity, pair.alias] }
        var feeds = ByteWriter()
        feeds.varint(graph.feeds.count)
        for feed in graph.feeds { feed.encode(into: &feeds) }
        var imported = ByteWriter()
        imported.varint(graph.importedSources.count)
        for source in graph.importedSources.sorted() { imported.string(source) }
        var meta = ByteWriter()
        meta.fixed(metadata.generation)
        meta.optionalString(metadata.lastIngest)

        let payloads: [Payload] = [
            payload(.termArena, graph.terms.storedArena), payload(.termOffsets, graph.terms.storedOffsets),
            payload(.subjects, graph.subjects), payload(.relations, graph.relations), payload(.objects, graph.objects),
            payload(.flags, graph.flags), payload(.relationTexts, relationTexts),
            payload(.argumentFacts, graph.argumentFacts), payload(.argumentRoles, graph.argumentRoles),
            payload(.argumentValues, graph.argumentValues), payload(.provenanceFacts, graph.provenanceFacts),
            payload(.provenanceDocuments, graph.provenanceDocuments),
            payload(.provenanceSentenceIndexes, graph.provenanceSentenceIndexes),
            payload(.provenanceSentences, graph.provenanceSentences), payload(.documents, documentColumns),
            payload(.entityTypes, entityTypes), payload(.aliases, aliases), payload(.feeds, feeds.bytes),
            payload(.importedSources, imported.bytes), payload(.metadata, meta.bytes),
        ]
        var header = ByteWriter()
        header.bytes += magic
        header.fixed(formatVersion)
        header.fixed(UInt32(payloads.count))
        header.fixed(metadata.generation)
        header.fixed(UInt64(0))
        var offset = UInt64(headerSize + payloads.count * entrySize + 8)
        offset = (offset + 7) & ~7
        for payload in payloads {
            header.fixed(payload.section.rawValue)
            header.fixed(UInt32(0))
            header.fixed(offset)
            header.fixed(UInt64(payload.bytes))
            header.fixed(UInt64(payload.count))
            header.fixed(payload.checksum)
            offset = (offset + UInt64(payload.bytes) + 7) & ~7
        }
        let headerChecksum = header.bytes.withUnsafeBytes { Hashing.hash($0, seed: 0x4844) }
        header.fixed(headerChecksum)
        while header.bytes.count % 8 != 0 { header.bytes.append(0) }
        try FileIO.write(descriptor, header.bytes, path: path)
        var written = header.bytes.count
        for payload in payloads {
            try payload.write(descriptor, path)
            written += payload.bytes
            let padding = (8 - written % 8) % 8
            if padding > 0 {
                try FileIO.write(descriptor, [UInt8](repeating: 0, count: padding), path: path)
                written += padding
            }
        }
    }

    // MARK: - Reading

    /// Reads a snapshot into a new graph (indexes rebuilt).
    /// - Complexity: O(size of the file).
    static func read(_ path: String) throws(StoreError) -> (KnowledgeGraph, Metadata) {
        let descriptor = try FileIO.open(path, O_RDONLY)
        defer { close(descriptor) }
        let fileSize = try FileIO.size(descriptor, path: path)
        var head = [UInt8](repeating: 0, count: min(fileSize, headerSize))
        try readExactly(descriptor, into: &head, at: 0, path: path)
        guard head.count == headerSize, Array(head[0..<8]) == magic else {
            throw .notAStore(path: path, detail: "it does not start with the NewsGraph snapshot magic")
        }
        let version = head.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self)) }
        guard version <= formatVersion else { throw .newerFormat(path: path, version: version, supported: formatVersion) }
        let sectionCount = head.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 12, as: UInt32.self))) }
        guard sectionCount <= 64 else { throw .corrupt(file: path, offset: 12, detail: "implausible section count \(sectionCount)") }
        let tableEnd = headerSize + sectionCount * entrySize
        guard fileSize >= tableEnd + 8 else { throw .corrupt(file: path, offset: fileSize, detail: "truncated section table") }
        var table = [UInt8](repeating: 0, count: tableEnd + 8)
        try readExactly(descriptor, into: &table, at: 0, path: path)
        let expected = table.withUnsafeBytes { Hashing.hash(UnsafeRawBufferPointer(rebasing: $0[0..<tableEnd]), seed: 0x4844) }
        let stored = table.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: tableEnd, as: UInt64.self)) }
        guard expected == stored else { throw .corrupt(file: path, offset: 0, detail: "the header checksum does not match") }

        struct Entry {
            var offset: Int
            var bytes: Int
            var count: Int
            var checksum: UInt64
        }
        var entries: [Section: Entry] = [:]
        for index in 0..<sectionCount {
            let base = headerSize + index * entrySize
            let (id, offset, bytes, count, checksum) = table.withUnsafeBytes { raw in
                (UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: base, as: UInt32.self)),
                 UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self)),
                 UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 16, as: UInt64.self)),
                 UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 24, as: UInt64.self)),
                 UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 32, as: UInt64.self)))
            }
            guard let section = Section(rawValue: id) else {
                throw .corrupt(file: path, offset: base, detail: "unknown section \(id)")
            }
            guard offset <= UInt64(fileSize), bytes <= UInt64(fileSize) - offset else {
                throw .corrupt(file: path, offset: Int(clamping: offset), detail: "section \(section) extends past the end of the file (truncated snapshot)")
            }
            entries[section] = Entry(offset: Int(offset), bytes: Int(bytes), count: Int(count), checksum: checksum)
        }

        func array<T: FixedWidthInteger>(_ section: Section, _ type: T.Type) throws(StoreError) -> [T] {
            guard let entry = entries[section] else { throw .corrupt(file: path, offset: 0, detail: "section \(section) is missing") }
            guard entry.count * MemoryLayout<T>.stride == entry.bytes else {
                throw .corrupt(file: path, offset: entry.offset, detail: "section \(section) has a wrong size")
            }
            var values = [T](repeating: 0, count: entry.count)
            try withMutableBytes(of: &values) { (raw) throws(StoreError) in
                try readExactly(descriptor, into: raw, at: entry.offset, path: path)
            }
            guard Hashing.checksum(values) == entry.checksum else {
                throw .corrupt(file: path, offset: entry.offset, detail: "section \(section) fails its checksum")
            }
            return values
        }

        let graph = KnowledgeGraph(empty: ())
        let arena = try array(.termArena, UInt8.self)
        let offsets = try array(.termOffsets, UInt32.self)
        guard offsets.first == 0, Int(offsets.last ?? 1) == arena.count, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw .corrupt(file: path, offset: entries[.termOffsets]?.offset ?? 0, detail: "term offsets are inconsistent")
        }
        graph.terms = TermDictionary(arena: arena, offsets: offsets)
        let termCount = UInt32(graph.terms.count)
        graph.subjects = try array(.subjects, UInt32.self)
        graph.relations = try array(.relations, UInt32.self)
        graph.objects = try array(.objects, UInt32.self)
        graph.flags = try array(.flags, UInt16.self)
        let factCount = graph.subjects.count
        guard graph.relations.count == factCount, graph.objects.count == factCount, graph.flags.count == factCount,
            graph.subjects.allSatisfy({ $0 < termCount }), graph.relations.allSatisfy({ $0 < termCount }),
            graph.objects.allSatisfy({ $0 < termCount })
        else { throw .corrupt(file: path, offset: entries[.subjects]?.offset ?? 0, detail: "fact columns are inconsistent") }
        let texts = try array(.relationTexts, UInt32.self)
        for pair in stride(from: 0, to: texts.count - 1, by: 2) { graph.relationTexts[texts[pair]] = texts[pair + 1] }
        graph.argumentFacts = try array(.argumentFacts, UInt32.self)
        graph.argumentRoles = try array(.argumentRoles, UInt32.self)
        graph.argumentValues = try array(.argumentValues, UInt32.self)
        graph.provenanceFacts = try array(.provenanceFacts, UInt32.self)
        graph.provenanceDocuments = try array(.provenanceDocuments, UInt32.self)
        graph.provenanceSentenceIndexes = try array(.provenanceSentenceIndexes, UInt32.self)
        graph.provenanceSentences = try array(.provenanceSentences, UInt32.self)
        let documentColumns = try array(.documents, UInt32.self)
        for base in stride(from: 0, to: documentColumns.count - 4, by: 5) {
            graph.documentIndex[documentColumns[base]] = UInt32(graph.documents.count)
            graph.documents.append(
                KnowledgeGraph.StoredDocument(
                    id: documentColumns[base], url: documentColumns[base + 1], title: documentColumns[base + 2],
                    published: documentColumns[base + 3], feed: documentColumns[base + 4]))
        }
        let types = try array(.entityTypes, UInt32.self)
        for base in stride(from: 0, to: types.count - 1, by: 2) {
            if let type = EntityType(rawValue: UInt8(truncatingIfNeeded: types[base + 1])) { graph.setType(types[base], type) }
        }
        let aliases = try array(.aliases, UInt32.self)
        for base in stride(from: 0, to: aliases.count - 1, by: 2) { graph.addAlias(entity: aliases[base], alias: aliases[base + 1]) }
        let feeds = try array(.feeds, UInt8.self)
        let imported = try array(.importedSources, UInt8.self)
        let meta = try array(.metadata, UInt8.self)
        var metadata = Metadata(generation: 0, lastIngest: nil)
        try withBytes(of: feeds) { (raw) throws(StoreError) in
            var reader = ByteReader(raw, file: path, fileOffset: entries[.feeds]?.offset ?? 0)
            for _ in 0..<(try reader.count()) { graph.feeds.append(try FeedRecord.decode(&reader)) }
        }
        try withBytes(of: imported) { (raw) throws(StoreError) in
            var reader = ByteReader(raw, file: path, fileOffset: entries[.importedSources]?.offset ?? 0)
            for _ in 0..<(try reader.count()) { graph.importedSources.insert(try reader.string()) }
        }
        try withBytes(of: meta) { (raw) throws(StoreError) in
            var reader = ByteReader(raw, file: path, fileOffset: entries[.metadata]?.offset ?? 0)
            metadata.generation = try reader.fixed(UInt64.self)
            metadata.lastIngest = try reader.optionalString()
        }
        try checkReferences(graph, path: path) { entries[$0]?.offset ?? 0 }
        graph.rebuildIndexes()
        return (graph, metadata)
    }

    /// Checks that every column refers to terms, facts and documents that exist and that the argument and
    /// provenance columns are in fact order (they are searched by bisection). Checksums catch damage, not a
    /// faulty or crafted file: without this, such a file would open and crash a later query.
    /// - Complexity: O(size of the graph).
    private static func checkReferences(_ graph: KnowledgeGraph, path: String, offset: (Section) -> Int) throws(StoreError) {
        let terms = UInt32(graph.terms.count)
        let facts = UInt32(graph.factCount)
        func fail(_ section: Section, _ detail: String) -> StoreError {
            .corrupt(file: path, offset: offset(section), detail: "section \(section): \(detail)")
        }
        func isTerm(_ id: UInt32) -> Bool { id < terms }
        func isOptionalTerm(_ id: UInt32) -> Bool { id < terms || id == KnowledgeGraph.none }
        func isSorted(_ rows: [UInt32]) -> Bool { zip(rows, rows.dropFirst()).allSatisfy { $0 <= $1 } }

        let arguments = graph.argumentFacts.count
        guard graph.argumentRoles.count == arguments, graph.argumentValues.count == arguments else {
            throw fail(.argumentFacts, "argument columns differ in length")
        }
        guard graph.argumentFacts.allSatisfy({ $0 < facts }), isSorted(graph.argumentFacts) else {
            throw fail(.argumentFacts, "arguments refer to missing facts or are out of order")
        }
        guard graph.argumentRoles.allSatisfy(isTerm), graph.argumentValues.allSatisfy(isTerm) else {
            throw fail(.argumentValues, "arguments refer to missing terms")
        }
        let provenance = graph.provenanceFacts.count
        guard graph.provenanceDocuments.count == provenance, graph.provenanceSentenceIndexes.count == provenance,
              graph.provenanceSentences.count == provenance
        else { throw fail(.provenanceFacts, "provenance columns differ in length") }
        guard graph.provenanceFacts.allSatisfy({ $0 < facts }), isSorted(graph.provenanceFacts) else {
            throw fail(.provenanceFacts, "provenance refers to missing facts or is out of order")
        }
        let documents = UInt32(graph.documents.count)
        guard graph.provenanceDocuments.allSatisfy({ $0 < documents }) else { throw fail(.provenanceDocuments, "provenance refers to missing documents") }
        guard graph.provenanceSentences.allSatisfy(isOptionalTerm) else { throw fail(.provenanceSentences, "provenance refers to missing terms") }
        guard graph.relationTexts.allSatisfy({ $0.key < facts && isTerm($0.value) }) else {
            throw fail(.relationTexts, "relation texts refer to missing facts or terms")
        }
        guard graph.documents.allSatisfy({ isTerm($0.id) && isOptionalTerm($0.url) && isOptionalTerm($0.title)
            && isOptionalTerm($0.published) && isOptionalTerm($0.feed) })
        else { throw fail(.documents, "documents refer to missing terms") }
        guard graph.typedEntities.allSatisfy(isTerm) else { throw fail(.entityTypes, "entity types refer to missing terms") }
        guard graph.aliasPairs.allSatisfy({ isTerm($0.entity) && isTerm($0.alias) }) else { throw fail(.aliases, "aliases refer to missing terms") }
    }

    private static func readExactly(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int, path: String) throws(StoreError) {
        var done = 0
        while done < buffer.count {
            guard let base = buffer.baseAddress else { return }
            let count = pread(descriptor, base + done, buffer.count - done, off_t(offset + done))
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "reading", message: FileIO.errorMessage())
            }
            if count == 0 { throw .corrupt(file: path, offset: offset + done, detail: "unexpected end of file (truncated snapshot)") }
            done += count
        }
    }

    private static func readExactly(_ descriptor: Int32, into bytes: inout [UInt8], at offset: Int, path: String) throws(StoreError) {
        try withMutableBytes(of: &bytes) { (raw) throws(StoreError) in try readExactly(descriptor, into: raw, at: offset, path: path) }
    }
}

extension KnowledgeGraph {
    /// A graph without even the type symbols, to be filled from a snapshot.
    convenience init(empty: Void) {
        self.init()
        terms = TermDictionary()
    }
}
