/// The in-memory graph: interned terms, facts as columns of `UInt32`, their arguments and provenance,
/// articles, entity types, aliases and feeds, with adjacency indexes by subject, object and relation.
///
/// New facts land in a delta (the rows past `indexedCount`) that is scanned linearly and merged into
/// the indexes in batches, so appending stays O(1) and reads stay indexed.
public final class KnowledgeGraph: @unchecked Sendable {
    /// Interned strings; ids `0..<EntityType.allCases.count` are the type symbols.
    public internal(set) var terms = TermDictionary()

    // Fact columns, one entry per fact row.
    var subjects: [UInt32] = []
    var relations: [UInt32] = []
    var objects: [UInt32] = []
    var flags: [UInt16] = []
    /// Relation text where it differs from the lemma.
    var relationTexts: [UInt32: UInt32] = [:]

    // Arguments, in fact-row order.
    var argumentFacts: [UInt32] = []
    var argumentRoles: [UInt32] = []
    var argumentValues: [UInt32] = []

    // Provenance, in fact-row order.
    var provenanceFacts: [UInt32] = []
    var provenanceDocuments: [UInt32] = []
    var provenanceSentenceIndexes: [UInt32] = []
    var provenanceSentences: [UInt32] = []

    // Articles.
    var documents: [StoredDocument] = []
    var documentIndex: [UInt32: UInt32] = [:]

    // Entities.
    var entityTypes: [UInt32: EntityType] = [:]
    var typedEntities: [UInt32] = []
    var aliasPairs: [(entity: UInt32, alias: UInt32)] = []
    var aliasSet: Set<UInt64> = []

    // Feeds and imports.
    public internal(set) var feeds: [FeedRecord] = []
    var importedSources: Set<String> = []

    // Indexes over rows 0..<indexedCount.
    var bySubject = AdjacencyIndex()
    var byObject = AdjacencyIndex()
    var byRelation = AdjacencyIndex()
    var indexedCount = 0

    /// An article as term ids; `none` marks an absent value.
    struct StoredDocument: Sendable {
        var id: UInt32
        var url: UInt32
        var title: UInt32
        var published: UInt32
        var feed: UInt32
    }

    static let none = UInt32.max

    public init() {
        for type in EntityType.allCases { terms.intern(type.symbol) }
    }

    /// Number of facts.
    public var factCount: Int { subjects.count }
    public var documentCount: Int { documents.count }
    public var entityCount: Int { typedEntities.count }
    public var aliasCount: Int { aliasPairs.count }
    public var argumentCount: Int { argumentFacts.count }

    /// Number of distinct relation lemmas.
    public var relationCount: Int {
        ensureIndexed(force: true)
        var distinct = 0
        for key in 0..<byRelation.keySpace where byRelation.count(of: UInt32(key)) > 0 { distinct += 1 }
        return distinct
    }

    /// True when an article with this id was stored.
    public func containsDocument(id: String) -> Bool {
        guard let term = terms.lookup(id) else { return false }
        return documentIndex[term] != nil
    }

    /// True when a file with this content hash was imported.
    public func containsImport(_ hash: String) -> Bool { importedSources.contains(hash) }

    // MARK: - Appending

    /// Adds a batch. Articles already stored are skipped together with the facts read from them.
    /// - Returns: the number of new articles and facts.
    /// - Complexity: O(size of the batch), amortised.
    @discardableResult
    public func apply(_ batch: GraphBatch) -> (documents: Int, facts: Int) {
        var skippedDocuments = Set<String>()
        var newDocuments = 0
        for document in batch.documents {
            let id = terms.intern(document.id)
            if documentIndex[id] != nil {
                skippedDocuments.insert(document.id)
                continue
            }
            documentIndex[id] = UInt32(documents.count)
            documents.append(
                StoredDocument(
                    id: id, url: terms.intern(document.url), title: terms.intern(document.title),
                    published: document.published.map { terms.intern($0) } ?? Self.none,
                    feed: document.feed.map { terms.intern($0) } ?? Self.none))
            newDocuments += 1
        }
        for entity in batch.entities { setType(terms.intern(entity.name), entity.type) }
        for alias in batch.aliases { addAlias(entity: terms.intern(alias.entity), alias: terms.intern(alias.alias)) }
        var newFacts = 0
        reserveFacts(batch.facts.count)
        for fact in batch.facts {
            if let document = fact.document, skippedDocuments.contains(document) { continue }
            append(fact)
            newFacts += 1
        }
        for feed in batch.feeds { updateFeed(feed) }
        importedSources.formUnion(batch.importedSources)
        if !batch.renames.isEmpty { rename(batch.renames) }
        return (newDocuments, newFacts)
    }

