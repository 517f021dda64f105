import TestSupport
import Foundation
import Testing
@testable import Datalog
import Graph

/// Differential testing: random stratified programs (recursion, negation, comparisons, arithmetic, aggregates)
/// over random small graphs, evaluated by the engine and by a deliberately naive reference evaluator
/// (bottom-up fixpoint over sets of [String] tuples, nested-loop matching with dictionaries). Must agree exactly.
@Suite struct DifferentialTests {
    // MARK: reference model

    enum RTerm: CustomStringConvertible {
        case v(String), c(String), anon
        var description: String {
            switch self { case .v(let s): return s; case .c(let s): return s; case .anon: return "_" }
        }
    }
    enum RLit {
        case pos(String, [RTerm]), neg(String, [RTerm]), cmp(String, RTerm, RTerm), add(String, RTerm, Int)
        var text: String {
            switch self {
            case .pos(let p, let a): return "\(p)(\(a.map(\.description).joined(separator: ", ")))"
            case .neg(let p, let a): return "not \(p)(\(a.map(\.description).joined(separator: ", ")))"
            case .cmp(let op, let l, let r): return "\(l) \(op) \(r)"
            case .add(let t, let a, let k): return "\(t) = \(a) + \(k)"
            }
        }
    }
    struct RRule {
        var head: String
        var args: [RTerm]
        var aggregate: (col: Int, kind: String)?
        var body: [RLit]
        var text: String {
            let h = args.enumerated().map { i, a in aggregate?.col == i ? "\(aggregate!.kind)<\(a)>" : a.description }
            return "\(head)(\(h.joined(separator: ", "))) :- \(body.map(\.text).joined(separator: ", "))."
        }
    }

