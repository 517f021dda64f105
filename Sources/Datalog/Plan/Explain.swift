import Graph
/// Renders evaluation logs as an explain listing: strata, rule variants, steps with estimated and actual rows.
enum Explain {
    static func render(_ log: [Evaluator.StratumLog], program: CheckedProgram, stats: EvaluationStats) -> String {
        var out: [String] = []
        for entry in log {
            let name = entry.predicates.map { $0 == Analyzer.queryHead ? "query" : "\($0)/\(program.arities[$0] ?? 0)" }.joined(separator: ", ")
            if entry.cached { out.append("stratum \(entry.stratum): \(name) (cached)"); continue }
            out.append("stratum \(entry.stratum): \(name)\(entry.recursive ? " (recursive, \(entry.iterations) iterations)" : "")")
            for runner in entry.runners {
                let plan = runner.plan
                var title = "  rule: \(plan.ruleText.replacingOccurrences(of: Analyzer.queryHead, with: "?-"))"
                if let d = plan.deltaPredicate { title += "   [semi-naive: Δ\(d)]" }
                out.append(title)
                var lines: [(String, String, String)] = []
                for (i, step) in plan.steps.enumerated() {
                    lines.append(("    \(i + 1). \(step.text)", "\(step.note)", "est \(formatCount(Int(step.estimate.rounded())))  actual \(formatCount(runner.counters[i]))"))
                }
                let n = plan.steps.count
                lines.append(("    → \(plan.head.aggregate != nil ? "group" : "emit")", "", "emitted \(formatCount(runner.counters[n]))  new \(formatCount(runner.counters[n + 1]))"))
                let w0 = lines.map(\.0.count).max() ?? 0
                let w1 = lines.map(\.1.count).max() ?? 0
                for (a, b, c) in lines {
                    out.append(a.padding(toLength: w0 + 2, withPad: " ", startingAt: 0) + b.padding(toLength: w1 + 2, withPad: " ", startingAt: 0) + c)
                }
            }
        }
        out.append("total: \(stats)")
        return out.joined(separator: "\n")
    }
}
