import Datalog
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
        var out: [UInt8] = Array("subject,relation,object,negated,confidence,sources\r\n".utf8)
        out.reserveCapacity(graph.edges.count * 48)
        for edge in graph.edges {
            appendField(edge.subject, to: &out)
            out.append(0x2C)
            appendField(edge.relation, to: &out)
            out.append(0x2C)
            appendField(edge.object, to: &out)
            out.append(contentsOf: edge.negated ? Array(",true,".utf8) : Array(",false,".utf8))
            out.append(contentsOf: format(edge.confidence).utf8)
            out.append(0x2C)
            appendField(edge.sources.joined(separator: " "), to: &out)
            out.append(0x0D)
            out.append(0x0A)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
    public static func csvField(_ value: String) -> String {
        var out: [UInt8] = []
        appendField(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendField(_ value: String, to out: inout [UInt8]) {
        let needsQuotes = value.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            out.append(contentsOf: value.utf8)
            return
        }
        out.append(0x22)
        for byte in value.utf8 {
            out.append(byte)
            if byte == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
    }

    /// A JSON string literal (the query formatter's, so every JSON NewsGraph writes escapes alike).
    public static func jsonString(_ value: String) -> String { ResultFormatter.jsonString(value) }

    static func format(_ confidence: Double) -> String {
        if confidence >= 1 { return "1.0" }
        let thousandths = Int((confidence * 1000).rounded())
        if thousandths % 1000 == 0 { return "\(thousandths / 1000).0" }
        var digits = String(thousandths)
        while digits.count < 3 { digits = "0" + digits }
        while digits.last == "0" { digits.removeLast() }
        return "0." + digits
    }
}
