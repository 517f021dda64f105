import Extraction
import Graph

/// The NewsGraph extractor behind `newsgraph ingest`: article text → facts, entities and aliases, with
/// names made canonical across articles (``EntityRegistry``): those of the run and those already stored.
public struct TextFactExtractor: FactExtractor {
    let extractor: Extractor
    let registry: EntityRegistry

    /// Creates an extractor around loaded models; `registry` links the articles given one at a time to
    /// ``extract(_:)``.
    public init(extractor: Extractor, registry: EntityRegistry = EntityRegistry()) {
        self.extractor = extractor
        self.registry = registry
    }

    /// Loads the bundled models.
    public static func bundled() throws -> TextFactExtractor {
        TextFactExtractor(extractor: try Extractor.bundled())
    }

    /// Extracts the article's title and text, with names canonical across the articles this extractor saw.
    public func extract(_ article: Article) -> ExtractedFacts {
        extract(article, with: registry)
    }

    /// Extracts a run's articles with a registry that starts from the stored entities and their aliases, so
    /// "Trump" in a new article becomes the stored "Donald Trump", and a stored "Trump" is renamed when a new
    /// article names him in full.
    public func extract(_ articles: [Article], known graph: KnowledgeGraph) -> ExtractedFacts {
        let registry = EntityRegistry(known: Self.knownEntities(graph))
        var all = ExtractedFacts()
        for article in articles { all.append(extract(article, with: registry)) }
        all.renames = registry.renames.map { EntityRename(from: $0.from, to: $0.to) }
        return all
    }

    /// The graph's typed entities with their aliases.
    static func knownEntities(_ graph: KnowledgeGraph) -> [Entity] {
        var aliases: [String: [String]] = [:]
        for pair in graph.aliases { aliases[pair.entity, default: []].append(pair.alias) }
        return graph.entities.compactMap { record in
            extractionType(record.type).map { Entity(name: record.name, type: $0, aliases: aliases[record.name] ?? [record.name]) }
        }
    }

    func extract(_ article: Article, with registry: EntityRegistry) -> ExtractedFacts {
        let text = article.title.isEmpty ? article.text : article.title + "\n\n" + article.text
        let extracted = extractor.extract(text: text, document: article.id)
        let result = registry.canonicalize(extracted)
        var out = ExtractedFacts()
        for f in result.facts {
            out.facts.append(FactRecord(
                subject: f.subject, relation: f.lemma, relationText: f.relation, object: f.object, negated: f.negated,
                confidence: f.confidence, arguments: f.args.map { Graph.FactArgument(role: $0.role, value: $0.value) },
                document: article.id, sentenceIndex: f.sentenceIndex, sentence: f.sentenceText))
        }
        // The article's own surface forms under the canonical name: aliases seen before are stored already
        // (or move with a rename), so they are not written again with every article.
        for (e, seen) in zip(result.entities, extracted.entities) {
            out.entities.append(EntityRecord(name: e.name, type: TextFactExtractor.graphType(e.type)))
            var written = Set<String>()
            for a in [e.name] + seen.aliases where written.insert(a).inserted { out.aliases.append(AliasRecord(entity: e.name, alias: a)) }
        }
        return out
    }

    static func extractionType(_ t: Graph.EntityType) -> Extraction.EntityType? {
        Extraction.EntityType.allCases.first { graphType($0) == t }
    }

    static func graphType(_ t: Extraction.EntityType) -> Graph.EntityType {
        switch t {
        case .person: return .person
        case .org: return .org
        case .gpe: return .gpe
        case .loc: return .loc
        case .event: return .event
        case .date: return .date
        case .number: return .number
        case .other: return .other
        }
    }
}