    func reserveFacts(_ count: Int) {
        guard subjects.capacity < subjects.count + count else { return }
        let wanted = subjects.count + count
        subjects.reserveCapacity(wanted)
        relations.reserveCapacity(wanted)
        objects.reserveCapacity(wanted)
        flags.reserveCapacity(wanted)
    }

    /// Appends one fact; returns its row.
    @discardableResult
    func append(_ fact: FactRecord) -> UInt32 {
        let row = UInt32(subjects.count)
        let relation = terms.intern(fact.relation)
        appendTriple(subject: terms.intern(fact.subject), relation: relation, object: terms.intern(fact.object),
                     flags: FactFlags(confidence: fact.confidence, negated: fact.negated))
        if let text = fact.relationText {
            let textID = terms.intern(text)
            if textID != relation { relationTexts[row] = textID }
        }
        for argument in fact.arguments {
            argumentFacts.append(row)
            argumentRoles.append(terms.intern(argument.role))
            argumentValues.append(terms.intern(argument.value))
        }
        if let document = fact.document, let documentTerm = terms.lookup(document), let index = documentIndex[documentTerm] {
            provenanceFacts.append(row)
            provenanceDocuments.append(index)
            provenanceSentenceIndexes.append(UInt32(clamping: fact.sentenceIndex))
            provenanceSentences.append(fact.sentence.map { terms.intern($0) } ?? Self.none)
        }
        return row
    }

    /// Appends a bare triple (import's fast path).
    @inline(__always)
    func appendTriple(subject: UInt32, relation: UInt32, object: UInt32, flags: FactFlags = .asserted) {
        subjects.append(subject)
        relations.append(relation)
        objects.append(object)
        self.flags.append(flags.raw)
    }

    func setType(_ entity: UInt32, _ type: EntityType) {
        if entityTypes.updateValue(type, forKey: entity) == nil { typedEntities.append(entity) }
    }

    func addAlias(entity: UInt32, alias: UInt32) {
        if aliasSet.insert(UInt64(entity) << 32 | UInt64(alias)).inserted { aliasPairs.append((entity, alias)) }
    }

    func updateFeed(_ feed: FeedRecord) {
        if let index = feeds.firstIndex(where: { $0.url == feed.url }) {
            if feed.removed { feeds.remove(at: index) } else { feeds[index] = feed }
        } else if !feed.removed {
            feeds.append(feed)
        }
    }

    // MARK: - Indexes

    /// Rows past this are the unindexed delta.
    var deltaRange: Range<Int> { indexedCount..<subjects.count }

    /// Merges the delta into the indexes when it has grown past a batch.
    func ensureIndexed(force: Bool = false) {
        let delta = subjects.count - indexedCount
        guard delta > 0, force || delta > max(4096, indexedCount / 16) || indexedCount == 0 && delta > 256 else { return }
        rebuildIndexes()
    }

    /// Merges all pending facts into the indexes now (normally done lazily in batches).
    /// - Complexity: O(facts + terms).
    public func buildIndexes() { ensureIndexed(force: true) }

    /// Forgets the indexes: every fact is in the delta until the next read merges it (after renames moved
    /// indexed rows, which would otherwise need a rebuild per rename batch).
    func dropIndexes() {
        bySubject = AdjacencyIndex()
        byObject = AdjacencyIndex()
        byRelation = AdjacencyIndex()
        indexedCount = 0
    }

