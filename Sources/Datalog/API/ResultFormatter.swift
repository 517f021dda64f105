import Graph
import Support

/// Renders query results as an aligned table, JSON, CSV (RFC 4180) or TSV.
public enum ResultFormatter {
    public enum Format: String, Sendable, CaseIterable { case table, json, csv, tsv }

    public static func render(_ r: QueryResult, as format: Format, maxWidth: Int = 40, maxRows: Int? = nil) -> String {
        switch format {
        case .table: return table(r, maxColumnWidth: maxWidth, maxRows: maxRows)
        case .json: return json(r)
        case .csv: return csv(r)
        case .tsv: return tsv(r)
        }
    }

    /// Aligned columns with headers = variable names; cells longer than `maxColumnWidth` end with "…".
    public static func table(_ r: QueryResult, maxColumnWidth: Int = 40, maxRows: Int? = nil) -> String {
        if r.columns.isEmpty { return r.rowCount > 0 ? "true\n" : "false\n" }
        let shown = min(r.rowCount, maxRows ?? r.rowCount)
        func clip(_ s: String) -> String {
            let flat = s.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
            return flat.count > maxColumnWidth ? String(flat.prefix(max(1, maxColumnWidth - 1))) + "…" : flat
        }
        var cells: [[String]] = [r.columns.map(clip)]
        for i in 0..<shown { cells.append(r[i].map { clip(r.string(for: $0)) }) }
        var widths = [Int](repeating: 0, count: r.columns.count)
        for row in cells { for (c, s) in row.enumerated() { widths[c] = max(widths[c], s.count) } }
        func line(_ row: [String]) -> String {
            row.enumerated().map { c, s in c == row.count - 1 ? s : s + String(repeating: " ", count: widths[c] - s.count) }
                .joined(separator: "  ")
        }
        var out = line(cells[0]) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells.dropFirst() { out += line(row) + "\n" }
        if shown < r.rowCount { out += "… \(formatCount(r.rowCount - shown)) more rows\n" }
        out += "(\(formatCount(r.rowCount)) row\(r.rowCount == 1 ? "" : "s"))\n"
        return out
    }

    /// `{"columns": [...], "rows": [[...], ...]}`; numbers stay strings (store terms are strings).
    public static func json(_ r: QueryResult) -> String {
        var out = "{\"columns\": [" + r.columns.map(jsonString).joined(separator: ", ") + "], \"rows\": ["
        for i in 0..<r.rowCount {
            out += (i == 0 ? "\n  [" : ",\n  [") + r[i].map { jsonString(r.string(for: $0)) }.joined(separator: ", ") + "]"
        }
        out += r.rowCount > 0 ? "\n]}\n" : "]}\n"
        return out
    }

    public static func csv(_ r: QueryResult) -> String {
        func field(_ s: String) -> String {
            if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return s
        }
        var out = r.columns.map(field).joined(separator: ",") + "\r\n"
        for i in 0..<r.rowCount { out += r[i].map { field(r.string(for: $0)) }.joined(separator: ",") + "\r\n" }
        return out
    }

    /// Tab-separated; tabs, newlines and backslashes inside values are escaped as \t \n \\.
    public static func tsv(_ r: QueryResult) -> String {
        func field(_ s: String) -> String {
            s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
                .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
        }
        var out = r.columns.joined(separator: "\t") + "\n"
        for i in 0..<r.rowCount { out += r[i].map { field(r.string(for: $0)) }.joined(separator: "\t") + "\n" }
        return out
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    public static func jsonString(_ s: String) -> String { JSONWriter.quoted(s) }
}
