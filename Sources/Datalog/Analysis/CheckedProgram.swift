import Graph
/// Phase 3 output: a program that passed arity, safety and stratification checks.
/// Only `Analyzer` creates it; the planner and evaluator accept nothing else.
public struct CheckedProgram: Sendable {
    public struct Stratum: Sendable {
        /// Derived predicates defined in this stratum (one SCC of the dependency graph).
        public var predicates: [String]
        /// Indexes into `rules` of the rules whose heads are in this stratum.
        public var rules: [Int]
        /// True when the SCC is recursive (more than one predicate, or a predicate depending on itself).
        public var recursive: Bool
    }

    public internal(set) var rules: [Rule]
    /// Arity of every predicate: base relations, derived predicates and built-ins.
    public internal(set) var arities: [String: Int]
    /// Base relation names (served by the store).
    public internal(set) var baseRelations: Set<String>
    /// Strata in evaluation order (dependencies first).
    public internal(set) var strata: [Stratum]
    public internal(set) var stratumOf: [String: Int]
    /// Non-fatal findings, e.g. a lower-case symbol that looks intended as a variable.
    public internal(set) var warnings: [Diagnostic]

    /// Derived predicates the given predicates depend on (transitively), as stratum indexes in evaluation order.
    func strataNeeded(for predicates: [String]) -> [Int] {
        var needed = Set<Int>()
        var work = predicates.compactMap { stratumOf[$0] }
        while let s = work.popLast() {
            if !needed.insert(s).inserted { continue }
            for r in strata[s].rules {
                for lit in rules[r].body {
                    switch lit {
                    case .positive(let a), .negative(let a, _):
                        if let t = stratumOf[a.name], !needed.contains(t) { work.append(t) }
                    case .comparison: break
                    }
                }
            }
        }
        return needed.sorted()
    }
}

/// Names of the named (non-anonymous) variables of a body, in order of first appearance.
func bodyVariables(_ body: [Literal]) -> [String] {
    var seen = Set<String>(), out: [String] = []
    func add(_ n: String) { if seen.insert(n).inserted { out.append(n) } }
    for lit in body {
        switch lit {
        case .positive(let a), .negative(let a, _): for t in a.args { if let n = t.variableName { add(n) } }
        case .comparison(_, let l, let r, _): for (n, _) in l.variables + r.variables { add(n) }
        }
    }
    return out
}
