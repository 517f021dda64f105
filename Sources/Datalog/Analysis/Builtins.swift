import Graph
/// Built-in predicates: all have arity 2.
/// contains(S, Sub), starts_with(S, Prefix), matches(S, Regex) are filters (both arguments must be bound);
/// lower(S, L) and length(S, N) compute their second argument from the first (it may be bound or free).
public enum BuiltinPredicate: String, CaseIterable, Sendable {
    case contains
    case startsWith = "starts_with"
    case matches
    case lower
    case length

    public var arity: Int { 2 }
    /// True when the second argument is an output (bound by the built-in).
    public var computesSecond: Bool { self == .lower || self == .length }
    public var signature: String {
        switch self {
        case .contains: return "contains(Text, Substring)"
        case .startsWith: return "starts_with(Text, Prefix)"
        case .matches: return "matches(Text, Regex)"
        case .lower: return "lower(Text, Lowered)"
        case .length: return "length(Text, N)"
        }
    }
}

/// Column names of the standard base relations, for hints.
let baseSignatures: [String: String] = [
    "rel": "rel(Subject, Lemma, Object)", "fact": "fact(F, Subject, Lemma, Object)", "arg": "arg(F, Role, Value)",
    "type": "type(Entity, Type)", "alias": "alias(Entity, Name)", "source": "source(F, Doc)", "said": "said(F, Sentence)",
    "doc": "doc(Doc, Url, Title)", "published": "published(Doc, Date)", "feed": "feed(Doc, FeedUrl)",
]
