/// Everything one ingest or import adds to the graph, as strings: the unit of a transaction and of a
/// journal record.
public struct GraphBatch: Sendable, Equatable {
    public var documents: [DocumentRecord] = []
    public var entities: [EntityRecord] = []
    public var aliases: [AliasRecord] = []
    public var facts: [FactRecord] = []
    public var feeds: [FeedRecord] = []
    /// Content hashes of imported files, remembered so that importing a file twice adds nothing.
    public var importedSources: [String] = []
    /// Entities folded into others, applied in order after everything else in the batch.
    public var renames: [EntityRename] = []

    public init() {}

    public var isEmpty: Bool {
        documents.isEmpty && entities.isEmpty && aliases.isEmpty && facts.isEmpty && feeds.isEmpty && importedSources.isEmpty
            && renames.isEmpty
    }
}

/// One entity folded into another: the facts, arguments, type and aliases stored under `from` move to
/// `to`, and `from` stays an alias of `to`. Used when a longer unambiguous name for an entity turns up
/// ("Trump" → "Donald Trump").
public struct EntityRename: Sendable, Equatable {
    /// The name the entity was stored under.
    public var from: String
    /// Its canonical name from now on.
    public var to: String

    /// Creates a rename of `from` into `to`.
    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// An article: its id (guid, link or content hash), URL, title, publication date (ISO 8601) and feed.
public struct DocumentRecord: Sendable, Equatable {
    public var id: String
    public var url: String
    public var title: String
    public var published: String?
    public var feed: String?

    public init(id: String, url: String, title: String, published: String? = nil, feed: String? = nil) {
        self.id = id
        self.url = url
        self.title = title
        self.published = published
        self.feed = feed
    }
}

/// An entity's canonical name and type.
public struct EntityRecord: Sendable, Equatable {
    public var name: String
    public var type: EntityType

    public init(name: String, type: EntityType) {
        self.name = name
        self.type = type
    }
}

/// A surface form seen for an entity.
public struct AliasRecord: Sendable, Equatable {
    public var entity: String
    public var alias: String

    public init(entity: String, alias: String) {
        self.entity = entity
        self.alias = alias
    }
}

/// One fact with its arguments and provenance.
public struct FactRecord: Sendable, Equatable {
    public var subject: String
    /// The relation's lemma (`deploy`), what `rel/3` matches.
    public var relation: String
    /// The relation as written (`attempt to deploy`); nil when the same as the lemma.
    public var relationText: String?
    public var object: String
    public var negated: Bool
    public var confidence: Double
    public var arguments: [FactArgument]
    /// The article it was read from (its id), if any.
    public var document: String?
    public var sentenceIndex: Int
    public var sentence: String?

    public init(subject: String, relation: String, relationText: String? = nil, object: String, negated: Bool = false,
                confidence: Double = 1, arguments: [FactArgument] = [], document: String? = nil, sentenceIndex: Int = 0,
                sentence: String? = nil) {
        self.subject = subject
        self.relation = relation
        self.relationText = relationText == relation ? nil : relationText
        self.object = object
        self.negated = negated
        self.confidence = confidence
        self.arguments = arguments
        self.document = document
        self.sentenceIndex = sentenceIndex
        self.sentence = sentence
    }
}

/// An extra argument of a fact: `in: Illinois`.
public struct FactArgument: Sendable, Equatable {
    public var role: String
    public var value: String

    public init(role: String, value: String) {
        self.role = role
        self.value = value
    }
}

/// A subscribed feed and its fetch state (conditional GET, failures).
public struct FeedRecord: Sendable, Equatable {
    public var url: String
    public var title: String?
    public var etag: String?
    public var lastModified: String?
    public var lastSuccess: String?
    public var lastError: String?
    public var consecutiveFailures: Int
    public var disabled: Bool
    /// True when the feed was removed from the list.
    public var removed: Bool

    public init(url: String, title: String? = nil, etag: String? = nil, lastModified: String? = nil, lastSuccess: String? = nil,
                lastError: String? = nil, consecutiveFailures: Int = 0, disabled: Bool = false, removed: Bool = false) {
        self.url = url
        self.title = title
        self.etag = etag
        self.lastModified = lastModified
        self.lastSuccess = lastSuccess
        self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures
        self.disabled = disabled
        self.removed = removed
    }
}
