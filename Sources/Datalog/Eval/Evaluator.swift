import Graph
/// Phase 5: bottom-up evaluation stratum by stratum; recursive strata run semi-naive (each recursive body atom
/// in turn reads the delta, i.e. the rows appended in the previous iteration), aggregates group by the other
/// head arguments over the distinct (group, value) tuples of the body.
final class Evaluator {
    struct StratumLog {
        var stratum: Int
        var predicates: [String]
        var recursive: Bool
        var iterations: Int
        var runners: [RuleRunner]
        var cached: Bool
    }

    let program: CheckedProgram
    let ctx: EvalContext
    /// Completed relations (shared with the engine's cache) and relations being computed.
    var relations: [String: Relation]
    let record: Bool
    private(set) var log: [StratumLog] = []
    /// Called after each completed stratum with its relations (the engine caches them).
    var onComplete: ([String: Relation]) -> Void = { _ in }
    /// Predicates whose rules provably produce distinct tuples (stored append-only, without a hash set).
    var distinctPredicates: Set<String> = []

    init(program: CheckedProgram, ctx: EvalContext, cached: [String: Relation], record: Bool) {
        self.program = program
        self.ctx = ctx
        relations = cached
        self.record = record
    }

    func evaluate(strata: [Int]) throws(QueryError) {
        for s in strata {
            let st = program.strata[s]
            if st.predicates.allSatisfy({ relations[$0] != nil }) {
                ctx.stats.strataFromCache += 1
                if record { log.append(StratumLog(stratum: s, predicates: st.predicates, recursive: st.recursive, iterations: 0, runners: [], cached: true)) }
                continue
            }
            try evaluateStratum(s)
        }
    }

    private func relation(_ name: String) -> Relation {
        if let r = relations[name] { return r }
        let r = Relation(name: name, arity: program.arities[name] ?? 0)
        relations[name] = r
        return r
    }

    func evaluateStratum(_ s: Int) throws(QueryError) {
        try ctx.check()
        let st = program.strata[s]
        // The stratum's own relations, by position in `st.predicates`.
        let own = st.predicates.map { p in
            let r = Relation(name: p, arity: program.arities[p] ?? 0, distinctByConstruction: distinctPredicates.contains(p))
            relations[p] = r
            return r
        }
        let position = Dictionary(st.predicates.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let recursiveSet = st.recursive ? Set(st.predicates) : []
        let planner = Planner(program: program, store: ctx.store, pool: ctx.pool,
                              derivedSize: { [unowned self] in self.relations[$0]?.count }, recursive: recursiveSet)
        var exitRunners: [RuleRunner] = [], deltaRunners: [(runner: RuleRunner, reads: Int)] = []
        var aggregates: [(RuleRunner, Relation, HeadPlan)] = []
        for r in st.rules {
            let (full, deltas) = planner.plans(forRule: r)
            if let full {
                if full.head.aggregate != nil {
                    let temp = Relation(name: full.head.predicate + "#groups", arity: full.head.slots.count)
                    let runner = RuleRunner(plan: full, ctx: ctx, target: temp, relations: relation)
                    aggregates.append((runner, relation(full.head.predicate), full.head))
                    exitRunners.append(runner)
                } else {
                    exitRunners.append(RuleRunner(plan: full, ctx: ctx, target: relation(full.head.predicate), relations: relation))
                }
            }
            for d in deltas {
                // The planner makes delta plans only for body atoms of this stratum's recursive predicates.
                guard let p = d.deltaPredicate, let reads = position[p] else {
                    throw QueryError(.runtime, message: "internal error: a semi-naive plan of `\(d.head.predicate)` reads no predicate of its stratum (\(d.deltaPredicate ?? "none"))")
                }
                deltaRunners.append((RuleRunner(plan: d, ctx: ctx, target: relation(d.head.predicate), relations: relation), reads))
            }
        }
        var iterations = 0
        for runner in exitRunners where runner.plan.head.aggregate == nil { try runner.run() }
        for (runner, rel, head) in aggregates {
            try runner.run()
            try aggregate(runner.target, into: rel, head: head)
        }
        if st.recursive {
            // Rows lo..<hi of each relation are the delta: what the previous iteration added.
            var lo = [Int](repeating: 0, count: own.count), hi = own.map(\.count)
            while true {
                iterations += 1
                ctx.stats.iterations += 1
                try ctx.check()
                for (runner, reads) in deltaRunners {
                    runner.deltaLo = lo[reads]
                    runner.deltaHi = hi[reads]
                    if runner.deltaLo < runner.deltaHi { try runner.run() }
                }
                var changed = false
                for (k, r) in own.enumerated() {
                    lo[k] = hi[k]
                    hi[k] = r.count
                    if lo[k] < hi[k] { changed = true }
                }
                if !changed { break }
            }
        } else {
            iterations = 1
            ctx.stats.iterations += 1
        }
        ctx.stats.strataEvaluated += 1
        if record {
            log.append(StratumLog(stratum: s, predicates: st.predicates, recursive: st.recursive, iterations: iterations,
                                  runners: exitRunners + deltaRunners.map(\.runner), cached: false))
        }
        var done: [String: Relation] = [:]
        for p in st.predicates { done[p] = relations[p] }
        onComplete(done)
    }

    /// Groups the distinct (group..., value) tuples by the non-aggregate columns and folds each group.
    private func aggregate(_ temp: Relation, into rel: Relation, head: HeadPlan) throws(QueryError) {
        guard let (col, kind) = head.aggregate else { return }
        let arity = temp.arity
        let groupCols = (0..<arity).filter { $0 != col }
        var order = Array(0..<temp.count)
        order.sort { a, b in
            let x = temp.row(a), y = temp.row(b)
            for c in groupCols where x[c] != y[c] { return x[c] < y[c] }
            return false
        }
        let pool = ctx.pool
        let out = UnsafeMutablePointer<TermID>.allocate(capacity: max(arity, 1))
        defer { out.deallocate() }
        var i = 0
        while i < order.count {
            var j = i + 1
            let first = temp.row(order[i])
            while j < order.count {
                let y = temp.row(order[j])
                var same = true
                for c in groupCols where first[c] != y[c] { same = false; break }
                if !same { break }
                j += 1
            }
            if j - i > 64 { try ctx.check() }
            var result: TermID?
            switch kind {
            case .count: result = pool.internNumber(Double(j - i))
            case .sum, .avg:
                var sum = 0.0, n = 0
                for k in i..<j { if let v = pool.number(temp.row(order[k])[col]) { sum += v; n += 1 } }
                if kind == .sum { result = pool.internNumber(sum) } else if n > 0 { result = pool.internNumber(sum / Double(n)) }
            case .min, .max:
                var best = temp.row(order[i])[col]
                for k in (i + 1)..<j {
                    let v = temp.row(order[k])[col]
                    let c = pool.compare(v, best)
                    if kind == .min ? c < 0 : c > 0 { best = v }
                }
                result = best
            }
            if let result {
                for c in 0..<arity { out[c] = first[c] }
                out[col] = result
                if rel.insert(out) { try ctx.derived() }
            }
            i = j
        }
    }
}
