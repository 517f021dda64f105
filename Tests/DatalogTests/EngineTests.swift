import Foundation
import Testing
@testable import Datalog
import Graph

@Suite struct ClassicProgramTests {
    static func edges(_ pairs: [(Int, Int)]) -> MemoryFactStore {
        let s = MemoryFactStore()
        for (a, b) in pairs { s.addTriple(String(a), "edge", String(b)) }
        return s
    }
    static let edgeRule = "edge(X, Y) :- rel(X, \"edge\", Y).\n"

    @Test func transitiveClosureOfChain() throws {
        let engine = Engine(store: Self.edges((0..<50).map { ($0, $0 + 1) }))
        try engine.load(Self.edgeRule + "tc(X, Y) :- edge(X, Y).\ntc(X, Z) :- tc(X, Y), edge(Y, Z).")
        #expect(try engine.query("?- tc(X, Y).").rowCount == 51 * 50 / 2)
        let from49 = try engine.query("?- tc(\"48\", Y).")
        #expect(from49.stringRows() == [["49"], ["50"]])
    }

    @Test func nonLinearClosureMatchesLinear() throws {
        let pairs = [(1, 2), (2, 3), (3, 1), (3, 4), (4, 5), (6, 7)]
        let engine = Engine(store: Self.edges(pairs))
        try engine.load(Self.edgeRule + "a(X, Y) :- edge(X, Y).\na(X, Z) :- a(X, Y), edge(Y, Z).\nb(X, Y) :- edge(X, Y).\nb(X, Z) :- b(X, Y), b(Y, Z).")
        #expect(try engine.query("?- a(X, Y).").stringRows() == engine.query("?- b(X, Y).").stringRows())
    }

    @Test func sameGenerationOnBinaryTree() throws {
        // depth-3 complete binary tree: SG = sum_{d=1..3} 2^d (2^d - 1) = 2 + 12 + 56 = 70
        let engine = Engine(store: Self.edges((1..<15).map { (($0 - 1) / 2, $0) }))
        try engine.load(Self.edgeRule + "sg(X, Y) :- edge(P, X), edge(P, Y), X != Y.\nsg(X, Y) :- edge(A, X), sg(A, B), edge(B, Y).")
        #expect(try engine.query("?- sg(X, Y).").rowCount == 70)
    }

    @Test func reachabilityWithNegation() throws {
        let engine = Engine(store: Self.edges([(0, 1), (1, 2), (5, 6)]))
        try engine.load(Self.edgeRule + """
        node(X) :- edge(X, _).
        node(X) :- edge(_, X).
        reach(X) :- edge("0", X).
        reach(Y) :- reach(X), edge(X, Y).
        unreached(X) :- node(X), not reach(X), X != "0".
        """)
        #expect(try engine.query("?- unreached(X).").stringRows() == [["5"], ["6"]])
    }

    @Test func connectedComponentsByMinLabel() throws {
        // Stratified formulation: reach/2 (undirected closure) is computed in one stratum, min<> over it in
        // the next. Propagating min labels inside the recursion would aggregate through recursion (rejected).
        let engine = Engine(store: Self.edges([(3, 1), (1, 2), (5, 4), (9, 9), (10, 6)]))
        try engine.load(Self.edgeRule + """
        node(X) :- edge(X, _).
        node(X) :- edge(_, X).
        link(X, Y) :- edge(X, Y).
        link(X, Y) :- edge(Y, X).
        reach(X, X) :- node(X).
        reach(X, Z) :- reach(X, Y), link(Y, Z).
        cc(X, min<Y>) :- reach(X, Y).
        """)
        let r = try engine.query("?- cc(X, C).")
        #expect(r.stringRows() == [["1", "1"], ["2", "1"], ["3", "1"], ["4", "4"], ["5", "4"], ["6", "6"], ["9", "9"], ["10", "6"]])
        do {
            try engine.load("bad(X, min<L>) :- node(X), L = X.\nbad(X, min<L>) :- bad(Y, L), link(Y, X).")
            Issue.record("min-label propagation through recursion must be rejected")
        } catch {
            #expect(error.message.contains("aggregates over itself through bad → bad"))
        }
    }

