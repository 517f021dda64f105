import Graph
/// Phase 3: arity checks, unknown-predicate hints, safety and stratification.
public struct Analyzer {
    public static let queryHead = "?query"

    let baseArities: [String: Int]
    let isKnownTerm: (String) -> Bool

    public init(baseRelations: [(name: String, arity: Int)], isKnownTerm: @escaping (String) -> Bool = { _ in true }) {
        var b: [String: Int] = [:]
        for r in baseRelations { b[r.name] = r.arity }
        baseArities = b
        self.isKnownTerm = isKnownTerm
    }

    /// Checks a whole rule set; throws every error found.
    public func check(_ rules: [Rule]) throws(QueryError) -> CheckedProgram {
        var errors: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var arities = baseArities
        for b in BuiltinPredicate.allCases { arities[b.rawValue] = b.arity }
        var headSite: [String: SourceRange] = [:]
        var aggregateRule: [String: Bool] = [:]

        // Heads: define predicates, check arity consistency.
        for rule in rules {
            let h = rule.head
            if baseArities[h.name] != nil || BuiltinPredicate(rawValue: h.name) != nil {
                let kind = baseArities[h.name] != nil ? "base relation" : "built-in"
                errors.append(Diagnostic("cannot define rules for the \(kind) `\(h.name)/\(arities[h.name]!)`", at: h.nameRange,
                                         hints: ["choose another name for the derived predicate"]))
                continue
            }
            if let a = arities[h.name] {
                if a != h.args.count {
                    errors.append(Diagnostic("arity mismatch: `\(h.name)` is defined with \(a) argument\(a == 1 ? "" : "s") (line \(headSite[h.name]!.start.line)) but here with \(h.args.count)",
                                             at: h.range))
                }
            } else {
                arities[h.name] = h.args.count
                headSite[h.name] = h.nameRange
            }
            let aggs = h.args.filter { if case .aggregate = $0 { return true }; return false }
            if aggs.count > 1 { errors.append(Diagnostic("only one aggregate per rule head is supported", at: aggs[1].range)) }
            if let prev = aggregateRule[h.name], prev != !aggs.isEmpty {
                errors.append(Diagnostic("`\(h.name)` mixes aggregate and plain rules", at: h.range,
                                         hints: ["define the aggregate under its own predicate name"]))
            }
            aggregateRule[h.name] = !aggs.isEmpty
        }

        // Bodies: known predicates with the right arity.
        let known = arities.keys.filter { $0 != Self.queryHead }.sorted()
        for rule in rules {
            for lit in rule.body {
                guard let atom = lit.atom else { continue }
                if let a = arities[atom.name] {
                    if a != atom.args.count {
                        var hints: [String] = []
                        if let sig = baseSignatures[atom.name] { hints.append("`\(atom.name)/\(a)` is \(sig)") }
                        else if let b = BuiltinPredicate(rawValue: atom.name) { hints.append("`\(atom.name)/\(a)` is \(b.signature)") }
                        else if let site = headSite[atom.name] { hints.append("`\(atom.name)/\(a)` is defined at line \(site.start.line)") }
                        errors.append(Diagnostic("arity mismatch: `\(atom.name)` takes \(a) argument\(a == 1 ? "" : "s") but is used with \(atom.args.count)",
                                                 at: atom.range, hints: hints))
                    }
                } else {
                    var hints: [String] = []
                    if let m = closestMatch(atom.name, in: known) { hints.append("did you mean `\(m)/\(arities[m]!)`?") }
                    else { hints.append("known predicates: " + known.prefix(12).map { "\($0)/\(arities[$0]!)" }.joined(separator: ", ")) }
                    errors.append(Diagnostic("unknown predicate `\(atom.name)/\(atom.args.count)`", at: atom.nameRange, hints: hints))
                }
            }
        }

        // Safety.
        for rule in rules {
            let (errs, warns) = checkSafety(rule)
            errors += errs
            warnings += warns
        }
        if !errors.isEmpty { throw QueryError(.analysis, errors) }

        // Stratification.
        let strat = Stratifier(rules: rules, derived: Set(rules.map(\.head.name)))
        let (strata, stratumOf) = try strat.stratify()
        return CheckedProgram(rules: rules, arities: arities, baseRelations: Set(baseArities.keys),
                              strata: strata, stratumOf: stratumOf, warnings: warnings)
    }

    // MARK: safety

