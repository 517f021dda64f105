import Testing
@testable import Datalog
import Graph

/// Query texts carry a `⟦` marker where the diagnostic must point; it is removed before parsing.
@Suite struct DiagnosticsTests {
    static func located(_ marked: String) -> (String, Int, Int) {
        var line = 1, col = 1
        for ch in marked.unicodeScalars {
            if ch == "⟦" { break }
            if ch == "\n" { line += 1; col = 1 } else { col += 1 }
        }
        return (marked.replacingOccurrences(of: "⟦", with: ""), line, col)
    }

    static func firstError(_ text: String) -> Diagnostic? {
        let store = MemoryFactStore()
        store.addTriple("a", "edge", "b")
        let engine = Engine(store: store)
        do {
            let p = try Program.parse(text)
            try engine.load(p)
            for i in p.queries.indices { _ = try engine.query(p.queryText(i)) }
        } catch { return error.diagnostics.first }
        return nil
    }

    @Test(arguments: [
        ("tc(X, Y ⟦:- rel(X, edge, Y).", "expected ')' or ','"),
        ("p(X) :- ⟦rell(X, edge, _).", "did you mean `rel/3`?"),
        ("p(X) :- ⟦rel(X, edge).", "arity mismatch"),
        ("p(X) :- rel(X, edge, _), not rel(X, edge, ⟦Z).", "unbound variable `Z` in negation"),
        ("p(X) :- rel(X, edge, _),\n   X > ⟦Q.", "unbound variable `Q` in comparison"),
        ("p(⟦Y) :- rel(X, edge, _).", "head variable `Y` is not bound"),
        ("p(X) :- rel(X, edge, _)⟦\nq(X) :- p(X).", "expected ',' or '.'"),
        ("p(X) :- alias(X, ⟦\"oops).", "unterminated string"),
        ("p(X) :- rel(X, edge, _), ⟦'a' = X.", "unexpected character"),
        ("?- rel(X, edge, Y), ⟦matches(X, \"(\").", "invalid regular expression"),
        ("p(X) :- rel(X, edge, _), ⟦not q(X).\nq(X) :- not p(X), rel(X, edge, _).", "depends negatively on itself"),
        ("⟦/* open /* comment", "unterminated block comment"),
        ("p(X) :- rel(X, edge, _), X = ⟦.", "expected a term"),
        ("p(count<⟦x>) :- rel(X, edge, _).", "did you mean `count<X>`?"),
    ])
    func pointsAtTheOffendingToken(_ marked: String, _ expected: String) {
        let (text, line, col) = Self.located(marked)
        guard let d = Self.firstError(text) else { Issue.record("no diagnostic for \(text)"); return }
        let all = d.message + " " + d.hints.joined(separator: " ")
        #expect(d.range?.start.line == line, "\(text): \(d)")
        #expect(d.range?.start.column == col, "\(text): \(d)")
        #expect(all.contains(expected) || d.render(source: text).contains(expected), "\(text): \(all)")
    }

    @Test func unterminatedBlockComment() {
        let d = Self.firstError("p(a).\n/* never closed")
        #expect(d?.message == "unterminated block comment")
        #expect(d?.range?.start.line == 2)
    }

    @Test func renderShowsLineAndCaret() {
        let text = "ok(X) :- rel(X, edge, _).\ntc(X, Y :- rel(X, edge, Y)."
        let d = Self.firstError(text)!
        let r = d.render(source: text)
        #expect(r == """
        error at line 2, column 9: expected ')' or ',', found ':-'
          2 | tc(X, Y :- rel(X, edge, Y).
            |         ^^
          hint: missing ')' before ':-'?
        """)
    }

    @Test func cycleIsNamed() {
        let d = Self.firstError("p(X) :- rel(X, edge, _), not q(X).\nq(X) :- r(X).\nr(X) :- p(X).")!
        #expect(d.message == "`p` depends negatively on itself through p → q → r → p")
    }

    @Test func aggregateThroughRecursionRejected() {
        let d = Self.firstError("d(X, min<N>) :- d(Y, M), rel(Y, edge, X), N = M + 1.")!
        #expect(d.message == "`d` aggregates over itself through d → d")
    }

    @Test func lowercaseVariableHint() {
        let d = Self.firstError("tc(x, Y) :- rel(X, edge, Y), Y != x.\n")
        // `x` in the head is a constant, so the rule is legal; the engine warns instead.
        #expect(d == nil)
        let store = MemoryFactStore()
        let engine = Engine(store: store)
        try? engine.load("tc(x, Y) :- rel(X, edge, Y).")
        #expect(engine.warnings.first?.hints.first?.contains("did you mean `X`?") == true)
        let e = Self.firstError("tc(X, y) :- rel(X, edge, Y), not rel(Y, edge, Z).")
        #expect(e?.hints.contains { $0.contains("did you mean `Z`") } == false)
        let f = Self.firstError("tc(X, Y) :- rel(x, edge, y).")
        #expect(f?.hints.contains { $0.contains("is a symbol (constant)") } == true)
    }
}