    static func num(_ s: String) -> Double? { TermPool.parseNumber(s) }
    static func cmp(_ a: String, _ b: String) -> Int {
        if let x = num(a), let y = num(b) { return x < y ? -1 : (x > y ? 1 : 0) }
        return a == b ? 0 : (a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1)
    }
    static func fmt(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d) }

    /// All variable bindings satisfying the body (literals evaluated left to right; the generator puts
    /// negations and comparisons after the atoms binding their variables).
    static func solutions(_ body: [RLit], _ db: [String: Set<[String]>]) -> [[String: String]] {
        var out: [[String: String]] = []
        func value(_ t: RTerm, _ b: [String: String]) -> String? {
            switch t { case .v(let n): return b[n]; case .c(let c): return c; case .anon: return nil }
        }
        func match(_ args: [RTerm], _ tuple: [String], _ b: [String: String]) -> [String: String]? {
            var b = b
            for (t, x) in zip(args, tuple) {
                switch t {
                case .anon: continue
                case .c(let c): if c != x { return nil }
                case .v(let n): if let y = b[n] { if y != x { return nil } } else { b[n] = x }
                }
            }
            return b
        }
        func go(_ i: Int, _ b: [String: String]) {
            if i == body.count { out.append(b); return }
            switch body[i] {
            case .pos(let p, let args):
                for t in db[p] ?? [] { if let nb = match(args, t, b) { go(i + 1, nb) } }
            case .neg(let p, let args):
                if !(db[p] ?? []).contains(where: { match(args, $0, b) != nil }) { go(i + 1, b) }
            case .cmp(let op, let l, let r):
                let c = cmp(value(l, b)!, value(r, b)!)
                let ok: Bool
                switch op {
                case "=": ok = c == 0
                case "!=": ok = c != 0
                case "<": ok = c < 0
                case "<=": ok = c <= 0
                case ">": ok = c > 0
                default: ok = c >= 0
                }
                if ok { go(i + 1, b) }
            case .add(let t, let a, let k):
                if let x = num(value(a, b)!) {
                    var nb = b
                    nb[t] = fmt(x + Double(k))
                    go(i + 1, nb)
                }
            }
        }
        go(0, [:])
        return out
    }

    /// Naive bottom-up evaluation, predicate by predicate in definition order (the generator only lets a
    /// predicate negate or aggregate predicates defined before it).
    static func reference(order: [String], rules: [RRule], base: [String: Set<[String]>]) -> [String: Set<[String]>] {
        var db = base
        for p in order {
            let rs = rules.filter { $0.head == p }
            db[p] = db[p] ?? []
            if let agg = rs.first?.aggregate {
                var groups: [[String]: Set<String>] = [:]
                for r in rs {
                    for b in solutions(r.body, db) {
                        let vals = r.args.map { t -> String in if case .v(let n) = t { return b[n]! }; if case .c(let c) = t { return c }; return "" }
                        var key = vals; key.remove(at: agg.col)
                        groups[key, default: []].insert(vals[agg.col])
                    }
                }
                for (key, values) in groups {
                    let nums = values.compactMap(num)
                    var result: String?
                    switch agg.kind {
                    case "count": result = String(values.count)
                    case "sum": result = fmt(nums.reduce(0, +))
                    case "avg": result = nums.isEmpty ? nil : fmt(nums.reduce(0, +) / Double(nums.count))
                    case "min": result = values.min { cmp($0, $1) < 0 }
                    default: result = values.max { cmp($0, $1) < 0 }
                    }
                    if let result { var t = key; t.insert(result, at: agg.col); db[p]!.insert(t) }
                }
                continue
            }
            var changed = true
            while changed {
                changed = false
                for r in rs {
                    for b in solutions(r.body, db) {
                        let t = r.args.map { t -> String in if case .v(let n) = t { return b[n]! }; if case .c(let c) = t { return c }; return "" }
                        if db[p]!.insert(t).inserted { changed = true }
                    }
                }
            }
        }
        return db
    }

    // MARK: generator

    struct Case {
        var store: MemoryFactStore
        var text: String
        var order: [String]
        var rules: [RRule]
        var base: [String: Set<[String]>]
    }

    static func generate(seed: UInt64) -> Case {
        var rng = SplitMix(state: seed)
        let nodes = 4 + rng.below(4)
        let store = MemoryFactStore()
        var base: [String: Set<[String]>] = ["e": [], "f": [], "g": []]
        for (rel, n) in [("e", 6 + rng.below(8)), ("f", 3 + rng.below(6))] {
            for _ in 0..<n {
                let a = String(rng.below(nodes)), b = String(rng.below(nodes))
                store.addTriple(a, rel, b)
                base[rel]!.insert([a, b])
            }
        }
        var text = "e(X, Y) :- rel(X, \"e\", Y).\nf(X, Y) :- rel(X, \"f\", Y).\n"
        for _ in 0..<(2 + rng.below(4)) {
            let a = String(rng.below(nodes)), b = String(rng.below(nodes))
            text += "g(\(a), \(b)).\n"
            base["g"]!.insert([a, b])
        }
        var available = ["e", "f", "g"]
        var order: [String] = []
        var rules: [RRule] = []
        let count = 2 + rng.below(4)
        for i in 0..<count {
            let name = "p\(i)"
            if i > 0 && rng.chance(0.3) {
                // aggregate over an earlier predicate
                let kinds = ["count", "sum", "min", "max", "avg"]
                let src = available[rng.below(available.count)]
                let kind = kinds[rng.below(kinds.count)]
                let flip = rng.chance(0.5)
                let body: [RLit] = [.pos(src, flip ? [.v("B"), .v("A")] : [.v("A"), .v("B")])]
                rules.append(RRule(head: name, args: [.v("A"), .v("B")], aggregate: (1, kind), body: body))
            } else {
                let recursive = rng.chance(0.6)
                for r in 0..<(1 + rng.below(3)) {
                    let allowSelf = recursive && r > 0
                    var body: [RLit] = []
                    let len = 1 + rng.below(3)
                    var vars = ["V0"]
                    for k in 0..<len {
                        let pred = allowSelf && k == 0 && rng.chance(0.7) ? name : available[rng.below(available.count)]
                        let nv = "V\(k + 1)"
                        var args: [RTerm] = rng.chance(0.8) ? [.v(vars[k]), .v(nv)] : [.v(nv), .v(vars[k])]
                        if !allowSelf && rng.chance(0.1) { args[rng.below(2)] = .c(String(rng.below(nodes))) }
                        else if rng.chance(0.08) { args = [.v(vars[k]), .v(vars[k])] }   // repeated variable
                        body.append(.pos(pred, args))
                        vars.append(nv)
                    }
                    let bound = vars.filter { v in body.contains { if case .pos(_, let a) = $0 { return a.contains { if case .v(let n) = $0 { return n == v }; return false } }; return false } }
                    let pick = { (rng: inout SplitMix) -> String in bound[rng.below(bound.count)] }
                    if rng.chance(0.4) {
                        let neg = available[rng.below(available.count)]
                        let a = pick(&rng)
                        body.append(.neg(neg, rng.chance(0.3) ? [.v(a), .anon] : [.v(a), .v(pick(&rng))]))
                    }
                    if rng.chance(0.3) {
                        let ops = ["!=", "<", "<=", ">", ">=", "="]
                        body.append(.cmp(ops[rng.below(ops.count)], .v(pick(&rng)), rng.chance(0.3) ? .c(String(rng.below(nodes))) : .v(pick(&rng))))
                    }
                    var head: [RTerm] = [.v(pick(&rng)), .v(pick(&rng))]
                    if !recursive && rng.chance(0.25) {
                        body.append(.add("Z", .v(pick(&rng)), 1 + rng.below(3)))
                        head[1] = .v("Z")
                    }
                    rules.append(RRule(head: name, args: head, aggregate: nil, body: body))
                }
                if recursive && !rules.contains(where: { $0.head == name && !$0.body.contains { if case .pos(let p, _) = $0 { return p == name }; return false } }) {
                    // make sure there is an exit rule
                    rules.append(RRule(head: name, args: [.v("A"), .v("B")], aggregate: nil, body: [.pos(available[rng.below(available.count)], [.v("A"), .v("B")])]))
                }
            }
            order.append(name)
            available.append(name)
        }
        for r in rules { text += r.text + "\n" }
        return Case(store: store, text: text, order: order, rules: rules, base: base)
    }

    @Test func engineAgreesWithNaiveReference() throws {
        var checked = 0
        for seed in UInt64(1)...250 {
            let c = Self.generate(seed: seed &* 7919)
            let expected = Self.reference(order: c.order, rules: c.rules, base: c.base)
            let engine = Engine(store: c.store)
            do { try engine.load(c.text) } catch {
                Issue.record("seed \(seed): program rejected: \(error.render(source: c.text))\n\(c.text)")
                continue
            }
            for p in c.order {
                let r = try engine.query("?- \(p)(A, B).", limits: .timeout(10))
                let got = Set(r.stringRows())
                let want = expected[p] ?? []
                if got != want {
                    Issue.record("seed \(seed), \(p): engine \(got.sorted { $0.lexicographicallyPrecedes($1) }) vs reference \(want.sorted { $0.lexicographicallyPrecedes($1) })\n\(c.text)")
                    break
                }
                checked += 1
            }
        }
        #expect(checked > 500)
    }
}