    /// Every variable in the head, in a negated atom, in a comparison or in arithmetic must be bound by a
    /// positive atom; `X = expr` binds X once the variables of expr are bound; lower/length bind their output.
    func checkSafety(_ rule: Rule) -> ([Diagnostic], [Diagnostic]) {
        var errors: [Diagnostic] = [], warnings: [Diagnostic] = []
        var bound = Set<String>()
        var pending: [Literal] = []
        for lit in rule.body {
            if case .positive(let a) = lit, BuiltinPredicate(rawValue: a.name) == nil {
                for t in a.args { if let n = t.variableName { bound.insert(n) } }
            } else {
                pending.append(lit)
            }
        }
        var progress = true
        while progress {
            progress = false
            pending.removeAll { lit in
                let m = bindingMode(lit, bound: bound)
                guard m.ready else { return false }
                bound.formUnion(m.binds)
                progress = true
                return true
            }
        }
        // Symbols that look like variables (`x`, `y2`) and are not known to the store.
        let suspicious = suspiciousSymbols(rule)
        func varHint(_ v: String) -> [String] {
            if let s = suspicious.first(where: { $0.0.lowercased() == v.lowercased() }) {
                return ["`\(s.0)` at line \(s.1.start.line), column \(s.1.start.column) is a symbol (constant); variables start with an upper-case letter: did you mean `\(v)`?"]
            }
            return []
        }
        for lit in pending {
            let unbound = literalVariables(lit).filter { !bound.contains($0.0) }
            guard let (v, r) = unbound.first else { continue }
            switch lit {
            case .negative(let a, _):
                errors.append(Diagnostic("unbound variable `\(v)` in negation `not \(a)`", at: r,
                                         hints: ["bind `\(v)` with a positive atom before negating, or write `_` if any value is meant"] + varHint(v)))
            case .positive(let a):
                errors.append(Diagnostic("unbound variable `\(v)` in built-in `\(a.name)`", at: r,
                                         hints: ["\(BuiltinPredicate(rawValue: a.name)!.signature) needs its first argument bound by a positive atom"] + varHint(v)))
            case .comparison:
                errors.append(Diagnostic("unbound variable `\(v)` in comparison `\(lit)`", at: r,
                                         hints: ["every variable in a comparison or arithmetic must be bound by a positive atom (or by `\(v) = expression`)"] + varHint(v)))
            }
        }
        for arg in rule.head.args {
            switch arg {
            case .term(.anonymous(let r)):
                errors.append(Diagnostic("anonymous variable `_` in the head of `\(rule.head.name)`", at: r,
                                         hints: ["every head argument needs a value: use a named variable bound in the body"]))
            case .term(.variable(let v, let r)), .aggregate(_, let v, let r):
                if !bound.contains(v) {
                    let what = rule.body.isEmpty ? "facts must be ground: variable `\(v)` in fact `\(rule.head.name)`"
                                                 : "head variable `\(v)` is not bound in the body of `\(rule.head.name)`"
                    errors.append(Diagnostic(what, at: r, hints: varHint(v)))
                }
            case .term(.constant): break
            }
        }
        if errors.isEmpty && !rule.body.isEmpty {
            for (s, r) in suspicious {
                warnings.append(Diagnostic(.warning, "`\(s)` is a symbol (constant) that the store has never seen", at: r,
                                           hints: ["variables start with an upper-case letter: did you mean `\(s.uppercased())`?"]))
            }
        }
        return (errors, warnings)
    }

    private func suspiciousSymbols(_ rule: Rule) -> [(String, SourceRange)] {
        var out: [(String, SourceRange)] = []
        var atoms: [Atom] = rule.body.compactMap(\.atom)
        atoms.append(Atom(name: rule.head.name, nameRange: rule.head.nameRange,
                          args: rule.head.args.compactMap { if case .term(let t) = $0 { return t }; return nil }, range: rule.head.range))
        for a in atoms where BuiltinPredicate(rawValue: a.name) == nil {
            for t in a.args {
                if case .constant(.symbol(let s), let r) = t, Self.looksLikeVariable(s), !isKnownTerm(s) { out.append((s, r)) }
            }
        }
        return out
    }

    /// Single letters, optionally followed by digits: `x`, `y`, `x1`.
    static func looksLikeVariable(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard let f = u.first, f >= 0x61, f <= 0x7A else { return false }
        return u.count == 1 || (u.count <= 3 && u.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 })
    }
}

/// What a literal needs bound before it can run, and what it then binds.
struct BindingMode {
    var ready: Bool
    var binds: [String]
}

func bindingMode(_ lit: Literal, bound: Set<String>) -> BindingMode {
    switch lit {
    case .positive(let a):
        if let b = BuiltinPredicate(rawValue: a.name) {
            let first = a.args.first?.variableName.map { bound.contains($0) } ?? true
            if b.computesSecond {
                guard first else { return BindingMode(ready: false, binds: []) }
                if let v = a.args.last?.variableName, !bound.contains(v) { return BindingMode(ready: true, binds: [v]) }
                return BindingMode(ready: true, binds: [])
            }
            let all = a.args.allSatisfy { $0.variableName.map { bound.contains($0) } ?? true }
            return BindingMode(ready: all, binds: [])
        }
        var vs: [String] = []
        for t in a.args { if let n = t.variableName, !bound.contains(n), !vs.contains(n) { vs.append(n) } }
        return BindingMode(ready: true, binds: vs)
    case .negative(let a, _):
        return BindingMode(ready: a.args.allSatisfy { $0.variableName.map { bound.contains($0) } ?? true }, binds: [])
    case .comparison(let op, let l, let r, _):
        let lu = l.variables.map(\.0).filter { !bound.contains($0) }
        let ru = r.variables.map(\.0).filter { !bound.contains($0) }
        if lu.isEmpty && ru.isEmpty { return BindingMode(ready: true, binds: []) }
        if op == .eq {
            if case .term(.variable(let v, _)) = l, lu == [v], ru.isEmpty { return BindingMode(ready: true, binds: [v]) }
            if case .term(.variable(let v, _)) = r, ru == [v], lu.isEmpty { return BindingMode(ready: true, binds: [v]) }
        }
        return BindingMode(ready: false, binds: [])
    }
}

func literalVariables(_ lit: Literal) -> [(String, SourceRange)] {
    switch lit {
    case .positive(let a), .negative(let a, _):
        return a.args.compactMap { t in t.variableName.map { ($0, t.range) } }
    case .comparison(_, let l, let r, _): return l.variables + r.variables
    }
}

extension Literal {
    var atom: Atom? {
        switch self {
        case .positive(let a), .negative(let a, _): return a
        case .comparison: return nil
        }
    }
}