    func rebuildIndexes() {
        let keySpace = terms.count
        bySubject = AdjacencyIndex(keys: subjects, count: subjects.count, keySpace: keySpace)
        byObject = AdjacencyIndex(keys: objects, count: objects.count, keySpace: keySpace)
        byRelation = AdjacencyIndex(keys: relations, count: relations.count, keySpace: keySpace)
        indexedCount = subjects.count
    }

    // MARK: - Reading facts

    /// A fact as strings.
    public struct FactView: Sendable, Equatable {
        public var row: Int
        public var subject: String
        public var relation: String
        public var relationText: String
        public var object: String
        public var negated: Bool
        public var confidence: Double
        public var arguments: [FactArgument]
        public var document: String?
        public var sentenceIndex: Int?
        public var sentence: String?
    }

    /// The fact at `row` with its arguments and provenance.
    public func fact(at row: Int) -> FactView {
        let flags = FactFlags(raw: self.flags[row])
        let relation = terms.string(relations[row])
        let provenance = provenanceIndex(of: UInt32(row))
        return FactView(
            row: row, subject: terms.string(subjects[row]), relation: relation,
            relationText: relationTexts[UInt32(row)].map { terms.string($0) } ?? relation,
            object: terms.string(objects[row]), negated: flags.negated, confidence: flags.confidence,
            arguments: argumentRange(of: UInt32(row)).map {
                FactArgument(role: terms.string(argumentRoles[$0]), value: terms.string(argumentValues[$0]))
            },
            document: provenance.map { terms.string(documents[Int(provenanceDocuments[$0])].id) },
            sentenceIndex: provenance.map { Int(provenanceSentenceIndexes[$0]) },
            sentence: provenance.flatMap { provenanceSentences[$0] == Self.none ? nil : terms.string(provenanceSentences[$0]) })
    }

    /// A fact's triple as term ids, its negation and confidence, and whether it carries anything more
    /// (relation text, arguments, provenance): the cheap view for bulk export.
    /// - Complexity: O(log arguments + log provenance).
    public func compactFact(at row: Int) -> (subject: TermID, relation: TermID, object: TermID, negated: Bool, confidence: Double, hasDetails: Bool) {
        let flags = FactFlags(raw: self.flags[row])
        let details = relationTexts[UInt32(row)] != nil || !argumentRange(of: UInt32(row)).isEmpty || provenanceIndex(of: UInt32(row)) != nil
        return (subjects[row], relations[row], objects[row], flags.negated, flags.confidence, details)
    }

    /// The publication date (ISO 8601) of the article a fact was read from, if known.
    public func publishedDate(ofFact row: Int) -> String? {
        guard let index = provenanceIndex(of: UInt32(row)) else { return nil }
        let published = documents[Int(provenanceDocuments[index])].published
        return published == Self.none ? nil : terms.string(published)
    }

    /// The canonical entity for a name or alias, if the graph knows it.
    public func entity(named name: String) -> String? {
        guard let id = terms.lookup(name) else {
            return aliasPairs.first { terms.string($0.alias).lowercased() == name.lowercased() }.map { terms.string($0.entity) }
        }
        if entityTypes[id] != nil || bySubjectOrObject(id) { return name }
        if let pair = aliasPairs.first(where: { $0.alias == id }) { return terms.string(pair.entity) }
        return nil
    }

    private func bySubjectOrObject(_ id: UInt32) -> Bool {
        ensureIndexed()
        return bySubject.count(of: id) > 0 || byObject.count(of: id) > 0 || deltaRange.contains { subjects[$0] == id || objects[$0] == id }
    }

