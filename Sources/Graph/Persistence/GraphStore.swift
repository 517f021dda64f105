#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Support

/// A knowledge graph kept on disk: a directory holding an immutable `snapshot`, a `journal` of the
/// transactions since, and the writers' `lock`.
///
/// Readers never block and always see the last committed state; one writer at a time appends one
/// fsynced journal record per transaction, so a crash leaves either the state before a transaction or
/// the state after it.
public final class GraphStore {
    public let path: String
    public private(set) var graph: KnowledgeGraph
    public private(set) var generation: UInt64
    /// When the last transaction was committed (ISO 8601), if ever.
    public private(set) var lastIngest: String?
    /// Things recovered from on opening, such as a torn journal tail.
    public private(set) var warnings: [String] = []
    private var lock: StoreLock?
    private var journalLength: Int = 0
    /// The format of the journal on disk; records appended to it are written in that format.
    private var journalVersion = Journal.formatVersion

    /// The journal size past which a commit compacts the store into a new snapshot.
    public var compactionThreshold = 32 << 20

    var snapshotPath: String { path + "/snapshot" }
    var journalPath: String { path + "/journal" }
    var lockPath: String { path + "/lock" }

    private init(path: String) {
        self.path = path
        self.graph = KnowledgeGraph()
        self.generation = 0
    }

    /// Opens a store for reading, without locking; fails when there is no store at `path`.
    public static func openForReading(at path: String) throws(StoreError) -> GraphStore {
        guard FileIO.exists(path) else { throw .missing(path: path) }
        guard FileIO.isDirectory(path) else { throw .notAStore(path: path, detail: "it is a file, not a store directory") }
        let store = GraphStore(path: path)
        var attempt = 0
        while true {
            do throws(StoreError) {
                try store.load(writable: false)
                return store
            } catch .corrupt(let file, let offset, let detail) where detail.hasPrefix("journal generation") && attempt < 5 {
                // A writer was compacting between our reads of snapshot and journal: read again.
                _ = (file, offset)
                attempt += 1
                usleep(20_000)
            }
        }
    }

    /// Opens a store for writing, creating it when missing. Waits up to `wait` seconds for another
    /// writer, then fails with a message naming it.
    public static func openForWriting(at path: String, wait: Double = 0) throws(StoreError) -> GraphStore {
        if !FileIO.exists(path) {
            try FileIO.makeDirectory(path)
        } else if !FileIO.isDirectory(path) {
            throw .notAStore(path: path, detail: "it is a file, not a store directory")
        }
        let store = GraphStore(path: path)
        store.lock = try StoreLock(path: store.lockPath, wait: wait)
        try store.load(writable: true)
        return store
    }

    private func load(writable: Bool) throws(StoreError) {
        warnings = []
        journalVersion = Journal.formatVersion
        if FileIO.exists(snapshotPath) {
            let (graph, metadata) = try Snapshot.read(snapshotPath)
            self.graph = graph
            generation = metadata.generation
            lastIngest = metadata.lastIngest
        } else {
            graph = KnowledgeGraph()
            generation = 0
            lastIngest = nil
        }
        guard FileIO.exists(journalPath) else {
            if writable { try createJournal(generation: generation) }
            journalLength = Journal.headerSize
            return
        }
        let contents = try Journal.read(journalPath)
        if contents.generation < generation {
            // A compaction finished its snapshot but not its new journal: everything is in the snapshot.
            if writable { try createJournal(generation: generation) }
            journalLength = Journal.headerSize
            return
        }
        guard contents.generation == generation else {
            throw .corrupt(file: journalPath, offset: 16,
                           detail: "journal generation \(contents.generation) does not follow snapshot generation \(generation)")
        }
        journalVersion = contents.version
        for (batch, committed) in contents.batches {
            graph.apply(batch)
            lastIngest = committed
        }
        journalLength = contents.validLength
        if let torn = contents.tornTail {
            if writable {
                let descriptor = try FileIO.open(journalPath, O_WRONLY)
                defer { close(descriptor) }
                try FileIO.truncate(descriptor, to: contents.validLength, path: journalPath)
                try FileIO.sync(descriptor, path: journalPath)
                warnings.append("recovered \(journalPath): \(torn); the journal was trimmed to its last complete transaction")
            } else {
                warnings.append("\(journalPath): \(torn)")
            }
        }
    }

