import Graph
/// Phase 2: hand-written recursive-descent parser, one function per production of Grammar/query.ebnf.
public struct Parser {
    private let tokens: [Token]
    private var index = 0

    public init(tokens: [Token]) { self.tokens = tokens }

    /// Parses a whole program (rules, facts and queries).
    public static func parse(_ source: String) throws(Diagnostic) -> [Statement] {
        var p = Parser(tokens: try Lexer.tokenize(source))
        return try p.parseProgram()
    }

    /// Parses a query body alone (with or without the leading `?-` and trailing `.`).
    public static func parseQueryBody(_ source: String) throws(Diagnostic) -> ([Literal], SourceRange) {
        var p = Parser(tokens: try Lexer.tokenize(source))
        let start = p.current.range
        if p.current.kind == .query { p.index += 1 }
        let body = try p.parseBody()
        if p.current.kind == .period { p.index += 1 }
        if p.current.kind != .eof {
            throw p.unexpected(expected: "',' or end of query", hints: p.literalJoinHints())
        }
        return (body, start.to(p.previous.range))
    }

    // MARK: token helpers

    private var current: Token { tokens[index] }
    private var previous: Token { tokens[max(0, index - 1)] }
    private func peek(_ k: Int) -> Token { tokens[min(index + k, tokens.count - 1)] }

    private mutating func take() -> Token {
        let t = tokens[index]
        if t.kind != .eof { index += 1 }
        return t
    }

    private mutating func expect(_ kind: TokenKind, _ what: String, hints: [String] = []) throws(Diagnostic) -> Token {
        if current.kind == kind { return take() }
        throw unexpected(expected: what, hints: hints)
    }

    /// When the offending token starts a later line (e.g. a missing '.'), the caret goes right after the
    /// previous token, where the missing text belongs.
    private func unexpected(expected: String, hints: [String] = []) -> Diagnostic {
        var at = current.range
        if index > 0 && current.range.start.line > previous.range.end.line {
            let end = previous.range.end
            at = SourceRange(end, SourceLocation(line: end.line, column: end.column + 1, offset: end.offset + 1))
        }
        return Diagnostic("expected \(expected), found \(current.found)", at: at, hints: hints)
    }

    private func literalJoinHints() -> [String] {
        switch current.kind {
        case .identifier, .variable: return ["missing ',' between literals?"]
        case .implies: return ["a query cannot contain ':-'"]
        case .eof: return ["missing '.' at the end?"]
        default: return []
        }
    }

    // MARK: productions

    /// program = { statement } ;
    mutating func parseProgram() throws(Diagnostic) -> [Statement] {
        var statements: [Statement] = []
        while current.kind != .eof { statements.append(try parseStatement()) }
        return statements
    }

    /// statement = query | clause ;
    mutating func parseStatement() throws(Diagnostic) -> Statement {
        if current.kind == .query { return try parseQuery() }
        return .rule(try parseClause())
    }

    /// query = "?-" body "." ;
    mutating func parseQuery() throws(Diagnostic) -> Statement {
        let start = take().range
        let body = try parseBody()
        let end = try expect(.period, "',' or '.' after query literal", hints: literalJoinHints())
        return .query(body, start.to(end.range))
    }

    /// clause = head [ ":-" body ] "." ;
    mutating func parseClause() throws(Diagnostic) -> Rule {
        let head = try parseHead()
        var body: [Literal] = []
        if current.kind == .implies {
            _ = take()
            body = try parseBody()
            let end = try expect(.period, "',' or '.' after rule body literal", hints: literalJoinHints())
            return Rule(head: head, body: body, range: head.range.to(end.range))
        }
        var hints: [String] = []
        if current.kind == .minus || current.kind == .eq { hints.append("rules are written `head :- body.`") }
        if current.kind == .eof { hints.append("missing '.' at the end?") }
        let end = try expect(.period, "':-' or '.' after rule head", hints: hints)
        return Rule(head: head, body: body, range: head.range.to(end.range))
    }

