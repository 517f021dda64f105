import Graph
/// Phase 4 output: per-rule join plans. Variables and constants live in numbered registers ("slots");
/// constants are pre-loaded registers, so every operand is a slot.

/// Where an atom's tuples come from.
enum AtomSource: Equatable {
    case base          // the FactStore, via scan with a pattern (index lookup on bound positions)
    case full          // a derived relation, all rows (hash-index lookup on bound columns)
    case delta         // a derived relation, only the rows new in the previous iteration (semi-naive)
}

struct AtomPlan {
    var predicate: String
    var arity: Int
    var source: AtomSource
    /// Bound positions (constants or variables bound earlier), ascending; `keySlots[i]` feeds `keyColumns[i]`.
    var keyColumns: [Int] = []
    var keySlots: [Int] = []
    /// Positions binding a variable for the first time.
    var outColumns: [Int] = []
    var outSlots: [Int] = []
    /// Positions repeating a variable bound earlier in the same atom: must equal that slot.
    var checkColumns: [Int] = []
    var checkSlots: [Int] = []
}

/// Arithmetic over registers.
indirect enum CExpr {
    case slot(Int)
    case binary(ArithOp, CExpr, CExpr)
    case negate(CExpr)

    var singleSlot: Int? { if case .slot(let s) = self { return s }; return nil }
}

enum StepOp {
    case scan(AtomPlan)
    /// Anti-join: continue only when no tuple matches the bound positions.
    case negation(AtomPlan)
    case compare(CompareOp, CExpr, CExpr, SourceRange)
    /// `X = expr` with X unbound: binds slot.
    case assign(Int, CExpr, SourceRange)
    /// Built-in: `first` is bound; for lower/length `second` may be an output.
    case builtin(BuiltinPredicate, first: Int, second: Int, secondIsOutput: Bool, SourceRange)
}

struct PlanStep {
    var op: StepOp
    /// Source text of the literal, for --explain.
    var text: String
    /// Estimated rows after this step (cumulative).
    var estimate: Double
    var note: String
}

struct HeadPlan {
    var predicate: String
    /// One register per head column (for the aggregate column: the aggregated variable).
    var slots: [Int]
    var aggregate: (column: Int, kind: AggregateKind)?
}

struct RulePlan {
    var ruleIndex: Int
    var ruleText: String
    /// Body literal that reads the delta in this semi-naive variant (nil for the full variant).
    var deltaLiteral: Int?
    var deltaPredicate: String?
    var steps: [PlanStep]
    var head: HeadPlan
    var slotCount: Int
    var constants: [(slot: Int, id: TermID)]
    var slotNames: [String]
    /// Actual row counts per step (plus one for emitted head tuples, then new tuples), accumulated over runs.
    var actual: [Int]
}