    /// What a commit changed.
    public struct CommitResult: Sendable, Equatable {
        public var newDocuments: Int
        public var knownDocuments: Int
        public var newFacts: Int
    }

    /// Commits `batch` as one transaction: articles already stored (and their facts) are left out, the
    /// rest is appended to the journal and fsynced, then applied in memory.
    /// - Throws: `StoreError` when writing fails; the store on disk is then unchanged.
    @discardableResult
    public func commit(_ batch: GraphBatch) throws(StoreError) -> CommitResult {
        precondition(lock != nil, "commit needs a store opened for writing")
        var fresh = GraphBatch()
        var seen = Set<String>()
        var known = Set<String>()
        for document in batch.documents {
            if graph.containsDocument(id: document.id) || !seen.insert(document.id).inserted {
                known.insert(document.id)
            } else {
                fresh.documents.append(document)
            }
        }
        let knownCount = batch.documents.count - fresh.documents.count
        fresh.facts = batch.facts.filter { fact in fact.document.map { seen.contains($0) } ?? true }
        fresh.entities = batch.entities
        fresh.aliases = batch.aliases
        fresh.feeds = batch.feeds
        fresh.importedSources = batch.importedSources.filter { !graph.containsImport($0) }
        fresh.renames = batch.renames
        guard !fresh.isEmpty else { return CommitResult(newDocuments: 0, knownDocuments: knownCount, newFacts: 0) }
        // A journal of an older format cannot hold renames: start a current one (snapshot first) before writing them.
        if !fresh.renames.isEmpty && journalVersion < 2 { try compact(journalVersion: Journal.formatVersion) }
        let committed = Timestamp.now()
        try append(Journal.record(fresh, committed: committed, version: journalVersion))
        let (documents, facts) = graph.apply(fresh)
        lastIngest = committed
        if journalLength > compactionThreshold { try compact() }
        return CommitResult(newDocuments: documents, knownDocuments: knownCount, newFacts: facts)
    }

    private func append(_ record: [UInt8]) throws(StoreError) {
        let descriptor = try FileIO.open(journalPath, O_WRONLY)
        defer { close(descriptor) }
        do {
            _ = lseek(descriptor, off_t(journalLength), SEEK_SET)
            try FileIO.write(descriptor, record, path: journalPath)
            try FileIO.sync(descriptor, path: journalPath)
        } catch {
            // Leave the journal as it was; if even this fails, the torn tail is ignored on the next open.
            let budget = FileIO.writeBudget
            FileIO.writeBudget = nil
            _ = ftruncate(descriptor, off_t(journalLength))
            _ = fsync(descriptor)
            FileIO.writeBudget = budget
            throw error
        }
        journalLength += record.count
    }

    /// Writes the whole graph as a new snapshot and starts an empty journal.
    public func compact() throws(StoreError) {
        try compact(journalVersion: Journal.plainFormatVersion)
    }

    private func compact(journalVersion version: UInt32) throws(StoreError) {
        precondition(lock != nil, "compaction needs a store opened for writing")
        let next = generation + 1
        try Snapshot.write(graph, metadata: Snapshot.Metadata(generation: next, lastIngest: lastIngest), to: snapshotPath, directory: path)
        generation = next
        try createJournal(generation: next, version: version)
        journalLength = Journal.headerSize
    }

    /// Starts an empty journal; records without renames need only the plain format.
    private func createJournal(generation: UInt64, version: UInt32 = Journal.plainFormatVersion) throws(StoreError) {
        try Journal.create(at: journalPath, generation: generation, directory: path, version: version)
        journalVersion = version
    }

    /// Adds facts straight to the in-memory graph and then compacts: the fast path of bulk imports,
    /// still atomic on disk (the new snapshot replaces the old one by rename).
    public func bulkLoad(_ load: (KnowledgeGraph) throws(StoreError) -> Void) throws(StoreError) {
        precondition(lock != nil, "bulk loading needs a store opened for writing")
        try load(graph)
        lastIngest = Timestamp.now()
        graph.ensureIndexed(force: true)
        try compact()
    }

    /// Sizes of the files on disk.
    public var fileSizes: (snapshot: Int, journal: Int) {
        func size(_ path: String) -> Int {
            var info = stat()
            return stat(path, &info) == 0 ? Int(info.st_size) : 0
        }
        return (size(snapshotPath), size(journalPath))
    }
}
