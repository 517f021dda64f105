import Foundation

/// The extraction pipeline: text → sentences → tags → parse → entities → facts → aliases.
///
/// Thread-safe; one instance can serve many articles concurrently.
public final class Extractor: Sendable {
    /// Tokenizer, tagger, parser and entity recognizer.
    public let analyzer: SentenceAnalyzer
    let resolver: AliasResolver

    /// Creates an extractor from loaded components.
    public init(analyzer: SentenceAnalyzer) {
        self.analyzer = analyzer
        self.resolver = AliasResolver(gazetteer: analyzer.recognizer.gazetteer)
    }

    /// Loads the bundled models.
    public static func bundled() throws -> Extractor {
        Extractor(analyzer: try SentenceAnalyzer.bundled())
    }

    /// Extracts entities and facts from an article's plain text.
    public func extract(text: String, document: String = "") -> ExtractionResult {
        extract(parsed: analyzer.analyze(text: text), document: document)
    }

    /// Extracts from sentences given one per element (never split further).
    public func extract(sentences lines: [String], document: String = "") -> ExtractionResult {
        let parsed = lines.enumerated().map { analyzer.analyze(sentence: $0.element, index: $0.offset) }
        return extract(parsed: parsed, document: document)
    }

    /// Extracts from analysed sentences (their `index` must equal their position).
    public func extract(parsed input: [ParsedSentence], document: String) -> ExtractionResult {
        var sentences = input
        for i in sentences.indices { sentences[i].index = i }
        // Text in another language gives no entities and no facts (see EnglishText).
        let words = sentences.map(\.words)
        let english = EnglishText.sentencesToRead(words)
        var mentions = sentences.indices.map { english[$0] ? sentences[$0].mentions : [] }
        analyzer.recognizer.harmonize(&mentions, words: words, xpos: sentences.map(\.xpos))
        for i in sentences.indices { sentences[i].setMentions(mentions[i]) }

        let resolved = resolver.resolve(sentences)
        var clusterOf: [Int: Int] = [:]   // sentence << 20 | mention → cluster
        for m in resolved.mentions { clusterOf[m.sentence << 20 | m.mention] = m.cluster }

        var facts: [Fact] = []
        var seen = Set<String>()
        for (si, s) in sentences.enumerated() {
            func value(_ p: Phrase) -> (String, EntityType) {
                if let d = p.derivedName {
                    if let pm = p.possessor, let c = clusterOf[si << 20 | pm] {
                        let key = "poss\u{1}\(d)\u{1}\(c)"
                        if seen.insert(key).inserted {
                            var f = ConfidenceFeatures()
                            f.hasObject = true
                            f.subjectNamed = true
                            facts.append(Fact(subject: d, subjectType: .org, relation: "related to", lemma: "related to",
                                              object: resolved.canonical[c], objectType: resolved.types[c], args: [], negated: false,
                                              confidence: Confidence.score(f), sentenceIndex: si, sentenceText: s.text, kind: .possessive,
                                              carb: ("related to", [d, resolved.canonical[c]])))
                        }
                    }
                    return (d, .org)
                }
                // "his administration" → the administration of the person "his" refers to.
                if p.mention == nil, PhraseBuilder.derivedHeads.contains(s.words[p.head].lowercased()),
                   let poss = s.children[p.head].first(where: { s.deprels[$0] == "nmod:poss" && s.upos[$0] == "PRON" }),
                   let (rs, rm) = Coreference.resolve(sentences, si: si, tok: poss), let c = clusterOf[rs << 20 | rm],
                   resolved.types[c] == .person || resolved.types[c] == .org || resolved.types[c] == .gpe {
                    let owner = resolved.canonical[c]
                    let base = resolved.types[c] == .person ? String(owner.split(separator: " ").last ?? Substring(owner)) : owner
                    return (base + " " + s.words[p.head].lowercased(), .org)
                }
                if p.isPronoun, let (rs, rm) = Coreference.resolve(sentences, si: si, tok: p.head), let c = clusterOf[rs << 20 | rm] {
                    return (resolved.canonical[c], resolved.types[c])
                }
                if let m = p.mention, s.mentions[m].type.isNamed, let c = clusterOf[si << 20 | m] {
                    return (resolved.canonical[c], resolved.types[c])
                }
                return (p.text, p.type)
            }
            for raw in english[si] ? ClauseExtractor(s).extract() : [] {
                let (subj, st) = value(raw.subject)
                let (obj, ot) = raw.object.map(value) ?? ("", .other)
                guard !subj.isEmpty, !raw.relation.isEmpty, subj != obj else { continue }
                let args = raw.args.map { a -> FactArgument in
                    let (v, t) = value(a.phrase)
                    return FactArgument(role: a.role, value: v, type: t)
                }
                let confidence = Confidence.calibrated(Confidence.score(raw.features), relation: raw.carbRelation, args: raw.carbArgs,
                                                       sentenceLength: s.count, pronounSubject: raw.subject.isPronoun)
                facts.append(Fact(subject: subj, subjectType: st, relation: raw.relation, lemma: raw.lemma, object: obj, objectType: ot,
                                  args: args, negated: raw.negated, confidence: confidence, sentenceIndex: si,
                                  sentenceText: s.text, kind: raw.kind, carb: (raw.carbRelation, raw.carbArgs)))
            }
            for m in resolved.mentions where m.sentence == si {
                guard let title = m.title, m.cluster >= 0 else { continue }
                let name = resolved.canonical[m.cluster]
                guard seen.insert("title\u{1}\(name)\u{1}\(title)").inserted else { continue }
                var f = ConfidenceFeatures()
                f.hasObject = true
                f.subjectNamed = true
                f.clauseType = "root"
                let confidence = Confidence.calibrated(Confidence.score(f), relation: "is", args: [m.name, title],
                                                       sentenceLength: s.count, pronounSubject: false)
                facts.append(Fact(subject: name, subjectType: .person, relation: "has title", lemma: "has title", object: title,
                                  objectType: .other, args: [], negated: false, confidence: confidence, sentenceIndex: si,
                                  sentenceText: s.text, kind: .title, carb: ("is", [m.name, title])))
            }
        }
        var entities: [Entity] = []
        for c in resolved.canonical.indices {
            let aliases = [resolved.canonical[c]] + resolved.aliases[c].filter { $0 != resolved.canonical[c] }
            entities.append(Entity(name: resolved.canonical[c], type: resolved.types[c], aliases: aliases))
        }
        return ExtractionResult(document: document, entities: entities, facts: facts)
    }
}