    /// Rows of the facts whose subject or object is `entity`, in row order.
    /// - Complexity: O(answer + delta).
    public func factRows(touching entity: String) -> [Int] {
        guard let id = terms.lookup(entity) else { return [] }
        ensureIndexed()
        var rows: [Int] = []
        rows.reserveCapacity(bySubject.count(of: id) + byObject.count(of: id))
        for i in bySubject.rows(for: id) { rows.append(Int(bySubject.rows[i])) }
        for i in byObject.rows(for: id) where subjects[Int(byObject.rows[i])] != id { rows.append(Int(byObject.rows[i])) }
        for row in deltaRange where subjects[row] == id || objects[row] == id { rows.append(row) }
        if !deltaRange.isEmpty || byObject.count(of: id) > 0 { rows.sort() }
        return rows
    }

    /// The range of argument positions belonging to fact `row` (arguments are stored in row order).
    func argumentRange(of row: UInt32) -> Range<Int> {
        let lower = Self.lowerBound(argumentFacts, row)
        var upper = lower
        while upper < argumentFacts.count && argumentFacts[upper] == row { upper += 1 }
        return lower..<upper
    }

    func provenanceIndex(of row: UInt32) -> Int? {
        let index = Self.lowerBound(provenanceFacts, row)
        return index < provenanceFacts.count && provenanceFacts[index] == row ? index : nil
    }

    static func lowerBound(_ array: [UInt32], _ value: UInt32) -> Int {
        var low = 0
        var high = array.count
        while low < high {
            let mid = (low + high) / 2
            if array[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// An article's metadata by its id.
    public func document(id: String) -> DocumentRecord? {
        guard let term = terms.lookup(id), let index = documentIndex[term] else { return nil }
        let document = documents[Int(index)]
        func optional(_ term: UInt32) -> String? { term == Self.none ? nil : terms.string(term) }
        return DocumentRecord(id: id, url: terms.string(document.url), title: terms.string(document.title),
                              published: optional(document.published), feed: optional(document.feed))
    }

    /// Names that start with `prefix` (case-insensitively) among entities: typed entities, aliases and
    /// every subject or object of a fact; for completion.
    /// - Complexity: O(terms).
    public func entityNames(withPrefix prefix: String, limit: Int) -> [String] {
        ensureIndexed(force: true)
        let needle = Array(prefix.lowercased().utf8)
        var found: [String] = []
        for id in 0..<UInt32(terms.count) {
            let matches = terms.withBytes(id) { bytes -> Bool in
                guard bytes.count >= needle.count else { return false }
                for (index, byte) in needle.enumerated() {
                    let actual = bytes[index] >= 0x41 && bytes[index] <= 0x5A ? bytes[index] | 0x20 : bytes[index]
                    if actual != byte { return false }
                }
                return true
            }
            guard matches else { continue }
            if entityTypes[id] != nil || bySubject.count(of: id) > 0 || byObject.count(of: id) > 0 || aliasPairs.contains(where: { $0.alias == id }) {
                found.append(terms.string(id))
                if found.count >= limit { break }
            }
        }
        return found
    }

    /// Every typed entity (canonical name and type), in the order they were first typed.
    public var entities: [EntityRecord] {
        typedEntities.compactMap { id in entityTypes[id].map { EntityRecord(name: terms.string(id), type: $0) } }
    }

    /// Every alias pair as strings (entity, surface form).
    public var aliases: [(entity: String, alias: String)] {
        aliasPairs.map { (terms.string($0.entity), terms.string($0.alias)) }
    }

    /// The type of an entity, if known.
    public func type(of entity: String) -> EntityType? {
        terms.lookup(entity).flatMap { entityTypes[$0] }
    }

    /// Approximate resident bytes of the graph's arrays and tables.
    public var memoryBytes: Int {
        let columns = (subjects.capacity + relations.capacity + objects.capacity) * 4 + flags.capacity * 2
        let indexes = bySubject.memoryBytes + byObject.memoryBytes + byRelation.memoryBytes
        let side = (argumentFacts.capacity + argumentRoles.capacity + argumentValues.capacity) * 4
            + (provenanceFacts.capacity * 4 * 4) + relationTexts.count * 16 + documents.capacity * 20 + documentIndex.count * 16
            + entityTypes.count * 16 + aliasPairs.capacity * 8 + aliasSet.count * 16
        return terms.memoryBytes + columns + indexes + side
    }
}