    /// head = IDENT [ "(" headArg { "," headArg } ")" ] ;
    mutating func parseHead() throws(Diagnostic) -> Head {
        guard current.kind == .identifier else {
            var hints: [String] = []
            if current.kind == .variable { hints.append("predicate names start with a lower-case letter") }
            throw unexpected(expected: "a rule head, fact or '?-' query", hints: hints)
        }
        let name = take()
        var args: [HeadArg] = []
        var end = name.range
        if current.kind == .lparen {
            _ = take()
            args.append(try parseHeadArg())
            while current.kind == .comma { _ = take(); args.append(try parseHeadArg()) }
            end = try expect(.rparen, "')' or ','", hints: closeHints()).range
        }
        return Head(name: name.text, nameRange: name.range, args: args, range: name.range.to(end))
    }

    private func closeHints() -> [String] {
        switch current.kind {
        case .implies: return ["missing ')' before ':-'?"]
        case .period: return ["missing ')' before '.'?"]
        case .identifier, .variable, .string, .number: return ["missing ',' between arguments?"]
        default: return []
        }
    }

    /// headArg = aggregate | term ;
    mutating func parseHeadArg() throws(Diagnostic) -> HeadArg {
        if current.kind == .identifier, AggregateKind(rawValue: current.text) != nil, peek(1).kind == .lt {
            return try parseAggregate()
        }
        return .term(try parseTerm())
    }

    /// aggregate = ( "count" | "sum" | "min" | "max" | "avg" ) "<" VARIABLE ">" ;
    mutating func parseAggregate() throws(Diagnostic) -> HeadArg {
        let kw = take()
        _ = take() // <
        var hints: [String] = []
        if current.kind == .identifier { hints.append("aggregate over a variable: did you mean `\(kw.text)<\(current.text.capitalized)>`?") }
        let v = try expect(.variable, "a variable inside \(kw.text)<...>", hints: hints)
        let end = try expect(.gt, "'>' to close \(kw.text)<\(v.text)")
        return .aggregate(AggregateKind(rawValue: kw.text)!, v.text, kw.range.to(end.range))
    }

    /// body = literal { "," literal } ;
    mutating func parseBody() throws(Diagnostic) -> [Literal] {
        var lits = [try parseLiteral()]
        while current.kind == .comma { _ = take(); lits.append(try parseLiteral()) }
        return lits
    }

    /// literal = negation | atom | comparison ;
    mutating func parseLiteral() throws(Diagnostic) -> Literal {
        if current.kind == .notOp || (current.kind == .identifier && current.text == "not" && peek(1).kind == .identifier) {
            return try parseNegation()
        }
        if current.kind == .identifier {
            switch peek(1).kind {
            case .lparen: return .positive(try parseAtom())
            case .eq, .neq, .lt, .le, .gt, .ge, .plus, .minus, .star, .slash: return try parseComparison()
            case .identifier where peek(1).text == "mod": return try parseComparison()
            default: return .positive(try parseAtom())
            }
        }
        switch current.kind {
        case .variable, .string, .number, .minus, .lparen: return try parseComparison()
        default: throw unexpected(expected: "a literal (atom, `not atom` or comparison)")
        }
    }

    /// negation = ( "not" | "\+" ) atom ;
    mutating func parseNegation() throws(Diagnostic) -> Literal {
        let kw = take()
        guard current.kind == .identifier else { throw unexpected(expected: "an atom after '\(kw.text)'") }
        let atom = try parseAtom()
        return .negative(atom, kw.range.to(atom.range))
    }

    /// atom = IDENT [ "(" [ term { "," term } ] ")" ] ;
    mutating func parseAtom() throws(Diagnostic) -> Atom {
        let name = try expect(.identifier, "a predicate name")
        var args: [Term] = []
        var end = name.range
        if current.kind == .lparen {
            _ = take()
            if current.kind != .rparen {
                args.append(try parseTerm())
                while current.kind == .comma { _ = take(); args.append(try parseTerm()) }
            }
            end = try expect(.rparen, "')' or ','", hints: closeHints()).range
        }
        return Atom(name: name.text, nameRange: name.range, args: args, range: name.range.to(end))
    }

