import Graph
/// The query engine: holds loaded rules (a stack of programs, so the REPL can `:pop`/`:reset`), caches derived
/// relations between queries, and answers queries against a `FactStore`.
///
/// ```swift
/// let engine = Engine(store: store)
/// try engine.load(Program.parse("tc(X,Y) :- rel(X,\"edge\",Y). tc(X,Z) :- tc(X,Y), rel(Y,\"edge\",Z)."))
/// let result = try engine.query("?- tc(\"a\", Y).", limits: .timeout(30))
/// print(ResultFormatter.table(result))
/// ```
public final class Engine {
    public let store: FactStore
    let pool: TermPool
    private var programs: [Program] = []
    private var checked: CheckedProgram
    /// The checked program before each load, so `pop` and `reset` restore without re-analysing.
    private var history: [CheckedProgram] = []
    private var cache: [String: Relation] = [:]
    private let analyzer: Analyzer

    public init(store: FactStore) {
        self.store = store
        pool = TermPool(store: store)
        analyzer = Analyzer(baseRelations: store.baseRelations, isKnownTerm: { [unowned store] in store.lookup($0) != nil })
        do {
            checked = try analyzer.check([])
        } catch {
            preconditionFailure("analysing an empty program cannot fail: \(error)")
        }
    }

    /// Rules of all loaded programs, in load order.
    public var rules: [Rule] { programs.flatMap(\.rules) }
    public var loadedProgramCount: Int { programs.count }
    /// Warnings from the last successful load.
    public private(set) var warnings: [Diagnostic] = []
    /// How many queries this engine has evaluated (checked and run, whether or not they finished).
    public private(set) var evaluations = 0

    /// Adds a program's rules and facts (checked together with everything loaded before; nothing changes on error).
    public func load(_ program: Program) throws(QueryError) {
        let next = try analyzer.check(rules + program.rules)
        programs.append(program)
        history.append(checked)
        checked = next
        warnings = next.warnings
        cache.removeAll()
    }

    public func load(_ text: String) throws(QueryError) { try load(Program.parse(text)) }

    /// Undoes the last `load`; returns false when nothing is loaded.
    @discardableResult
    public func pop() -> Bool {
        guard !programs.isEmpty else { return false }
        programs.removeLast()
        if let previous = history.popLast() { checked = previous }
        cache.removeAll()
        return true
    }

    /// Unloads everything.
    public func reset() {
        programs.removeAll()
        if let first = history.first { checked = first }
        history.removeAll()
        cache.removeAll()
    }

    /// Drops cached derived relations (call when the store's contents change).
    public func invalidateCache() { cache.removeAll() }

    public func string(for id: TermID) -> String { pool.string(id) }

    // MARK: queries

    /// Runs a query (`?- body.`, or just the body). Results are sorted unless `ordered` is false; an unordered
    /// result can be sorted later with ``QueryResult/sorted()`` without evaluating the query again.
    public func query(_ text: String, limits: EvaluationLimits = EvaluationLimits(), ordered: Bool = true) throws(QueryError) -> QueryResult {
        let body: [Literal], range: SourceRange
        do { (body, range) = try Parser.parseQueryBody(text) } catch { throw QueryError(.syntax, [error]) }
        return try query(body: body, range: range, limits: limits, ordered: ordered)
    }

    public func query(body: [Literal], range: SourceRange = .unknown, limits: EvaluationLimits = EvaluationLimits(), ordered: Bool = true) throws(QueryError) -> QueryResult {
        let (program, columns) = try checkQuery(body, range)
        evaluations += 1
        let ctx = EvalContext(store: store, pool: pool, limits: limits)
        let evaluator = Evaluator(program: program, ctx: ctx, cached: cache, record: false)
        if let direct = try directAnswers(body, columns: columns, program: program, ctx: ctx, ordered: ordered) { return direct }
        if Engine.answersAreDistinct(body, columns: columns, program: program, distinctBase: store is DistinctScans) { evaluator.distinctPredicates = [Analyzer.queryHead] }
        evaluator.onComplete = { [unowned self] done in
            for (k, v) in done where k != Analyzer.queryHead { self.cache[k] = v }
        }
        try evaluator.evaluate(strata: program.strataNeeded(for: [Analyzer.queryHead]))
        ctx.stats.elapsed = ContinuousClock.now - ctx.started
        let answers = try Self.computed(Analyzer.queryHead, in: evaluator)
        let warnings = analyzer.checkSafety(program.rules[program.rules.count - 1]).1
        return makeResult(answers, columns: columns, ordered: ordered, stats: ctx.stats, warnings: warnings)
    }

