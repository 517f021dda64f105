import Foundation
import Support

/// Writers for extraction results: JSON Lines (docs/ARCHITECTURE.md, "Extraction output") and the
/// CaRB benchmark's tab-separated format.
public enum ExtractionOutput {
    /// One JSON object per fact, in the documented field order.
    public static func jsonLines(_ r: ExtractionResult) -> String {
        var out = ""
        for f in r.facts {
            out += "{\"doc\": \(quote(r.document)), \"sentence\": \(f.sentenceIndex), \"text\": \(quote(f.sentenceText)), "
            out += "\"subject\": \(quote(f.subject)), \"subject_type\": \(quote(f.subjectType.rawValue)), "
            out += "\"relation\": \(quote(f.relation)), \"lemma\": \(quote(f.lemma)), "
            out += "\"object\": \(f.object.isEmpty ? "null" : quote(f.object)), \"object_type\": \(f.object.isEmpty ? "null" : quote(f.objectType.rawValue)), "
            out += "\"args\": [" + f.args.map { "{\"role\": \(quote($0.role)), \"value\": \(quote($0.value)), \"type\": \(quote($0.type.rawValue))}" }.joined(separator: ", ") + "], "
            out += "\"negated\": \(f.negated), \"confidence\": \(format(f.confidence))}\n"
        }
        return out
    }

    /// One JSON object per entity: `{"doc", "entity", "type", "aliases"}`.
    public static func entityLines(_ r: ExtractionResult) -> String {
        r.entities.map {
            "{\"doc\": \(quote(r.document)), \"entity\": \(quote($0.name)), \"type\": \(quote($0.type.rawValue)), \"aliases\": ["
                + $0.aliases.map(quote).joined(separator: ", ") + "]}\n"
        }.joined()
    }

    /// CaRB lines: `sentence<TAB>confidence<TAB>relation<TAB>arg1<TAB>arg2...`. Title, possessive and
    /// apposition facts are included; facts without a second argument are written with one argument.
    public static func carb(_ r: ExtractionResult, sentences: [String]) -> String {
        var out = ""
        for f in r.facts {
            guard f.sentenceIndex < sentences.count, f.kind != .possessive else { continue }
            let args = f.carb.args.map(clean).filter { !$0.isEmpty }
            guard !args.isEmpty else { continue }
            out += clean(sentences[f.sentenceIndex]) + "\t" + format(f.confidence) + "\t" + clean(f.carb.relation) + "\t"
                + args.joined(separator: "\t") + "\n"
        }
        return out
    }

    static func clean(_ s: String) -> String {
        String(s.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    static func format(_ d: Double) -> String {
        String(format: "%.3f", d)
    }

    /// A JSON string literal.
    public static func quote(_ s: String) -> String { JSONWriter.quoted(s) }
}