    @Test func degreeCounts() throws {
        let engine = Engine(store: Self.edges([(1, 2), (1, 3), (1, 4), (2, 3)]))
        try engine.load(Self.edgeRule + "outdeg(X, count<Y>) :- edge(X, Y).\nindeg(Y, count<X>) :- edge(X, Y).")
        #expect(try engine.query("?- outdeg(X, N).").stringRows() == [["1", "3"], ["2", "1"]])
        #expect(try engine.query("?- indeg(X, N), N > 1.").stringRows() == [["3", "2"]])
    }
}

@Suite struct EngineAPITests {
    @Test func loadPopReset() throws {
        let store = MemoryFactStore()
        store.addTriple("a", "knows", "b")
        let engine = Engine(store: store)
        try engine.load("k(X, Y) :- rel(X, knows, Y).")
        try engine.load("k2(X) :- k(X, _).")
        #expect(try engine.query("?- k2(X).").rowCount == 1)
        #expect(engine.pop())
        #expect(throws: QueryError.self) { try engine.query("?- k2(X).") }
        #expect(try engine.query("?- k(X, Y).").rowCount == 1)
        engine.reset()
        #expect(engine.rules.isEmpty)
        #expect(!engine.pop())
    }

    /// Answers are shown with digit runs in order of value; comparisons in queries stay byte-wise.
    @Test func answersSortDigitRunsByValueButComparisonsStayByteWise() throws {
        let store = MemoryFactStore()
        for id in ["fact/10", "fact/2", "fact/1", "item", "fact/100"] { store.addTriple(id, "is", "x") }
        let engine = Engine(store: store)
        let rows = try engine.query("?- rel(F, is, x).").stringRows()
        #expect(rows == [["fact/1"], ["fact/2"], ["fact/10"], ["fact/100"], ["item"]], "\(rows)")
        let before = try engine.query("?- rel(F, is, x), F < \"fact/2\".").stringRows()
        #expect(before == [["fact/1"], ["fact/10"], ["fact/100"]], "\(before)")
        #expect(TermPool.naturalOrder("n9", "n10") && !TermPool.naturalOrder("n10", "n9"))
        #expect(TermPool.naturalOrder("a01", "a1") && !TermPool.naturalOrder("a1", "a01"))
    }

    @Test func failedLoadChangesNothing() throws {
        let engine = Engine(store: MemoryFactStore())
        try engine.load("p(a).")
        #expect(throws: QueryError.self) { try engine.load("q(X) :- p(X), not q(X).") }
        #expect(engine.loadedProgramCount == 1)
        #expect(try engine.query("?- p(X).").stringRows() == [["a"]])
    }

    @Test func explainShowsEstimatesAndActuals() throws {
        let store = MemoryFactStore()
        for i in 0..<20 { store.addTriple("n\(i)", "edge", "n\(i + 1)") }
        let engine = Engine(store: store)
        try engine.load("tc(X, Y) :- rel(X, edge, Y).\ntc(X, Z) :- tc(X, Y), rel(Y, edge, Z).")
        let text = try engine.explain("?- tc(n0, Y).")
        #expect(text.contains("semi-naive: Δtc"))
        #expect(text.contains("est "))
        #expect(text.contains("actual 210"))
        #expect(text.contains("store lookup on [1]"))
    }

    @Test func formatters() throws {
        let store = MemoryFactStore()
        store.add("alias", ["e1", "Smith, \"Jo\""])
        store.add("alias", ["e2", "tab\there"])
        store.add("alias", ["e3", String(repeating: "x", count: 50)])
        let engine = Engine(store: store)
        let r = try engine.query("?- alias(E, Name).")
        #expect(ResultFormatter.csv(r) == "E,Name\r\ne1,\"Smith, \"\"Jo\"\"\"\r\ne2,tab\there\r\ne3,\(String(repeating: "x", count: 50))\r\n")
        #expect(ResultFormatter.tsv(r).contains("e2\ttab\\there\n"))
        #expect(ResultFormatter.json(r).contains("[\"e1\", \"Smith, \\\"Jo\\\"\"]"))
        let t = ResultFormatter.table(r, maxColumnWidth: 10)
        #expect(t.hasPrefix("E   Name\n--  ----------\n"))
        #expect(t.contains("xxxxxxxxx…"))
        #expect(t.hasSuffix("(3 rows)\n"))
        #expect(ResultFormatter.table(try engine.query("?- alias(e1, _).")) == "true\n")
    }