    /// Runs the query and renders its plan per stratum and rule, with estimated and actual row counts per step.
    public func explain(_ text: String, limits: EvaluationLimits = EvaluationLimits()) throws(QueryError) -> String {
        let body: [Literal], range: SourceRange
        do { (body, range) = try Parser.parseQueryBody(text) } catch { throw QueryError(.syntax, [error]) }
        let (program, _) = try checkQuery(body, range)
        let ctx = EvalContext(store: store, pool: pool, limits: limits)
        let evaluator = Evaluator(program: program, ctx: ctx, cached: [:], record: true)
        try evaluator.evaluate(strata: program.strataNeeded(for: [Analyzer.queryHead]))
        ctx.stats.elapsed = ContinuousClock.now - ctx.started
        return Explain.render(evaluator.log, program: program, stats: ctx.stats)
    }

    /// True when every answer comes from a distinct combination of derived-relation rows: each positive atom is
    /// derived (our relations are sets; base relations may repeat tuples) and all its arguments are reported
    /// variables or constants, so answers need no duplicate elimination.
    static func answersAreDistinct(_ body: [Literal], columns: [String], program: CheckedProgram, distinctBase: Bool) -> Bool {
        let reported = Set(columns)
        for lit in body {
            guard case .positive(let a) = lit, BuiltinPredicate(rawValue: a.name) == nil else { continue }
            if program.baseRelations.contains(a.name) && !distinctBase { return false }
            for t in a.args {
                switch t {
                case .anonymous: return false
                case .variable(let v, _): if !reported.contains(v) { return false }
                case .constant: break
                }
            }
        }
        return true
    }

    /// `?- p(X, Y, ...)` with distinct reported variables over a derived predicate: answers are the relation's rows.
    private func directAnswers(_ body: [Literal], columns: [String], program: CheckedProgram, ctx: EvalContext, ordered: Bool) throws(QueryError) -> QueryResult? {
        guard body.count == 1, case .positive(let a) = body[0], program.stratumOf[a.name] != nil,
              a.args.count == columns.count, a.args.map(\.variableName) == columns.map({ Optional($0) }) else { return nil }
        let evaluator = Evaluator(program: program, ctx: ctx, cached: cache, record: false)
        evaluator.onComplete = { [unowned self] done in for (k, v) in done { self.cache[k] = v } }
        try evaluator.evaluate(strata: program.strataNeeded(for: [a.name]))
        ctx.stats.elapsed = ContinuousClock.now - ctx.started
        return makeResult(try Self.computed(a.name, in: evaluator), columns: columns, ordered: ordered, stats: ctx.stats, warnings: [])
    }

    /// The relation of `predicate` after evaluating the strata it needs; its absence is an engine bug, reported
    /// as an error rather than a crash of the REPL.
    private static func computed(_ predicate: String, in evaluator: Evaluator) throws(QueryError) -> Relation {
        guard let relation = evaluator.relations[predicate] else {
            throw QueryError(.runtime, message: "internal error: `\(predicate)` was not computed by the strata evaluated for it")
        }
        return relation
    }

    private func checkQuery(_ body: [Literal], _ range: SourceRange) throws(QueryError) -> (CheckedProgram, [String]) {
        let columns = bodyVariables(body).filter { !$0.hasPrefix("_") }
        let head = Head(name: Analyzer.queryHead, nameRange: range,
                        args: columns.map { .term(.variable($0, range)) }, range: range)
        let program = try analyzer.check(rules + [Rule(head: head, body: body, range: range)])
        return (program, columns)
    }

    private func makeResult(_ rel: Relation, columns: [String], ordered: Bool, stats: EvaluationStats, warnings: [Diagnostic]) -> QueryResult {
        let a = rel.arity, n = rel.count
        let order = ordered ? RowOrder.sorted(count: n, arity: a, pool: pool, row: { UnsafePointer(rel.row($0)) }) : Array(0..<n)
        var ids = [TermID]()
        ids.reserveCapacity(n * a)
        for r in order { ids.append(contentsOf: UnsafeBufferPointer(start: rel.row(r), count: a)) }
        return QueryResult(columns: columns, rowCount: n, ids: ids, stats: stats, warnings: warnings, pool: pool)
    }
}
