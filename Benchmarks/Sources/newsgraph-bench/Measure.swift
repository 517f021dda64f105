import Foundation

/// Timing helpers: the median of several runs, on a monotonic clock.
enum Measure {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        let duration = clock.now - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The process's peak resident set size (VmHWM) in bytes.
    static func residentHighWaterBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter { $0.isNumber }
            return (Int(digits) ?? 0) * 1024
        }
        return 0
    }

    static func median(runs: Int, _ body: () -> Void) -> (median: Double, all: [Double]) {
        var times: [Double] = []
        for _ in 0..<runs { times.append(seconds(body)) }
        let sorted = times.sorted()
        return (sorted[sorted.count / 2], times)
    }

    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

/// A deterministic pseudo-random generator (SplitMix64), so generated inputs are identical on every run.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }
}

/// News-like sentences from a small vocabulary.
struct NewsText {
    var random: SplitMix64
    static let subjects = ["President Donald Trump", "The Supreme Court", "Governor JB Pritzker", "The European Union",
                           "Chancellor Olaf Scholz", "The United Nations", "Senator Maria Lopez", "Acme Corporation",
                           "The Ministry of Health", "Prime Minister Keir Starmer", "NATO", "The city council of Chicago"]
    static let verbs = ["announced", "rejected", "signed", "criticised", "deployed", "approved", "blocked", "welcomed",
                        "proposed", "investigated", "postponed", "confirmed"]
    static let objects = ["a new trade agreement", "National Guard troops", "the budget proposal", "an executive order",
                          "sanctions against three companies", "the climate package", "a ceasefire plan",
                          "the merger of two banks", "new immigration rules", "an inquiry into the election"]
    static let tails = ["in Illinois", "on Tuesday", "in Brussels", "after weeks of talks", "in September",
                        "despite strong opposition", "at the summit in Geneva", "for the second time this year"]

    mutating func sentence() -> String {
        "\(random.pick(Self.subjects)) \(random.pick(Self.verbs)) \(random.pick(Self.objects)) \(random.pick(Self.tails))."
    }

    mutating func paragraph(sentences: Int) -> String {
        (0..<sentences).map { _ in sentence() }.joined(separator: " ")
    }
}
