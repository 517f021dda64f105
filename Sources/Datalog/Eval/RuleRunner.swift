import Graph
/// Phase 5 (inner loop): executes one rule plan as nested index-nested-loop joins over registers.
/// Steps are compiled to plain structs (no reference counting in the loop); each step's operand lists live in
/// one `Int32` arena. The limit check runs every 4096 visited tuples.
final class RuleRunner {
    enum Kind: UInt8 {
        case scanIndex, scanAll, scanDelta, scanBase
        case negContains, negIndex, negBase
        case compare, assign, builtin
    }

    struct CStep {
        var kind: Kind
        unowned(unsafe) var rel: Relation
        unowned(unsafe) var index: HashIndex?
        var arity: Int
        var keyCols = 0, keySlots = 0, keyCount = 0      // arena offsets
        var outCols = 0, outSlots = 0, outCount = 0
        var chkCols = 0, chkSlots = 0, chkCount = 0
        var aux = 0                                      // base pattern index, expression index, ...
    }

    let plan: RulePlan
    unowned let ctx: EvalContext
    let target: Relation
    private let regs: UnsafeMutablePointer<TermID>
    private let scratch: UnsafeMutablePointer<TermID>
    private let arena: UnsafeMutablePointer<Int>
    private let steps: UnsafeMutablePointer<CStep>
    private let stepCount: Int
    private let headSlots: UnsafeMutablePointer<Int>
    private let headArity: Int
    /// counters[i] = rows leaving step i; counters[n] = head tuples emitted; counters[n+1] = new tuples.
    let counters: UnsafeMutablePointer<Int>
    private var ticks = 0
    private var patterns: [[TermID?]] = []
    private var baseNames: [String] = []
    private var ops: [StepOp] = []
    var deltaLo = 0, deltaHi = 0
    private let placeholder: Relation
    /// Emitted head tuples wait here and are inserted in batches (see `Relation.insertBatch`).
    private static let batchSize = 512
    private let batch: UnsafeMutablePointer<TermID>
    private let batchHashes: UnsafeMutablePointer<UInt32>
    private var batched = 0

    /// `relations` resolves derived predicates (including the delta's); `target` receives head tuples.
    init(plan: RulePlan, ctx: EvalContext, target: Relation, relations: (String) -> Relation) {
        self.plan = plan
        self.ctx = ctx
        self.target = target
        placeholder = target
        regs = .allocate(capacity: max(plan.slotCount, 1))
        regs.initialize(repeating: 0, count: max(plan.slotCount, 1))
        for c in plan.constants { regs[c.slot] = c.id }
        var maxArity = plan.head.slots.count
        var arenaValues: [Int] = []
        func push(_ xs: [Int]) -> Int { let off = arenaValues.count; arenaValues += xs; return off }
        var compiled: [CStep] = []
        for step in plan.steps {
            var c = CStep(kind: .compare, rel: target, index: nil, arity: 0)
            switch step.op {
            case .scan(let a), .negation(let a):
                maxArity = max(maxArity, a.arity)
                c.arity = a.arity
                c.keyCols = push(a.keyColumns); c.keySlots = push(a.keySlots); c.keyCount = a.keyColumns.count
                c.outCols = push(a.outColumns); c.outSlots = push(a.outSlots); c.outCount = a.outColumns.count
                c.chkCols = push(a.checkColumns); c.chkSlots = push(a.checkSlots); c.chkCount = a.checkColumns.count
                let isNeg: Bool = { if case .negation = step.op { return true }; return false }()
                if a.source == .base {
                    c.kind = isNeg ? .negBase : .scanBase
                    c.aux = patterns.count
                    patterns.append([TermID?](repeating: nil, count: a.arity))
                    baseNames.append(a.predicate)
                } else {
                    let rel = relations(a.predicate)
                    c.rel = rel
                    if isNeg {
                        if a.keyColumns.count == a.arity { c.kind = .negContains }
                        else { c.kind = .negIndex; c.index = rel.index(on: a.keyColumns) }
                    } else if a.source == .delta {
                        c.kind = .scanDelta
                    } else if a.keyColumns.isEmpty {
                        c.kind = .scanAll
                    } else {
                        c.kind = .scanIndex
                        c.index = rel.index(on: a.keyColumns)
                    }
                }
            case .compare: c.kind = .compare
            case .assign: c.kind = .assign
            case .builtin: c.kind = .builtin
            }
            c.aux = c.kind == .scanBase || c.kind == .negBase ? c.aux : ops.count
            ops.append(step.op)
            compiled.append(c)
        }
        stepCount = compiled.count
        steps = .allocate(capacity: max(stepCount, 1))
        steps.initialize(from: compiled, count: stepCount)
        arena = .allocate(capacity: max(arenaValues.count, 1))
        arena.initialize(from: arenaValues, count: arenaValues.count)
        headArity = plan.head.slots.count
        headSlots = .allocate(capacity: max(headArity, 1))
        headSlots.initialize(from: plan.head.slots, count: headArity)
        scratch = .allocate(capacity: max(maxArity, 1))
        batch = .allocate(capacity: RuleRunner.batchSize * max(headArity, 1))
        batchHashes = .allocate(capacity: RuleRunner.batchSize)
        counters = .allocate(capacity: stepCount + 2)
        counters.initialize(repeating: 0, count: stepCount + 2)
    }

