import Graph
/// Builds the predicate dependency graph, finds its strongly connected components with an iterative
/// Tarjan, and rejects negation or aggregation through recursion, naming the cycle.
struct Stratifier {
    struct Edge { var to: Int; var negative: Bool; var site: SourceRange; var viaAggregate: Bool }

    let rules: [Rule]
    let names: [String]
    let id: [String: Int]
    var edges: [[Edge]]

    init(rules: [Rule], derived: Set<String>) {
        self.rules = rules
        names = derived.sorted()
        var id: [String: Int] = [:]
        for (i, n) in names.enumerated() { id[n] = i }
        self.id = id
        var edges = [[Edge]](repeating: [], count: names.count)
        for rule in rules {
            let h = id[rule.head.name]!
            let agg = rule.head.hasAggregate
            for lit in rule.body {
                switch lit {
                case .positive(let a):
                    if let t = id[a.name] { edges[h].append(Edge(to: t, negative: agg, site: a.range, viaAggregate: agg)) }
                case .negative(let a, let r):
                    if let t = id[a.name] { edges[h].append(Edge(to: t, negative: true, site: r, viaAggregate: false)) }
                case .comparison: break
                }
            }
        }
        self.edges = edges
    }

    /// Strongly connected components in reverse topological order of the head→body graph (dependencies first).
    func components() -> [[Int]] {
        let n = names.count
        var index = [Int](repeating: -1, count: n), low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int] = [], result: [[Int]] = []
        var counter = 0
        for root in 0..<n where index[root] < 0 {
            // Explicit call stack of (node, next edge position).
            var calls: [(Int, Int)] = [(root, 0)]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while !calls.isEmpty {
                let (v, e) = calls[calls.count - 1]
                if e < edges[v].count {
                    calls[calls.count - 1].1 = e + 1
                    let w = edges[v][e].to
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack[w] = true
                        calls.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                    continue
                }
                calls.removeLast()
                if let (parent, _) = calls.last { low[parent] = min(low[parent], low[v]) }
                if low[v] == index[v] {
                    var comp: [Int] = []
                    while true {
                        let w = stack.removeLast()
                        onStack[w] = false
                        comp.append(w)
                        if w == v { break }
                    }
                    result.append(comp.sorted())
                }
            }
        }
        return result
    }

    func stratify() throws(QueryError) -> ([CheckedProgram.Stratum], [String: Int]) {
        let comps = components()
        var compOf = [Int](repeating: 0, count: names.count)
        for (c, comp) in comps.enumerated() { for v in comp { compOf[v] = c } }
        var errors: [Diagnostic] = []
        var strata: [CheckedProgram.Stratum] = []
        var stratumOf: [String: Int] = [:]
        for (c, comp) in comps.enumerated() {
            var recursive = comp.count > 1
            for v in comp {
                for e in edges[v] where compOf[e.to] == c {
                    if e.to == v { recursive = true }
                    if e.negative {
                        let path = cyclePath(from: v, through: e.to, component: c, compOf: compOf)
                        let cycle = path.map { names[$0] }.joined(separator: " → ")
                        let msg = e.viaAggregate ? "`\(names[v])` aggregates over itself through \(cycle)"
                                                 : "`\(names[v])` depends negatively on itself through \(cycle)"
                        errors.append(Diagnostic(msg,
                                                 at: e.site,
                                                 hints: [e.viaAggregate ? "aggregation through recursion is not stratifiable: aggregate a predicate computed in a lower stratum"
                                                                        : "negation through recursion is not stratifiable: negate only predicates that do not depend on `\(names[v])`"]))
                    }
                }
            }
            let preds = comp.map { names[$0] }
            for p in preds { stratumOf[p] = strata.count }
            let ruleIdx = rules.indices.filter { preds.contains(rules[$0].head.name) }
            strata.append(CheckedProgram.Stratum(predicates: preds, rules: ruleIdx, recursive: recursive))
        }
        if !errors.isEmpty { throw QueryError(.analysis, errors) }
        return (strata, stratumOf)
    }

    /// v → w → ... → v inside one SCC (breadth-first, so the shortest cycle through the edge).
    private func cyclePath(from v: Int, through w: Int, component c: Int, compOf: [Int]) -> [Int] {
        if v == w { return [v, v] }
        var prev = [Int: Int]()
        var queue = [w], head = 0
        prev[w] = w
        while head < queue.count {
            let x = queue[head]; head += 1
            if x == v { break }
            for e in edges[x] where compOf[e.to] == c && prev[e.to] == nil {
                prev[e.to] = x
                queue.append(e.to)
            }
        }
        var path = [v]
        var x = v
        while x != w, let p = prev[x] { path.append(p); x = p }
        return [v] + path.reversed().dropLast() + [v]
    }
}
