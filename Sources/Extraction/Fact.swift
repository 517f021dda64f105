/// An extra argument of a fact: its role (a preposition such as `in`, `to`, or `time`), value and type.
public struct FactArgument: Sendable, Equatable, Hashable {
    /// Role: the preposition, `time`, or `according to` for attributions.
    public var role: String
    /// The argument text, or the canonical entity name.
    public var value: String
    /// The argument's type.
    public var type: EntityType

    /// Creates an argument.
    public init(role: String, value: String, type: EntityType) {
        self.role = role
        self.value = value
        self.type = type
    }
}

/// What kind of predication a fact comes from.
public enum FactKind: String, Sendable {
    /// A verb with its arguments.
    case verbal
    /// A copula ("X is Y").
    case copula
    /// An apposition ("X, the CEO of Y").
    case apposition
    /// A title before a person's name ("US President Donald Trump").
    case title
    /// A possessive-derived entity ("Trump's administration" → Trump administration related to Donald Trump).
    case possessive
}

/// One extracted fact.
public struct Fact: Sendable, Equatable {
    /// Subject: canonical entity name or phrase text.
    public var subject: String
    /// Subject type.
    public var subjectType: EntityType
    /// The relation as read ("attempt to deploy", "has rebuffed").
    public var relation: String
    /// The content verb's lemma ("deploy"), or a fixed name for non-verbal facts.
    public var lemma: String
    /// Object: entity name or phrase text; empty when the predicate has none.
    public var object: String
    /// Object type.
    public var objectType: EntityType
    /// Prepositional and temporal arguments.
    public var args: [FactArgument]
    /// Whether the predication is negated.
    public var negated: Bool
    /// Confidence in [0, 1].
    public var confidence: Double
    /// Sentence index within the article.
    public var sentenceIndex: Int
    /// The source sentence.
    public var sentenceText: String
    /// The kind of predication.
    public var kind: FactKind
    /// CaRB rendering: relation, arg1, further args (tokens separated by single spaces).
    public var carb: (relation: String, args: [String])

    /// Field-wise equality (the CaRB tuple compared by value).
    public static func == (a: Fact, b: Fact) -> Bool {
        a.subject == b.subject && a.subjectType == b.subjectType && a.relation == b.relation && a.lemma == b.lemma
            && a.object == b.object && a.objectType == b.objectType && a.args == b.args && a.negated == b.negated
            && a.confidence == b.confidence && a.sentenceIndex == b.sentenceIndex && a.sentenceText == b.sentenceText
            && a.kind == b.kind && a.carb.relation == b.carb.relation && a.carb.args == b.carb.args
    }
}

/// An entity of an article (or of several): canonical name, type and every surface form seen.
public struct Entity: Sendable, Equatable {
    /// Canonical name: the longest unambiguous name seen.
    public var name: String
    /// Type.
    public var type: EntityType
    /// Surface forms (including the canonical name), in order of first appearance.
    public var aliases: [String]

    /// Creates an entity.
    public init(name: String, type: EntityType, aliases: [String]) {
        self.name = name
        self.type = type
        self.aliases = aliases
    }
}

/// Entities and facts extracted from one article.
public struct ExtractionResult: Sendable, Equatable {
    /// Document id (URL, guid or file name).
    public var document: String
    /// Entities with aliases.
    public var entities: [Entity]
    /// Facts, in sentence order.
    public var facts: [Fact]

    /// Creates a result.
    public init(document: String, entities: [Entity], facts: [Fact]) {
        self.document = document
        self.entities = entities
        self.facts = facts
    }
}
