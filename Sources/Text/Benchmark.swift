import Foundation

/// Throughput measurement of the full pipeline on generated news-like text.
public enum Benchmark {
    /// Result of a benchmark run.
    public struct Result: Sendable, CustomStringConvertible {
        /// Input size in bytes.
        public var bytes: Int
        /// Tokens processed.
        public var tokens: Int
        /// Sentences found.
        public var sentences: Int
        /// Wall-clock seconds for tokenize + split + tag + lemmatize.
        public var seconds: Double
        /// CPU seconds used by the calling thread (robust against other load on a shared machine).
        public var cpuSeconds: Double
        /// Tokens per wall-clock second.
        public var tokensPerSecond: Double { Double(tokens) / max(seconds, 1e-9) }
        /// Tokens per CPU second of the benchmark thread.
        public var tokensPerCPUSecond: Double { Double(tokens) / max(cpuSeconds, 1e-9) }

        /// Summary line.
        public var description: String {
            String(format: "%.1f MB, %d tokens, %d sentences in %.3f s wall (%.3f s thread CPU) → %.0f tokens/s wall, %.0f tokens/s CPU",
                   Double(bytes) / 1e6, tokens, sentences, seconds, cpuSeconds, tokensPerSecond, tokensPerCPUSecond)
        }
    }

    static let names = ["Donald Trump", "Joe Biden", "Maria Lopez", "Gov. Gavin Newsom", "Sen. Mitch McConnell",
                        "Dr. Anthony Fauci", "Mr. Smith", "Mrs. O'Brien", "Prime Minister Keir Starmer", "Ursula von der Leyen"]
    static let places = ["the U.S.", "Mexico", "Los Angeles", "Portland, Oregon", "El Salvador", "the U.K.", "Brussels",
                         "New York", "Illinois", "Washington, D.C."]
    static let orgs = ["ICE", "the Supreme Court", "Apple Inc.", "the European Union", "NATO", "Reuters",
                       "the Department of Homeland Security", "Goldman Sachs", "the U.N.", "Acme Corp."]
    static let templates = [
        "{P} said on Tuesday that {O} would review the policy in {L}.",
        "\u{201C}We don't know what's going to happen,\u{201D} {P} told reporters in {L} on Sept. 30.",
        "The deal, worth about $2.5bn, was announced by {O} on 2025-09-30 after months of talks.",
        "According to {O}, nearly 140,000 people had been deported as of April 2025, a rise of 3.5% year-on-year.",
        "{P}’s administration has repeatedly blamed migrants for fueling violent crime in {L}.",
        "Critics argue that the plan isn't legal and that {O} can't enforce it without Congress.",
        "Shares of {O} fell 4.2% to $187.50 in early trading, while the S&P 500 rose 0.3%.",
        "In a statement posted at https://example.com/news/2025/09/30, {O} said it was \u{201C}deeply concerned.\u{201D}",
        "Officials in {L} (who declined to be named) said the troops were deployed last week.",
        "Is this the end of the well-known policy? Many experts think so, but {P} disagrees.",
        "{P} will travel to {L} next month — the first visit since 2019 — to meet leaders of {O}.",
        "The report, published on 9/30/2025 by {O}, found that 1 in 4 households had cut spending.",
        "Contact press@example.org or follow #Elections2025 and @newsdesk for updates.",
    ]

    /// Deterministically generates roughly `bytes` of news-like text in paragraphs.
    public static func generateText(bytes: Int, seed: UInt64 = 42) -> String {
        var rng = SplitMix64(seed: seed)
        var out = ""
        out.reserveCapacity(bytes + 1024)
        var inPara = 0
        while out.utf8.count < bytes {
            guard let t = templates.randomElement(using: &rng), let p = names.randomElement(using: &rng),
                  let l = places.randomElement(using: &rng), let o = orgs.randomElement(using: &rng) else { break }
            out += t.replacingOccurrences(of: "{P}", with: p).replacingOccurrences(of: "{L}", with: l)
                .replacingOccurrences(of: "{O}", with: o)
            inPara += 1
            if inPara >= 5 {
                out += "\n\n"
                inPara = 0
            } else {
                out += " "
            }
        }
        return out
    }

    /// Runs tokenize + split + tag + lemmatize over `text` on the calling thread.
    public static func run(text: String, tagger: Tagger) -> Result {
        let pipeline = Pipeline(tagger: tagger)
        let c0 = threadCPUTime()
        let t0 = DispatchTime.now().uptimeNanoseconds
        let sentences = pipeline.analyze(text)
        let t1 = DispatchTime.now().uptimeNanoseconds
        let c1 = threadCPUTime()
        let tokens = sentences.reduce(0) { $0 + $1.tokens.count }
        return Result(bytes: text.utf8.count, tokens: tokens, sentences: sentences.count,
                      seconds: Double(t1 - t0) / 1e9, cpuSeconds: c1 - c0)
    }

    /// CPU time of the calling thread in seconds.
    static func threadCPUTime() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Measures model load time in seconds (best of `repeats`).
    public static func loadTime(path: String, repeats: Int = 5) throws -> Double {
        var best = Double.infinity
        for _ in 0..<max(1, repeats) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try Tagger(modelAtPath: path)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        return best
    }
}

extension Benchmark {
    /// Per-stage timings in seconds: tokenize, split, tag, lemmatize.
    public static func stages(text: String, tagger: Tagger) -> [(String, Double)] {
        func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        var t = now()
        let tokens = Tokenizer.tokenize(text)
        let tTok = now() - t
        t = now()
        let spans = SentenceSplitter.sentences(tokens, text: text)
        let tSplit = now() - t
        t = now()
        var tagged: [[(upos: String, xpos: String)]] = []
        var forms: [[String]] = []
        for s in spans {
            let f = tokens[s].map(\.text)
            forms.append(f)
        }
        let tForms = now() - t
        t = now()
        for f in forms { tagged.append(tagger.tag(f)) }
        let tTag = now() - t
        t = now()
        var n = 0
        for (f, tg) in zip(forms, tagged) {
            for (w, x) in zip(f, tg) { n &+= tagger.lemmatizer.lemma(w, xpos: x.xpos).utf8.count }
        }
        let tLemma = now() - t
        return [("tokens", Double(tokens.count)), ("tokenize", tTok), ("split", tSplit), ("forms", tForms), ("tag", tTag), ("lemma", tLemma)]
    }
}
