import Extraction
import Graph

/// The NewsGraph extractor behind `newsgraph ingest`: article text → facts, entities and aliases, with
/// names made canonical across the articles of the run (``EntityRegistry``).
public struct TextFactExtractor: FactExtractor {
    let extractor: Extractor
    let registry: EntityRegistry

    /// Creates an extractor around loaded models.
    public init(extractor: Extractor, registry: EntityRegistry = EntityRegistry()) {
        self.extractor = extractor
        self.registry = registry
    }

    /// Loads the bundled models.
    public static func bundled() throws -> TextFactExtractor {
        TextFactExtractor(extractor: try Extractor.bundled())
    }

    /// Extracts the article's title and text.
    public func extract(_ article: Article) -> ExtractedFacts {
        let text = article.title.isEmpty ? article.text : article.title + "\n\n" + article.text
        let result = registry.canonicalize(extractor.extract(text: text, document: article.id))
        var out = ExtractedFacts()
        for f in result.facts {
            out.facts.append(FactRecord(
                subject: f.subject, relation: f.lemma, relationText: f.relation, object: f.object, negated: f.negated,
                confidence: f.confidence, arguments: f.args.map { Graph.FactArgument(role: $0.role, value: $0.value) },
                document: article.id, sentenceIndex: f.sentenceIndex, sentence: f.sentenceText))
        }
        for e in result.entities {
            out.entities.append(EntityRecord(name: e.name, type: TextFactExtractor.graphType(e.type)))
            for a in e.aliases { out.aliases.append(AliasRecord(entity: e.name, alias: a)) }
        }
        return out
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
