import Graph

/// W3C N-Triples for the graph, with IRIs minted under a base (default `urn:newsgraph:`).
///
/// Every asserted fact is a plain triple `<entity/S> <relation/P> <entity/O>`; a fact with more to say
/// (relation text, arguments, provenance, negation, confidence below 1) is also a reified node
/// `<fact/ROW>` carrying all of it, so nothing is lost. Entities get `rdfs:label`, `rdf:type` and aliases.
public struct NTriplesWriter {
    public static let defaultBase = "urn:newsgraph:"
    static let rdfType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    static let rdfsLabel = "<http://www.w3.org/2000/01/rdf-schema#label>"
    static let xsd = "http://www.w3.org/2001/XMLSchema#"

    public let base: String
    private var entityIRIs: [TermID: String] = [:]
    private var relationIRIs: [TermID: String] = [:]

    public init(base: String = NTriplesWriter.defaultBase) { self.base = base }

    func iri(_ kind: String, _ local: String) -> String { "<" + base + kind + "/" + Self.percentEncoded(local) + ">" }
    func vocabulary(_ name: String) -> String { "<" + base + name + ">" }

    /// Characters IRIs may not hold raw (and `%`, so decoding is exact) are percent-encoded.
    public static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 0x00...0x20, 0x22, 0x25, 0x3C, 0x3E, 0x5C, 0x5E, 0x60, 0x7B, 0x7C, 0x7D, 0x7F, 0x2F, 0x23, 0x3F:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            default:
                out.unicodeScalars.append(Unicode.Scalar(byte))
                if byte >= 0x80 { return percentEncodedSlow(text) }
            }
        }
        return out
    }

    private static func percentEncodedSlow(_ text: String) -> String {
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case 0x00...0x20, 0x22, 0x25, 0x3C, 0x3E, 0x5C, 0x5E, 0x60, 0x7B, 0x7C, 0x7D, 0x7F, 0x2F, 0x23, 0x3F:
                bytes += Array("%".utf8) + Array((byte < 16 ? "0" : "").utf8) + Array(String(byte, radix: 16, uppercase: true).utf8)
            default:
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An N-Triples string literal.
    public static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private mutating func entity(_ id: TermID, _ graph: KnowledgeGraph) -> String {
        if let cached = entityIRIs[id] { return cached }
        let value = iri("entity", graph.string(for: id))
        entityIRIs[id] = value
        return value
    }

    private mutating func relation(_ id: TermID, _ graph: KnowledgeGraph) -> String {
        if let cached = relationIRIs[id] { return cached }
        let value = iri("relation", graph.string(for: id))
        relationIRIs[id] = value
        return value
    }

    /// Writes the facts at `rows` (all facts when nil) with their entities, calling `emit` with chunks of text.
    /// - Complexity: O(facts + entities).
    public mutating func write(_ graph: KnowledgeGraph, rows: [Int]? = nil, emit: (String) -> Void) {
        var chunk = ""
        chunk.reserveCapacity(1 << 16)
        func flush() {
            emit(chunk)
            chunk.removeAll(keepingCapacity: true)
        }
        var entities = Set<TermID>()
        let selected: AnySequence<Int> = rows.map { AnySequence($0) } ?? AnySequence(0..<graph.factCount)
        for row in selected {
            let fact = graph.compactFact(at: row)
            let subject = entity(fact.subject, graph)
            let object = entity(fact.object, graph)
            let predicate = relation(fact.relation, graph)
            entities.insert(fact.subject)
            entities.insert(fact.object)
            if !fact.negated { chunk += "\(subject) \(predicate) \(object) .\n" }
            if fact.hasDetails || fact.negated || fact.confidence < 1 {
                let view = graph.fact(at: row)
                let node = "<" + base + "fact/\(row)>"
                chunk += "\(node) \(Self.rdfType) \(vocabulary("Fact")) .\n"
                chunk += "\(node) \(vocabulary("subject")) \(subject) .\n"
                chunk += "\(node) \(vocabulary("relation")) \(predicate) .\n"
                chunk += "\(node) \(vocabulary("object")) \(object) .\n"
                chunk += "\(node) \(vocabulary("relationText")) \(Self.literal(view.relationText)) .\n"
                if view.negated { chunk += "\(node) \(vocabulary("negated")) \"true\"^^<\(Self.xsd)boolean> .\n" }
                chunk += "\(node) \(vocabulary("confidence")) \"\(String(format3(view.confidence)))\"^^<\(Self.xsd)decimal> .\n"
                for argument in view.arguments {
                    chunk += "\(node) \(iri("arg", argument.role)) \(Self.literal(argument.value)) .\n"
                }
                if let document = view.document { chunk += "\(node) \(vocabulary("source")) \(Self.literal(document)) .\n" }
                if let index = view.sentenceIndex {
                    chunk += "\(node) \(vocabulary("sentenceIndex")) \"\(index)\"^^<\(Self.xsd)integer> .\n"
                }
                if let sentence = view.sentence { chunk += "\(node) \(vocabulary("sentence")) \(Self.literal(sentence)) .\n" }
            }
            if chunk.utf8.count > 1 << 16 { flush() }
        }
        for id in entities.sorted() {
            let name = graph.string(for: id)
            let subject = entity(id, graph)
            chunk += "\(subject) \(Self.rdfsLabel) \(Self.literal(name)) .\n"
            if let type = graph.type(of: name) { chunk += "\(subject) \(Self.rdfType) \(iri("type", type.symbol)) .\n" }
            if chunk.utf8.count > 1 << 16 { flush() }
        }
        for (entityName, alias) in graph.aliases where entities.contains(graph.lookup(entityName) ?? .max) {
            chunk += "\(iri("entity", entityName)) \(vocabulary("alias")) \(Self.literal(alias)) .\n"
        }
        flush()
    }

    private func format3(_ value: Double) -> String {
        let rounded = (value * 10000).rounded() / 10000
        return rounded == rounded.rounded() ? String(Int(rounded)) + ".0" : String(rounded)
    }
}
