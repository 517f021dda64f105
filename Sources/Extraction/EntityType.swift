/// The entity types NewsGraph assigns (see docs/ARCHITECTURE.md, "Extraction output").
public enum EntityType: String, Sendable, CaseIterable, Codable, Hashable {
    /// People, real or fictional.
    case person = "PERSON"
    /// Organisations: companies, agencies, courts, armed forces, parties.
    case org = "ORG"
    /// Geo-political entities: countries, states, cities.
    case gpe = "GPE"
    /// Other locations: continents, rivers, mountains, regions, buildings.
    case loc = "LOC"
    /// Named events: wars, storms, elections, pandemics.
    case event = "EVENT"
    /// Dates and times.
    case date = "DATE"
    /// Numbers and quantities.
    case number = "NUMBER"
    /// Anything else (common-noun phrases).
    case other = "OTHER"

    /// Whether the type denotes a named entity (not a value).
    public var isNamed: Bool {
        switch self {
        case .person, .org, .gpe, .loc, .event: return true
        case .date, .number, .other: return false
        }
    }
}

/// A recognised entity mention: a token span of one sentence with a type.
public struct EntityMention: Sendable, Equatable, Hashable {
    /// First token (0-based, inclusive).
    public var start: Int
    /// One past the last token.
    public var end: Int
    /// The entity type.
    public var type: EntityType
    /// Surface text of the span (tokens joined with their original spacing).
    public var text: String

    /// Creates a mention.
    public init(start: Int, end: Int, type: EntityType, text: String) {
        self.start = start
        self.end = end
        self.type = type
        self.text = text
    }

    /// The token range.
    public var range: Range<Int> { start..<end }
}
