/// Entity types NewsGraph assigns (ARCHITECTURE.md), stored as one byte.
public enum EntityType: UInt8, Sendable, CaseIterable {
    case person = 1, org, gpe, loc, event, date, number, other

    /// The lower-case symbol used in queries (`type(E, person)`).
    public var symbol: String {
        switch self {
        case .person: "person"
        case .org: "org"
        case .gpe: "gpe"
        case .loc: "loc"
        case .event: "event"
        case .date: "date"
        case .number: "number"
        case .other: "other"
        }
    }

    /// Reads `PERSON`, `person`, `Org` ...
    public init?(name: String) {
        guard let type = Self.allCases.first(where: { $0.symbol == name.lowercased() }) else { return nil }
        self = type
    }
}

/// Confidence and negation of a fact packed in 16 bits: the top bit is negation, the rest the
/// confidence in 1/32767 steps.
struct FactFlags: Sendable, Equatable {
    var raw: UInt16

    init(raw: UInt16) { self.raw = raw }

    init(confidence: Double, negated: Bool) {
        let clamped = min(max(confidence.isFinite ? confidence : 0, 0), 1)
        raw = UInt16((clamped * 32767).rounded()) | (negated ? 0x8000 : 0)
    }

    var negated: Bool { raw & 0x8000 != 0 }
    var confidence: Double { Double(raw & 0x7FFF) / 32767 }

    static let asserted = FactFlags(confidence: 1, negated: false)
}
