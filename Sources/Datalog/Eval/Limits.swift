import Graph
import Synchronization

/// A thread-safe flag: set it from any thread to stop a running evaluation (checked every 4096 steps).
public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public func cancel() { flag.store(true, ordering: .relaxed) }
    public func reset() { flag.store(false, ordering: .relaxed) }
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// Bounds on one evaluation. Hitting any of them throws a `QueryError` with partial counts.
public struct EvaluationLimits: Sendable {
    public var deadline: ContinuousClock.Instant?
    public var maxTuples: Int
    public var cancellation: CancellationFlag?

    public init(deadline: ContinuousClock.Instant? = nil, maxTuples: Int = 50_000_000, cancellation: CancellationFlag? = nil) {
        self.deadline = deadline
        self.maxTuples = maxTuples
        self.cancellation = cancellation
    }

    /// Convenience: a deadline `seconds` from now.
    public static func timeout(_ seconds: Double, maxTuples: Int = 50_000_000, cancellation: CancellationFlag? = nil) -> EvaluationLimits {
        EvaluationLimits(deadline: .now + .milliseconds(Int64(seconds * 1000)), maxTuples: maxTuples, cancellation: cancellation)
    }

    public static let unlimited = EvaluationLimits()
}

/// Counters of one evaluation.
public struct EvaluationStats: Sendable, CustomStringConvertible {
    /// Tuples inserted into derived relations (including the query's answer relation).
    public var tuplesDerived = 0
    public var strataEvaluated = 0
    public var iterations = 0
    public var strataFromCache = 0
    public var elapsed: Duration = .zero
    public var description: String {
        "\(formatCount(tuplesDerived)) tuples derived in \(strataEvaluated) strat\(strataEvaluated == 1 ? "um" : "a") (\(iterations) iterations) in \(formatDuration(elapsed))"
    }
}

func formatCount(_ n: Int) -> String {
    let s = String(n.magnitude)
    var out = ""
    for (i, ch) in s.enumerated() {
        if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return (n < 0 ? "-" : "") + out
}

func formatDuration(_ d: Duration) -> String {
    let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    if s >= 1 { return String(format1(s)) + " s" }
    return String(format1(s * 1000)) + " ms"
}

func format1(_ x: Double) -> String {
    let r = (x * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(r)
}