    /// comparison = expr compareOp expr ;
    mutating func parseComparison() throws(Diagnostic) -> Literal {
        let lhs = try parseExpr()
        let op: CompareOp
        switch current.kind {
        case .eq: op = .eq
        case .neq: op = .ne
        case .lt: op = .lt
        case .le: op = .le
        case .gt: op = .gt
        case .ge: op = .ge
        default:
            var hints: [String] = []
            if case .term(.variable(let n, _)) = lhs, current.kind == .lparen {
                hints.append("predicate names start with a lower-case letter: did you mean `\(n.prefix(1).lowercased() + n.dropFirst())`?")
            }
            throw unexpected(expected: "a comparison operator (= != < <= > >=)", hints: hints)
        }
        _ = take()
        let rhs = try parseExpr()
        return .comparison(op, lhs, rhs, lhs.range.to(rhs.range))
    }

    /// expr = product { ( "+" | "-" ) product } ;
    mutating func parseExpr() throws(Diagnostic) -> Expr {
        var e = try parseProduct()
        while current.kind == .plus || current.kind == .minus {
            let op: ArithOp = take().kind == .plus ? .add : .sub
            let r = try parseProduct()
            e = .binary(op, e, r, e.range.to(r.range))
        }
        return e
    }

    /// product = unary { ( "*" | "/" | "mod" ) unary } ;
    mutating func parseProduct() throws(Diagnostic) -> Expr {
        var e = try parseUnary()
        while current.kind == .star || current.kind == .slash || (current.kind == .identifier && current.text == "mod") {
            let t = take()
            let op: ArithOp = t.kind == .star ? .mul : (t.kind == .slash ? .div : .mod)
            let r = try parseUnary()
            e = .binary(op, e, r, e.range.to(r.range))
        }
        return e
    }

    /// unary = "-" unary | primary ;
    mutating func parseUnary() throws(Diagnostic) -> Expr {
        if current.kind == .minus {
            let m = take()
            if current.kind == .number {
                let n = take()
                return .term(.constant(.number("-" + n.text), m.range.to(n.range)))
            }
            let inner = try parseUnary()
            return .negate(inner, m.range.to(inner.range))
        }
        return try parsePrimary()
    }

    /// primary = term | "(" expr ")" ;
    mutating func parsePrimary() throws(Diagnostic) -> Expr {
        if current.kind == .lparen {
            _ = take()
            let e = try parseExpr()
            _ = try expect(.rparen, "')' to close the parenthesis")
            return e
        }
        return .term(try parseTerm())
    }

    /// term = VARIABLE | STRING | number | SYMBOL ;   number = [ "-" ] NUMBER ;
    mutating func parseTerm() throws(Diagnostic) -> Term {
        let t = current
        switch t.kind {
        case .variable:
            _ = take()
            return t.text == "_" ? .anonymous(t.range) : .variable(t.text, t.range)
        case .string: _ = take(); return .constant(.string(t.text), t.range)
        case .number: _ = take(); return .constant(.number(t.text), t.range)
        case .identifier:
            _ = take()
            if current.kind == .lparen {
                throw Diagnostic("nested terms are not supported: `\(t.text)(...)` cannot be an argument", at: t.range,
                                 hints: ["split it into a separate body literal joined by a variable"])
            }
            return .constant(.symbol(t.text), t.range)
        case .minus where peek(1).kind == .number:
            _ = take()
            let n = take()
            return .constant(.number("-" + n.text), t.range.to(n.range))
        default:
            var hints: [String] = []
            if t.kind == .rparen { hints.append("remove the trailing ','?") }
            throw unexpected(expected: "a term (Variable, \"string\", number or symbol)", hints: hints)
        }
    }
}
