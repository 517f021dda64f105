import Graph
import Foundation

/// Shared state of one evaluation: limits, counters, term pool and the regex cache.
final class EvalContext {
    let store: FactStore
    let pool: TermPool
    let limits: EvaluationLimits
    var stats = EvaluationStats()
    let started = ContinuousClock.now
    private var regexCache: [String: Regex<AnyRegexOutput>] = [:]

    init(store: FactStore, pool: TermPool, limits: EvaluationLimits) {
        self.store = store
        self.pool = pool
        self.limits = limits
    }

    /// Called every 4096 visited tuples and on every stratum iteration.
    func check() throws(QueryError) {
        if let c = limits.cancellation, c.isCancelled { throw stop(.cancelled, "cancelled") }
        if let d = limits.deadline, ContinuousClock.now >= d { throw stop(.deadline, "stopped after \(formatDuration(ContinuousClock.now - started))") }
    }

    @inline(__always)
    func derived(_ n: Int = 1) throws(QueryError) {
        stats.tuplesDerived &+= n
        if stats.tuplesDerived > limits.maxTuples {
            throw stop(.tupleLimit, "stopped at the limit of \(formatCount(limits.maxTuples)) tuples")
        }
    }

    func stop(_ kind: QueryError.Kind, _ what: String) -> QueryError {
        stats.elapsed = ContinuousClock.now - started
        let s = stats
        let msg = "\(what): \(formatCount(s.tuplesDerived)) tuples derived in \(s.strataEvaluated) strat\(s.strataEvaluated == 1 ? "um" : "a") completed (\(s.iterations) iterations)"
        var hints: [String] = []
        if kind == .tupleLimit { hints.append("raise EvaluationLimits.maxTuples or make the query more selective") }
        if kind == .deadline { hints.append("raise the deadline or make the query more selective") }
        return QueryError(kind, [Diagnostic(msg, at: nil, hints: hints)], stats: s)
    }

    func regex(_ pattern: String, at range: SourceRange?) throws(QueryError) -> Regex<AnyRegexOutput> {
        if let r = regexCache[pattern] { return r }
        do {
            let r = try Regex(pattern)
            regexCache[pattern] = r
            return r
        } catch {
            throw QueryError(.runtime, message: "invalid regular expression \"\(pattern)\": \(error)", at: range,
                             hints: ["matches/2 takes a Swift Regex pattern, e.g. matches(T, \"^Biden\")"])
        }
    }

    // MARK: built-ins and arithmetic

    func builtin(_ b: BuiltinPredicate, _ first: TermID, _ second: TermID, _ range: SourceRange) throws(QueryError) -> Bool {
        let s = pool.string(first)
        switch b {
        case .contains: return s.contains(pool.string(second))
        case .startsWith: return s.hasPrefix(pool.string(second))
        case .matches:
            let re = try regex(pool.string(second), at: range)
            return (try? re.firstMatch(in: s)) != nil
        case .lower, .length: return pool.equal(compute(b, first), second)
        }
    }

    func compute(_ b: BuiltinPredicate, _ first: TermID) -> TermID {
        let s = pool.string(first)
        if b == .lower { return pool.intern(s.lowercased()) }
        return pool.internNumber(Double(s.count))
    }

    /// Arithmetic value: nil when an operand is not a number.
    func eval(_ e: CExpr, _ regs: UnsafeMutablePointer<TermID>, _ range: SourceRange) throws(QueryError) -> Double? {
        switch e {
        case .slot(let s): return pool.number(regs[s])
        case .negate(let a): return try eval(a, regs, range).map { -$0 }
        case .binary(let op, let a, let b):
            guard let x = try eval(a, regs, range), let y = try eval(b, regs, range) else { return nil }
            switch op {
            case .add: return x + y
            case .sub: return x - y
            case .mul: return x * y
            case .div, .mod:
                if y == 0 { throw QueryError(.runtime, message: "division by zero in `\(op.rawValue)`", at: range) }
                return op == .div ? x / y : x.truncatingRemainder(dividingBy: y)
            }
        }
    }

    func compare(_ op: CompareOp, _ l: CExpr, _ r: CExpr, _ regs: UnsafeMutablePointer<TermID>, _ range: SourceRange) throws(QueryError) -> Bool {
        if let a = l.singleSlot, let b = r.singleSlot { return compareIDs(op, regs[a], regs[b]) }
        guard let x = try eval(l, regs, range), let y = try eval(r, regs, range) else { return false }
        switch op {
        case .eq: return x == y
        case .ne: return x != y
        case .lt: return x < y
        case .le: return x <= y
        case .gt: return x > y
        case .ge: return x >= y
        }
    }

    @inline(__always)
    func compareIDs(_ op: CompareOp, _ a: TermID, _ b: TermID) -> Bool {
        switch op {
        case .eq: return pool.equal(a, b)
        case .ne: return !pool.equal(a, b)
        case .lt: return pool.compare(a, b) < 0
        case .le: return pool.compare(a, b) <= 0
        case .gt: return pool.compare(a, b) > 0
        case .ge: return pool.compare(a, b) >= 0
        }
    }

    /// Value of `X = expr`: a term id (plain term) or an interned number.
    func assignValue(_ e: CExpr, _ regs: UnsafeMutablePointer<TermID>, _ range: SourceRange) throws(QueryError) -> TermID? {
        if let s = e.singleSlot { return regs[s] }
        return try eval(e, regs, range).map { pool.internNumber($0) }
    }
}
