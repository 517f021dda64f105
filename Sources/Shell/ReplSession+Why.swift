import Datalog
import Graph
import Support

/// `:why`: where a fact comes from. A base fact shows its source sentences, article titles, URLs and
/// dates; a derived one shows the rule and the facts that produced it.
extension ReplSession {
    func why(_ text: String, cancellation: CancellationFlag?) -> Bool {
        var text = text.trimmingCharacters(in: " \t\n")
        if text.hasSuffix(".") { text.removeLast() }
        if text.hasPrefix("fact/"), let row = Int(text.dropFirst(5)), row >= 0, row < store.graph.factCount {
            output(describe(row: row))
            return true
        }
        let atom: Atom
        do {
            let program = try Program.parse("?- \(text).")
            guard let body = program.queries.first?.body, body.count == 1, case .positive(let parsed) = body[0] else {
                errorOutput("usage: :why fact/123, or one atom such as rel(\"Donald Trump\", \"deploy\", O)\n")
                return false
            }
            atom = parsed
        } catch {
            errorOutput(error.render(source: "?- \(text).") + "\n")
            return false
        }
        if atom.name == "rel" || atom.name == "fact" {
            let arguments = atom.name == "rel" ? ["F"] + atom.args.map(\.description) : atom.args.map(\.description)
            guard arguments.count == 4 else {
                errorOutput("\(atom.name) takes \(atom.name == "rel" ? 3 : 4) arguments\n")
                return false
            }
            let factVariable = arguments[0].first?.isUppercase == true || arguments[0] == "_" ? (arguments[0] == "_" ? "F" : arguments[0]) : "F"
            let query = "?- fact(\(factVariable), \(arguments[1]), \(arguments[2]), \(arguments[3]))."
            do {
                let result = try engine.query(query, limits: limits(cancellation))
                guard let column = result.columns.firstIndex(of: factVariable) else {
                    output(describeConstantFact(arguments[0]))
                    return true
                }
                if result.rowCount == 0 { output("no stored fact matches \(text)\n") }
                for index in 0..<min(result.rowCount, 10) {
                    if let row = FactID.row(result[index][result[index].startIndex + column]) { output(describe(row: row)) }
                }
                if result.rowCount > 10 { output("… and \(result.rowCount - 10) more facts\n") }
                return true
            } catch {
                errorOutput(error.render(source: query) + "\n")
                return false
            }
        }
        if store.graph.baseRelations.contains(where: { $0.name == atom.name }) {
            output("\(text) is a base fact of the store (\(atom.name)/\(atom.args.count)); :why rel(...) or fact/N shows sources\n")
            return true
        }
        let rules = engine.rules.filter { $0.head.name == atom.name && $0.head.args.count == atom.args.count }
        guard !rules.isEmpty else {
            errorOutput("no rule defines \(atom.name)/\(atom.args.count) in this session\n")
            return false
        }
        for rule in rules {
            guard let body = instantiate(rule, with: atom) else { continue }
            do {
                let result = try engine.query(body: body, limits: limits(cancellation))
                guard result.rowCount > 0 else { continue }
                var values: [String: String] = [:]
                for (index, column) in result.columns.enumerated() {
                    values[column] = quoted(result.string(for: result[0][result[0].startIndex + index]))
                }
                output("\(text) holds by the rule\n  \(rule.description)\nbecause\n")
                for literal in body { output("  " + substitute(literal.description, values) + "\n") }
                return true
            } catch {
                errorOutput(error.description + "\n")
                return false
            }
        }
        output("\(text) does not hold: no rule for \(atom.name)/\(atom.args.count) derives it\n")
        return true
    }

    func describe(row: Int) -> String {
        let fact = store.graph.fact(at: row)
        var text = "fact/\(row): \(fact.subject) → \(fact.relationText) [\(fact.relation)] → \(fact.object)"
        if !fact.arguments.isEmpty { text += " → " + fact.arguments.map { "\($0.role): \($0.value)" }.joined(separator: ", ") }
        text += String(format: "  (confidence %.2f%@)\n", fact.confidence, fact.negated ? ", negated" : "")
        if let documentID = fact.document {
            let document = store.graph.document(id: documentID)
            text += "  from: \(document?.title ?? documentID)\n"
            text += "  url: \(document?.url ?? documentID)\(document?.published.map { "  published \($0)" } ?? "")\n"
            if let sentence = fact.sentence { text += "  sentence \((fact.sentenceIndex ?? 0) + 1): \"\(sentence)\"\n" }
        } else {
            text += "  source: imported (no article)\n"
        }
        return text
    }

    func describeConstantFact(_ id: String) -> String {
        let digits = id.filter(\.isNumber)
        guard let row = Int(digits), row < store.graph.factCount else { return "no such fact \(id)\n" }
        return describe(row: row)
    }

    /// The rule's body with the head's variables bound to the atom's constants; nil when they clash.
    func instantiate(_ rule: Rule, with atom: Atom) -> [Literal]? {
        var binding: [String: Term] = [:]
        for (headArgument, value) in zip(rule.head.args, atom.args) {
            guard case .term(let term) = headArgument else { return nil }
            switch (term, value) {
            case (.variable(let name, _), .constant):
                if let bound = binding[name], bound.description != value.description { return nil }
                binding[name] = value
            case (.constant(let c, _), .constant(let d, _)) where c.text != d.text:
                return nil
            default:
                continue
            }
        }
        func map(_ term: Term) -> Term {
            if case .variable(let name, _) = term, let value = binding[name] { return value }
            return term
        }
        func map(_ expression: Expr) -> Expr {
            switch expression {
            case .term(let term): return .term(map(term))
            case .binary(let op, let a, let b, let range): return .binary(op, map(a), map(b), range)
            case .negate(let a, let range): return .negate(map(a), range)
            }
        }
        func map(_ atom: Atom) -> Atom {
            var copy = atom
            copy.args = atom.args.map(map)
            return copy
        }
        return rule.body.map { literal in
            switch literal {
            case .positive(let atom): return .positive(map(atom))
            case .negative(let atom, let range): return .negative(map(atom), range)
            case .comparison(let op, let a, let b, let range): return .comparison(op, map(a), map(b), range)
            }
        }
    }

    func quoted(_ value: String) -> String {
        "\"" + value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }

    /// Replaces whole-word variable names in a printed literal.
    func substitute(_ text: String, _ values: [String: String]) -> String {
        var out = ""
        var word = ""
        var inString = false
        func flush() {
            out += values[word] ?? word
            word = ""
        }
        for character in text {
            if inString {
                out.append(character)
                if character == "\"" { inString = false }
            } else if character == "\"" {
                flush()
                inString = true
                out.append(character)
            } else if character.isLetter || character.isNumber || character == "_" {
                word.append(character)
            } else {
                flush()
                out.append(character)
            }
        }
        flush()
        return out
    }
}
