import Graph

/// Graphviz DOT for an exported graph: nodes labelled with canonical names, shaped and coloured by
/// entity type (with a legend), edges labelled with the relation and a short suffix of arguments,
/// negated facts dashed, thickness by the number of supporting sources. Output is sorted and stable.
public enum DOTWriter {
    /// Labels longer than this are cut with "…"; the full text stays in the tooltip.
    public static let maximumLabelLength = 48

    static func style(for type: EntityType?) -> (shape: String, color: String) {
        switch type {
        case .person: ("ellipse", "#cfe2ff")
        case .org: ("box", "#d1e7dd")
        case .gpe: ("hexagon", "#fff3cd")
        case .loc: ("house", "#ffe5d0")
        case .event: ("diamond", "#f8d7da")
        case .date: ("note", "#e2e3e5")
        case .number: ("plaintext", "#ffffff")
        case .other, nil: ("ellipse", "#f8f9fa")
        }
    }

    /// A DOT double-quoted string: backslashes, quotes and line breaks escaped; control characters dropped.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r", "\t": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func shortened(_ text: String) -> String {
        text.count <= maximumLabelLength ? text : String(text.prefix(maximumLabelLength - 1)) + "…"
    }

    /// The label of an edge: the relation as written, with up to two arguments ("deploy (in Illinois)").
    static func label(_ edge: ExportEdge) -> String {
        let words = edge.relationText.lowercased().split(separator: " ")
        let saysNegation = words.contains { $0 == "not" || $0 == "never" || $0 == "no" || $0.hasSuffix("n't") }
        var label = edge.negated && !saysNegation ? "not " + edge.relationText : edge.relationText
        let arguments = edge.arguments.prefix(2).map { "\($0.role) \($0.value)" }
        if !arguments.isEmpty { label += " (" + arguments.joined(separator: ", ") + ")" }
        return label
    }

    public static func render(_ graph: ExportGraph, title: String = "newsgraph") -> String {
        var lines: [String] = []
        lines.append("digraph \(quoted(title)) {")
        lines.append("  graph [charset=\"UTF-8\", rankdir=LR, fontname=\"Helvetica\", overlap=false];")
        lines.append("  node [style=filled, fontname=\"Helvetica\", fontsize=11];")
        lines.append("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];")
        var ids: [String: String] = [:]
        for (index, node) in graph.nodes.enumerated() { ids[node.name] = "n\(index + 1)" }
        let usedTypes = Set(graph.nodes.map { $0.type?.symbol ?? "other" })
        if !usedTypes.isEmpty {
            lines.append("  subgraph cluster_legend {")
            lines.append("    label=\"entity types\"; fontsize=10; style=dashed; color=\"#999999\";")
            for type in EntityType.allCases where usedTypes.contains(type.symbol) {
                let style = style(for: type)
                lines.append("    \"legend_\(type.symbol)\" [label=\"\(type.symbol)\", shape=\(style.shape), fillcolor=\"\(style.color)\"];")
            }
            lines.append("  }")
        }
        for node in graph.nodes where !node.name.isEmpty {
            let style = style(for: node.type)
            var attributes = "label=\(quoted(shortened(node.name))), shape=\(style.shape), fillcolor=\"\(style.color)\""
            attributes += ", tooltip=\(quoted(node.name + (node.type.map { " (\($0.symbol))" } ?? "")))"
            lines.append("  \(ids[node.name] ?? "n0") [\(attributes)];")
        }
        for (index, edge) in graph.edges.enumerated() {
            let label = label(edge)
            // A fact without an object ("the strike would last") ends in a point of its own, so such facts do
            // not all meet in one empty node.
            var target = ids[edge.object] ?? "n0"
            if edge.object.isEmpty {
                target = "p\(index + 1)"
                lines.append("  \(target) [shape=point, label=\"\", width=0.05];")
            }
            var attributes = "label=\(quoted(shortened(label))), tooltip=\(quoted(label))"
            if edge.negated { attributes += ", style=dashed" }
            let width = 1 + min(4, Double(max(0, edge.sources.count - 1)) * 0.75)
            attributes += ", penwidth=\(width == width.rounded() ? String(Int(width)) : String(width))"
            lines.append("  \(ids[edge.subject] ?? "n0") -> \(target) [\(attributes)];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
