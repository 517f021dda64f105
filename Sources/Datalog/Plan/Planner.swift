import Graph
import Foundation

/// Phase 4: chooses a join order per rule greedily (most selective first, using the store's estimatedCount,
/// sizes of already-computed relations and which arguments are bound) and builds semi-naive delta variants.
struct Planner {
    let program: CheckedProgram
    let store: FactStore
    let pool: TermPool
    /// Current size of a derived relation (nil when not computed yet).
    let derivedSize: (String) -> Int?
    /// Predicates of the stratum being planned (recursive ones).
    let recursive: Set<String>

    /// All variants for a rule: the full variant if it has no recursive atoms (or `includeFull`),
    /// plus one delta variant per recursive body atom.
    func plans(forRule index: Int) -> (full: RulePlan?, deltas: [RulePlan]) {
        let rule = program.rules[index]
        let recursiveAtoms = rule.body.indices.filter { i in
            if case .positive(let a) = rule.body[i], recursive.contains(a.name) { return true }
            return false
        }
        if recursiveAtoms.isEmpty { return (plan(rule: rule, index: index, delta: nil), []) }
        return (nil, recursiveAtoms.map { plan(rule: rule, index: index, delta: $0) })
    }

    func plan(rule: Rule, index: Int, delta: Int?) -> RulePlan {
        var slotOf: [String: Int] = [:]
        var slotNames: [String] = []
        func slot(_ v: String) -> Int {
            if let s = slotOf[v] { return s }
            slotOf[v] = slotNames.count
            slotNames.append(v)
            return slotNames.count - 1
        }
        for v in bodyVariables(rule.body) { _ = slot(v) }
        var constSlot: [TermID: Int] = [:]
        var constants: [(slot: Int, id: TermID)] = []
        func constant(_ c: Constant) -> Int {
            let id = pool.intern(c.text)
            if let s = constSlot[id] { return s }
            let s = slot("#" + c.description + "#\(constants.count)")
            constSlot[id] = s
            constants.append((s, id))
            return s
        }
        func termSlot(_ t: Term) -> Int? {
            switch t {
            case .variable(let v, _): return slot(v)
            case .constant(let c, _): return constant(c)
            case .anonymous: return nil
            }
        }
        func compile(_ e: Expr) -> CExpr {
            switch e {
            case .term(let t): return .slot(termSlot(t) ?? 0)
            case .binary(let op, let a, let b, _): return .binary(op, compile(a), compile(b))
            case .negate(let a, _): return .negate(compile(a))
            }
        }

        var bound = Set<String>()
        var remaining = Array(rule.body.indices)
        var steps: [PlanStep] = []
        var rows = 1.0

        func atomPlan(_ a: Atom, source: AtomSource) -> AtomPlan {
            var p = AtomPlan(predicate: a.name, arity: a.args.count, source: source)
            var local = Set<String>()
            for (col, t) in a.args.enumerated() {
                switch t {
                case .constant(let c, _):
                    p.keyColumns.append(col); p.keySlots.append(constant(c))
                case .variable(let v, _):
                    if bound.contains(v) { p.keyColumns.append(col); p.keySlots.append(slot(v)) }
                    else if local.contains(v) { p.checkColumns.append(col); p.checkSlots.append(slot(v)) }
                    else { local.insert(v); p.outColumns.append(col); p.outSlots.append(slot(v)) }
                case .anonymous: break
                }
            }
            if source == .delta {
                // Deltas are scanned, not indexed: bound positions become checks.
                p.checkColumns += p.keyColumns; p.checkSlots += p.keySlots
                p.keyColumns = []; p.keySlots = []
            }
            return p
        }

        /// Estimated rows per probe of an atom given the current bindings.
        func perProbe(_ a: Atom) -> Double {
            let free = a.args.filter { if case .constant = $0 { return false }; return true }.count
            let k = a.args.filter { t in t.variableName.map { bound.contains($0) } ?? false }.count
            var total: Double
            if program.baseRelations.contains(a.name) {
                var pattern = [TermID?](repeating: nil, count: a.args.count)
                for (i, t) in a.args.enumerated() {
                    if case .constant(let c, _) = t { pattern[i] = pool.lookupExisting(c.text) ?? TermSpace.localBase }
                }
                total = Double(store.estimatedCount(a.name, pattern))
            } else if recursive.contains(a.name) {
                total = Double(max(derivedSize(a.name) ?? 0, 100_000))
            } else {
                total = Double(derivedSize(a.name) ?? 1000)
                let consts = a.args.count - free
                if consts > 0 { total = pow(max(total, 1), Double(free) / Double(a.args.count)) }
            }
            if free == 0 || k == 0 { return total }
            return max(1, pow(max(total, 1), 1 - Double(k) / Double(free)))
        }

        func atomVariables() -> Set<String> {
            var vs = Set<String>()
            for i in remaining {
                if case .positive(let a) = rule.body[i], BuiltinPredicate(rawValue: a.name) == nil {
                    for t in a.args { if let v = t.variableName { vs.insert(v) } }
                }
            }
            return vs
        }

        func placeFilters() {
            var progress = true
            while progress {
                progress = false
                for i in remaining {
                    let lit = rule.body[i]
                    if case .positive(let a) = lit, BuiltinPredicate(rawValue: a.name) == nil { continue }
                    let m = bindingMode(lit, bound: bound)
                    guard m.ready else { continue }
                    // `X = expr` (or lower/length) would bind X by value; when a positive atom still to come
                    // binds X, join first and compare afterwards (numeric equality: 4 = 4.0).
                    if !m.binds.isEmpty && m.binds.contains(where: { atomVariables().contains($0) }) { continue }
                    remaining.removeAll { $0 == i }
                    switch lit {
                    case .negative(let a, _):
                        let src: AtomSource = program.baseRelations.contains(a.name) ? .base : .full
                        rows *= 0.5
                        steps.append(PlanStep(op: .negation(atomPlan(a, source: src)), text: lit.description, estimate: rows,
                                              note: src == .base ? "anti-join (store lookup)" : "anti-join (hash lookup)"))
                    case .comparison(let op, let l, let r, let range):
                        if let v = m.binds.first {
                            let isLeft: Bool = { if case .term(.variable(let n, _)) = l, n == v { return true }; return false }()
                            steps.append(PlanStep(op: .assign(slot(v), compile(isLeft ? r : l), range), text: lit.description, estimate: rows, note: "assign"))
                        } else {
                            rows *= op == .eq ? 0.1 : 0.5
                            steps.append(PlanStep(op: .compare(op, compile(l), compile(r), range), text: lit.description, estimate: rows, note: "filter"))
                        }
                    case .positive(let a):
                        let b = BuiltinPredicate(rawValue: a.name)!
                        let out = m.binds.first != nil
                        if !b.computesSecond || !out { rows *= 0.5 }
                        steps.append(PlanStep(op: .builtin(b, first: termSlot(a.args[0]) ?? 0, second: termSlot(a.args[1]) ?? 0,
                                                          secondIsOutput: out, a.range),
                                              text: lit.description, estimate: rows, note: out ? "compute" : "filter"))
                    }
                    bound.formUnion(m.binds)
                    progress = true
                    break
                }
            }
        }

        func placeAtom(_ i: Int, source: AtomSource) {
            guard case .positive(let a) = rule.body[i] else { return }
            remaining.removeAll { $0 == i }
            let est = source == .delta ? Double(max(derivedSize(a.name) ?? 0, 1)) : perProbe(a)
            let p = atomPlan(a, source: source)
            rows *= max(est, 0.01)
            let note: String
            switch source {
            case .delta: note = "scan Δ\(a.name)"
            case .base: note = p.keyColumns.isEmpty ? "store scan" : "store lookup on \(p.keyColumns)"
            case .full: note = p.keyColumns.isEmpty ? "scan" : "hash lookup on \(p.keyColumns)"
            }
            steps.append(PlanStep(op: .scan(p), text: (source == .delta ? "Δ" : "") + a.description, estimate: rows, note: note))
            for t in a.args { if let v = t.variableName { bound.insert(v) } }
        }

        if let d = delta { placeAtom(d, source: .delta) }
        placeFilters()
        while true {
            let atoms = remaining.filter { i in
                if case .positive(let a) = rule.body[i], BuiltinPredicate(rawValue: a.name) == nil { return true }
                return false
            }
            guard !atoms.isEmpty else { break }
            var best = atoms[0], bestCost = Double.infinity
            for i in atoms {
                guard case .positive(let a) = rule.body[i] else { continue }
                let c = perProbe(a)
                if c < bestCost { best = i; bestCost = c }
            }
            guard case .positive(let a) = rule.body[best] else { break }
            placeAtom(best, source: program.baseRelations.contains(a.name) ? .base : .full)
            placeFilters()
        }

        var headSlots: [Int] = []
        var aggregate: (Int, AggregateKind)?
        for (col, arg) in rule.head.args.enumerated() {
            switch arg {
            case .term(let t): headSlots.append(termSlot(t) ?? 0)
            case .aggregate(let k, let v, _): headSlots.append(slot(v)); aggregate = (col, k)
            }
        }
        var deltaPred: String?
        if let d = delta, case .positive(let a) = rule.body[d] { deltaPred = a.name }
        return RulePlan(ruleIndex: index, ruleText: rule.description, deltaLiteral: delta, deltaPredicate: deltaPred,
                        steps: steps, head: HeadPlan(predicate: rule.head.name, slots: headSlots, aggregate: aggregate),
                        slotCount: slotNames.count, constants: constants, slotNames: slotNames,
                        actual: [Int](repeating: 0, count: steps.count + 2))
    }
}
