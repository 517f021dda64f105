import Graph

/// Reads back N-Triples written by `NTriplesWriter`: entities, types, aliases and facts (reified facts
/// with all their details), so that export followed by import gives the same graph.
public enum NTriplesReader {
    /// A term of a triple: an IRI (without brackets) or a literal's lexical form.
    enum Term: Equatable {
        case iri(String)
        case literal(String)
        case blank(String)

        var text: String {
            switch self {
            case .iri(let value), .literal(let value), .blank(let value): value
            }
        }
    }

    /// True when `text` (the start of a file) uses the NewsGraph vocabulary under `base`.
    public static func usesVocabulary(_ text: Substring, base: String = NTriplesWriter.defaultBase) -> Bool {
        text.contains("<\(base)entity/") || text.contains("<\(base)fact/")
    }

    /// The batch a NewsGraph N-Triples document describes.
    /// - Throws: `ImportError` with line and column for malformed lines.
    public static func batch(from text: String, file: String, base: String = NTriplesWriter.defaultBase) throws -> GraphBatch {
        var batch = GraphBatch()
        var facts: [String: [(String, Term)]] = [:]
        var factOrder: [String] = []
        var plain: [(String, String, String)] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            guard let (subject, predicate, object) = try parse(line, file: file, line: lineNumber) else { continue }
            let s = subject.text
            let p = predicate.text
            if s.hasPrefix(base + "fact/") {
                if facts[s] == nil { factOrder.append(s) }
                facts[s, default: []].append((p, object))
            } else if p == "http://www.w3.org/2000/01/rdf-schema#label" {
                continue
            } else if p == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", object.text.hasPrefix(base + "type/") {
                if let type = EntityType(name: String(object.text.dropFirst(base.count + 5))) {
                    batch.entities.append(EntityRecord(name: local(s, base: base, kind: "entity"), type: type))
                }
            } else if p == base + "alias" {
                batch.aliases.append(AliasRecord(entity: local(s, base: base, kind: "entity"), alias: object.text))
            } else {
                plain.append((local(s, base: base, kind: "entity"), local(p, base: base, kind: "relation"), local(object.text, base: base, kind: "entity")))
            }
        }
        var reified = Set<String>()
        for node in factOrder {
            var fields: [String: Term] = [:]
            var arguments: [FactArgument] = []
            for (predicate, object) in facts[node] ?? [] {
                if predicate.hasPrefix(base + "arg/") {
                    arguments.append(FactArgument(role: local(predicate, base: base, kind: "arg"), value: object.text))
                } else {
                    fields[predicate] = object
                }
            }
            guard let subject = fields[base + "subject"], let relation = fields[base + "relation"], let object = fields[base + "object"] else { continue }
            let s = local(subject.text, base: base, kind: "entity")
            let p = local(relation.text, base: base, kind: "relation")
            let o = local(object.text, base: base, kind: "entity")
            let negated = fields[base + "negated"]?.text == "true"
            if !negated { reified.insert("\(s)\u{1}\(p)\u{1}\(o)") }
            batch.facts.append(
                FactRecord(
                    subject: s, relation: p, relationText: fields[base + "relationText"]?.text, object: o, negated: negated,
                    confidence: Double(fields[base + "confidence"]?.text ?? "1") ?? 1, arguments: arguments,
                    document: fields[base + "source"]?.text, sentenceIndex: Int(fields[base + "sentenceIndex"]?.text ?? "0") ?? 0,
                    sentence: fields[base + "sentence"]?.text))
        }
        // Plain triples not already carried by a reified fact (each reified fact accounts for one plain copy).
        var remaining: [String: Int] = [:]
        for key in reified { remaining[key, default: 0] += 0 }
        for fact in batch.facts where !fact.negated { remaining["\(fact.subject)\u{1}\(fact.relation)\u{1}\(fact.object)", default: 0] += 1 }
        for (s, p, o) in plain {
            let key = "\(s)\u{1}\(p)\u{1}\(o)"
            if let count = remaining[key], count > 0 {
                remaining[key] = count - 1
                continue
            }
            batch.facts.append(FactRecord(subject: s, relation: p, object: o))
        }
        let documents = Set(batch.facts.compactMap(\.document))
        batch.documents = documents.sorted().map { DocumentRecord(id: $0, url: $0, title: $0) }
        return batch
    }

    static func local(_ iri: String, base: String, kind: String) -> String {
        let prefix = base + kind + "/"
        guard iri.hasPrefix(prefix) else { return iri }
        return percentDecoded(String(iri.dropFirst(prefix.count)))
    }

    static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == 0x25, utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One line: nil for blank lines and comments.
    static func parse(_ line: Substring, file: String, line number: Int) throws -> (Term, Term, Term)? {
        let scalars = Array(line.unicodeScalars)
        var i = 0
        func skipSpace() { while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" || scalars[i] == "\r" { i += 1 } }
        func fail(_ message: String) -> ImportError { ImportError(file: file, line: number, column: i + 1, message: message) }
        func term() throws -> Term {
            skipSpace()
            guard i < scalars.count else { throw fail("expected a term") }
            if scalars[i] == "<" {
                let start = i + 1
                while i < scalars.count, scalars[i] != ">" { i += 1 }
                guard i < scalars.count else { throw fail("unterminated IRI") }
                defer { i += 1 }
                return .iri(String(String.UnicodeScalarView(scalars[start..<i])))
            }
            if scalars[i] == "_" {
                let start = i
                while i < scalars.count, scalars[i] != " ", scalars[i] != "\t" { i += 1 }
                return .blank(String(String.UnicodeScalarView(scalars[start..<i])))
            }
            guard scalars[i] == "\"" else { throw fail("expected an IRI, a blank node or a literal") }
            i += 1
            var value = String.UnicodeScalarView()
            while i < scalars.count, scalars[i] != "\"" {
                if scalars[i] == "\\", i + 1 < scalars.count {
                    i += 1
                    switch scalars[i] {
                    case "n": value.append("\n")
                    case "r": value.append("\r")
                    case "t": value.append("\t")
                    case "u", "U":
                        let digits = scalars[i] == "u" ? 4 : 8
                        guard i + digits < scalars.count,
                            let code = UInt32(String(String.UnicodeScalarView(scalars[(i + 1)...(i + digits)])), radix: 16),
                            let scalar = Unicode.Scalar(code)
                        else { throw fail("bad \\u escape") }
                        value.append(scalar)
                        i += digits
                    default: value.append(scalars[i])
                    }
                } else {
                    value.append(scalars[i])
                }
                i += 1
            }
            guard i < scalars.count else { throw fail("unterminated literal") }
            i += 1
            if i < scalars.count, scalars[i] == "@" {
                while i < scalars.count, scalars[i] != " ", scalars[i] != "\t" { i += 1 }
            } else if i + 1 < scalars.count, scalars[i] == "^", scalars[i + 1] == "^" {
                i += 2
                _ = try term()
            }
            return .literal(String(value))
        }
        skipSpace()
        guard i < scalars.count, scalars[i] != "#" else { return nil }
        let subject = try term()
        let predicate = try term()
        let object = try term()
        skipSpace()
        guard i < scalars.count, scalars[i] == "." else { throw fail("expected '.'") }
        return (subject, predicate, object)
    }
}