    @Test func unorderedAndOrderedAgree() throws {
        let store = MemoryFactStore()
        for i in 0..<30 { store.addTriple("n\(i % 7)", "p", String(i * 37 % 11)) }
        let engine = Engine(store: store)
        let a = try engine.query("?- rel(X, p, Y).", ordered: true)
        let b = try engine.query("?- rel(X, p, Y).", ordered: false)
        #expect(Set(a.stringRows()) == Set(b.stringRows()))
        let nums = a.stringRows().filter { $0[0] == "n0" }.map { Int($0[1])! }
        #expect(nums == nums.sorted())
    }

    @Test func sortingAnUnorderedResultGivesTheOrderedAnswer() throws {
        let store = MemoryFactStore()
        for i in 0..<400 { store.addTriple("n\(i % 13)", i % 3 == 0 ? "p" : "q", i % 5 == 0 ? "x\(i % 17)" : String(i * 37 % 101)) }
        let engine = Engine(store: store)
        try engine.load("two(X, Z) :- rel(X, _, Y), rel(Y, _, Z).")
        for query in ["?- rel(X, P, Y).", "?- rel(X, p, Y), X != \"n3\".", "?- two(A, B).", "?- rel(\"n1\", _, _).", "?- rel(X, nothing, Y)."] {
            let ordered = try engine.query(query, ordered: true)
            let sorted = try engine.query(query, ordered: false).sorted()
            #expect(sorted.ids == ordered.ids, "\(query)")
            #expect(sorted.columns == ordered.columns && sorted.rowCount == ordered.rowCount)
            #expect(ResultFormatter.table(sorted) == ResultFormatter.table(ordered))
        }
        #expect(engine.evaluations == 10)
    }
}

@Suite struct LimitsTests {
    static func bigEngine() throws -> Engine {
        let store = MemoryFactStore()
        for i in 0..<3000 { store.addTriple(String(i), "edge", String(i + 1), withFact: false) }
        let engine = Engine(store: store)
        try engine.load("e(X, Y) :- rel(X, \"edge\", Y).\ntc(X, Y) :- e(X, Y).\ntc(X, Z) :- tc(X, Y), e(Y, Z).")
        return engine
    }

    @Test func tupleLimitStopsWithPartialCounts() throws {
        let engine = try Self.bigEngine()
        do {
            _ = try engine.query("?- tc(X, Y).", limits: EvaluationLimits(maxTuples: 10_000))
            Issue.record("expected a limit error")
        } catch {
            #expect(error.kind == .tupleLimit)
            #expect(error.message.contains("stopped at the limit of 10,000 tuples"))
            #expect(error.message.contains("strat"))
            #expect((error.stats?.tuplesDerived ?? 0) > 10_000)
        }
    }

    @Test func deadlineStops() throws {
        let engine = try Self.bigEngine()
        let start = ContinuousClock.now
        do {
            _ = try engine.query("?- tc(X, Y).", limits: .timeout(0.05))
            Issue.record("expected a deadline error")
        } catch {
            #expect(error.kind == .deadline)
            #expect(error.message.hasPrefix("stopped after"))
        }
        #expect(ContinuousClock.now - start < .seconds(2))
        // cache holds no partial relation: a later unlimited query is complete
        #expect(try engine.query("?- e(X, Y).").rowCount == 3000)
    }

    /// The engine checks the flag every 4,096 tuples, a few milliseconds of work; the bound allows for a
    /// loaded machine descheduling the querying thread (the join itself would run for hours).
    @Test func cancellationFromAnotherThreadStopsTheQueryPromptly() throws {
        let store = MemoryFactStore()
        for i in 0..<400 { for j in 0..<400 where (i * 7 + j) % 3 == 0 { store.add("rel", [String(i), "p", String(j)]) } }
        let engine = Engine(store: store)
        let flag = CancellationFlag()
        let cancelledAt = Mutex<ContinuousClock.Instant?>(nil)
        let t = Thread {
            Thread.sleep(forTimeInterval: 0.2)
            cancelledAt.withLock { $0 = .now }
            flag.cancel()
        }
        t.start()
        do {
            // a long 4-way join
            _ = try engine.query("?- rel(A, p, B), rel(B, p, C), rel(C, p, D), rel(D, p, E).", limits: EvaluationLimits(cancellation: flag), ordered: false)
            Issue.record("expected cancellation")
        } catch {
            let stoppedAt = ContinuousClock.now
            #expect(error.kind == .cancelled)
            if let c = cancelledAt.withLock({ $0 }) { #expect(stoppedAt - c < .seconds(1)) }
        }
    }
}

import Synchronization
