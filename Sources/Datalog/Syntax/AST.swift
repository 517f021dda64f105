import Graph
/// Phase 2 output: the abstract syntax tree. Every node carries its source range.

/// A constant's spelling. Symbols and strings denote the same term text (`person` == "person").
public enum Constant: Hashable, Sendable, CustomStringConvertible {
    case symbol(String)
    case string(String)
    case number(String)

    public var text: String {
        switch self { case .symbol(let s), .string(let s), .number(let s): return s }
    }

    public var description: String {
        switch self {
        case .symbol(let s), .number(let s): return s
        case .string(let s): return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
    }
}

public enum Term: Hashable, Sendable, CustomStringConvertible {
    case variable(String, SourceRange)
    case anonymous(SourceRange)
    case constant(Constant, SourceRange)

    public var range: SourceRange {
        switch self { case .variable(_, let r), .anonymous(let r), .constant(_, let r): return r }
    }
    public var variableName: String? { if case .variable(let n, _) = self { return n }; return nil }
    public var description: String {
        switch self {
        case .variable(let n, _): return n
        case .anonymous: return "_"
        case .constant(let c, _): return c.description
        }
    }
}

public enum ArithOp: String, Sendable { case add = "+", sub = "-", mul = "*", div = "/", mod = "mod" }

public indirect enum Expr: Hashable, Sendable, CustomStringConvertible {
    case term(Term)
    case binary(ArithOp, Expr, Expr, SourceRange)
    case negate(Expr, SourceRange)

    public var range: SourceRange {
        switch self {
        case .term(let t): return t.range
        case .binary(_, _, _, let r), .negate(_, let r): return r
        }
    }
    /// Named variables, in order of appearance.
    public var variables: [(String, SourceRange)] {
        switch self {
        case .term(let t): if case .variable(let n, let r) = t { return [(n, r)] }; return []
        case .binary(_, let a, let b, _): return a.variables + b.variables
        case .negate(let a, _): return a.variables
        }
    }
    public var isTerm: Bool { if case .term = self { return true }; return false }
    public var description: String {
        switch self {
        case .term(let t): return t.description
        case .binary(let op, let a, let b, _): return "(\(a) \(op.rawValue) \(b))"
        case .negate(let a, _): return "-\(a)"
        }
    }
}

public enum CompareOp: String, Sendable { case eq = "=", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">=" }

public struct Atom: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var nameRange: SourceRange
    public var args: [Term]
    public var range: SourceRange
    public var description: String { args.isEmpty ? name : "\(name)(\(args.map(\.description).joined(separator: ", ")))" }
}

public enum Literal: Hashable, Sendable, CustomStringConvertible {
    case positive(Atom)
    case negative(Atom, SourceRange)
    case comparison(CompareOp, Expr, Expr, SourceRange)

    public var range: SourceRange {
        switch self {
        case .positive(let a): return a.range
        case .negative(_, let r), .comparison(_, _, _, let r): return r
        }
    }
    public var description: String {
        switch self {
        case .positive(let a): return a.description
        case .negative(let a, _): return "not \(a)"
        case .comparison(let op, let l, let r, _): return "\(l) \(op.rawValue) \(r)"
        }
    }
}

public enum AggregateKind: String, Sendable, CaseIterable { case count, sum, min, max, avg }

public enum HeadArg: Hashable, Sendable, CustomStringConvertible {
    case term(Term)
    case aggregate(AggregateKind, String, SourceRange)

    public var range: SourceRange {
        switch self { case .term(let t): return t.range; case .aggregate(_, _, let r): return r }
    }
    public var description: String {
        switch self {
        case .term(let t): return t.description
        case .aggregate(let k, let v, _): return "\(k.rawValue)<\(v)>"
        }
    }
}

public struct Head: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var nameRange: SourceRange
    public var args: [HeadArg]
    public var range: SourceRange
    public var hasAggregate: Bool { args.contains { if case .aggregate = $0 { return true }; return false } }
    public var description: String { args.isEmpty ? name : "\(name)(\(args.map(\.description).joined(separator: ", ")))" }
}

/// A rule `head :- body.`; a fact is a rule with an empty body.
public struct Rule: Hashable, Sendable, CustomStringConvertible {
    public var head: Head
    public var body: [Literal]
    public var range: SourceRange
    public var description: String {
        body.isEmpty ? "\(head)." : "\(head) :- \(body.map(\.description).joined(separator: ", "))."
    }
}

public enum Statement: Hashable, Sendable {
    case rule(Rule)
    case query([Literal], SourceRange)
}