    deinit {
        regs.deallocate(); scratch.deallocate(); arena.deallocate(); steps.deallocate()
        headSlots.deallocate(); counters.deallocate(); batch.deallocate(); batchHashes.deallocate()
    }

    /// Runs the rule once (for delta variants, over rows deltaLo..<deltaHi of the delta relation).
    func run() throws(QueryError) {
        batched = 0
        try exec(0)
        try flush()
    }

    @inline(__always)
    private func tick() throws(QueryError) {
        ticks &+= 1
        if ticks & 4095 == 0 { try ctx.check() }
    }

    /// Binds the atom's new variables from `row`, then checks repeated variables and (for deltas) bound columns.
    @inline(__always)
    private func matchRow(_ st: CStep, _ row: UnsafePointer<TermID>) -> Bool {
        var i = 0
        while i < st.outCount {
            regs[arena[st.outSlots + i]] = row[arena[st.outCols + i]]
            i += 1
        }
        i = 0
        while i < st.chkCount {
            if row[arena[st.chkCols + i]] != regs[arena[st.chkSlots + i]] { return false }
            i += 1
        }
        return true
    }

    private func exec(_ s: Int) throws(QueryError) {
        if s == stepCount { try emit(); return }
        let st = steps[s]
        switch st.kind {
        case .scanIndex:
            let rel = st.rel
            for i in 0..<st.keyCount { scratch[i] = regs[arena[st.keySlots + i]] }
            var r = st.index.unsafelyUnwrapped.first(scratch, relation: rel)
            while r >= 0 {
                try tick()
                if matchRow(st, rel.row(r)) {
                    counters[s] &+= 1
                    try exec(s + 1)
                }
                r = Int(st.index.unsafelyUnwrapped.next[r])
            }
        case .scanAll, .scanDelta:
            let rel = st.rel
            var r = st.kind == .scanDelta ? deltaLo : 0
            let end = st.kind == .scanDelta ? deltaHi : rel.count
            while r < end {
                try tick()
                if matchRow(st, rel.row(r)) {
                    counters[s] &+= 1
                    try exec(s + 1)
                }
                r += 1
            }
        case .scanBase:
            let p = st.aux
            for i in 0..<st.keyCount { patterns[p][arena[st.keyCols + i]] = regs[arena[st.keySlots + i]] }
            var failure: QueryError?
            ctx.store.scan(baseNames[p], patterns[p]) { tuple in
                do throws(QueryError) {
                    try tick()
                    guard let base = tuple.baseAddress, matchRow(st, base) else { return true }
                    counters[s] &+= 1
                    try exec(s + 1)
                    return true
                } catch {
                    failure = error
                    return false
                }
            }
            if let f = failure { throw f }
        case .negContains:
            // Key columns cover the whole tuple, in column order.
            for i in 0..<st.keyCount { scratch[arena[st.keyCols + i]] = regs[arena[st.keySlots + i]] }
            if !st.rel.contains(scratch) { counters[s] &+= 1; try exec(s + 1) }
        case .negIndex:
            for i in 0..<st.keyCount { scratch[i] = regs[arena[st.keySlots + i]] }
            if st.index.unsafelyUnwrapped.first(scratch, relation: st.rel) < 0 { counters[s] &+= 1; try exec(s + 1) }
        case .negBase:
            let p = st.aux
            for i in 0..<st.keyCount { patterns[p][arena[st.keyCols + i]] = regs[arena[st.keySlots + i]] }
            var found = false
            ctx.store.scan(baseNames[p], patterns[p]) { _ in found = true; return false }
            if !found { counters[s] &+= 1; try exec(s + 1) }
        case .compare:
            guard case .compare(let op, let l, let r, let range) = ops[st.aux] else { return }
            if try ctx.compare(op, l, r, regs, range) { counters[s] &+= 1; try exec(s + 1) }
        case .assign:
            guard case .assign(let target, let e, let range) = ops[st.aux] else { return }
            if let v = try ctx.assignValue(e, regs, range) {
                regs[target] = v
                counters[s] &+= 1
                try exec(s + 1)
            }
        case .builtin:
            guard case .builtin(let b, let first, let second, let out, let range) = ops[st.aux] else { return }
            try tick()
            if out {
                regs[second] = ctx.compute(b, regs[first])
                counters[s] &+= 1
                try exec(s + 1)
            } else if try ctx.builtin(b, regs[first], regs[second], range) {
                counters[s] &+= 1
                try exec(s + 1)
            }
        }
    }

    @inline(__always)
    private func emit() throws(QueryError) {
        let out = batch + batched * headArity
        for i in 0..<headArity { out[i] = regs[headSlots[i]] }
        counters[stepCount] &+= 1
        batched += 1
        if batched == RuleRunner.batchSize { try flush() }
    }

    private func flush() throws(QueryError) {
        let n = batched
        batched = 0
        guard n > 0 else { return }
        let added = target.insertBatch(batch, n, hashes: batchHashes)
        counters[stepCount + 1] &+= added
        try ctx.derived(added)
    }
}
