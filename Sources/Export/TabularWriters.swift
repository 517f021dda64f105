import Graph

/// JSON (`{"nodes": [...], "edges": [...]}`) and CSV (one edge per record, RFC 4180) forms of an exported graph.
public enum TabularWriters {
    public static func json(_ graph: ExportGraph) -> String {
        var out = "{\"nodes\": ["
        for (index, node) in graph.nodes.enumerated() {
            out += index == 0 ? "\n  " : ",\n  "
            out += "{\"id\": \(jsonString("n\(index + 1)")), \"label\": \(jsonString(node.name)), \"type\": \(node.type.map { jsonString($0.symbol) } ?? "null")}"
        }
        out += "\n], \"edges\": ["
        var ids: [String: String] = [:]
        for (index, node) in graph.nodes.enumerated() { ids[node.name] = "n\(index + 1)" }
        for (index, edge) in graph.edges.enumerated() {
            out += index == 0 ? "\n  " : ",\n  "
            let arguments = edge.arguments.map { "{\"role\": \(jsonString($0.role)), \"value\": \(jsonString($0.value))}" }.joined(separator: ", ")
            let sources = edge.sources.map(jsonString).joined(separator: ", ")
            out += "{\"id\": \(jsonString("e\(index + 1)")), \"source\": \(jsonString(ids[edge.subject] ?? "")), \"target\": \(jsonString(ids[edge.object] ?? "")), "
            out += "\"subject\": \(jsonString(edge.subject)), \"relation\": \(jsonString(edge.relation)), \"relation_text\": \(jsonString(edge.relationText)), "
            out += "\"object\": \(jsonString(edge.object)), \"negated\": \(edge.negated), \"confidence\": \(format(edge.confidence)), "
            out += "\"args\": [\(arguments)], \"sources\": [\(sources)], \"facts\": \(edge.factRows.count)}"
        }
        out += "\n]}\n"
        return out
    }

    public static func csv(_ graph: ExportGraph) -> String {
        var out = "subject,relation,object,negated,confidence,sources\r\n"
        for edge in graph.edges {
            out += [edge.subject, edge.relation, edge.object, edge.negated ? "true" : "false", format(edge.confidence), edge.sources.joined(separator: " ")]
                .map(csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
    public static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }

    public static func jsonString(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func format(_ confidence: Double) -> String {
        let rounded = (confidence * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int(rounded)) + ".0" : String(rounded)
    }
}
