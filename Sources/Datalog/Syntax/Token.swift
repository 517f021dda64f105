import Graph
/// Lexical token kinds of the query language (see Grammar/query.ebnf).
public enum TokenKind: Equatable, Sendable {
    case identifier        // lower-case start: predicate names, symbols, keywords `not`, `mod`, aggregates
    case variable          // upper-case or `_` start
    case string            // "..." (value holds the unescaped text)
    case number            // 12, 3.5 (sign is handled by the parser)
    case lparen, rparen, comma, period
    case implies           // :-
    case query             // ?-
    case notOp             // \+
    case eq, neq, lt, le, gt, ge
    case plus, minus, star, slash
    case eof

    /// How the token is shown in "expected ..." messages.
    public var display: String {
        switch self {
        case .identifier: return "identifier"
        case .variable: return "variable"
        case .string: return "string"
        case .number: return "number"
        case .lparen: return "'('"
        case .rparen: return "')'"
        case .comma: return "','"
        case .period: return "'.'"
        case .implies: return "':-'"
        case .query: return "'?-'"
        case .notOp: return "'\\+'"
        case .eq: return "'='"
        case .neq: return "'!='"
        case .lt: return "'<'"
        case .le: return "'<='"
        case .gt: return "'>'"
        case .ge: return "'>='"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .eof: return "end of input"
        }
    }
}

public struct Token: Equatable, Sendable {
    public var kind: TokenKind
    /// Source spelling (for strings: the unescaped value).
    public var text: String
    public var range: SourceRange

    /// Description for "found ..." in messages.
    var found: String {
        switch kind {
        case .eof: return "end of input"
        case .string: return "string \"\(text)\""
        case .identifier, .variable, .number: return "'\(text)'"
        default: return kind.display
        }
    }
}
