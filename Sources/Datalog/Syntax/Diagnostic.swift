import Graph
/// A message about query text: where (line/column), what was expected, and hints.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    public var message: String
    public var range: SourceRange?
    public var hints: [String]

    public init(_ severity: Severity = .error, _ message: String, at range: SourceRange?, hints: [String] = []) {
        self.severity = severity
        self.message = message
        self.range = range
        self.hints = hints
    }

    public init(_ message: String, at range: SourceRange?, hints: [String] = []) {
        self.init(.error, message, at: range, hints: hints)
    }

    public var description: String {
        var s = "\(severity.rawValue)"
        if let r = range, r.start.line > 0 { s += " at \(r.start.line):\(r.start.column)" }
        s += ": \(message)"
        for h in hints { s += " (hint: \(h))" }
        return s
    }

    /// Renders the message with the offending source line and a caret under the token:
    /// ```
    /// error at line 2, column 9: expected ')' or ',' after argument, found ':-'
    ///   2 | tc(X, Y :- edge(X, Y).
    ///     |         ^^
    ///   hint: ...
    /// ```
    public func render(source: String) -> String {
        var out = "\(severity.rawValue)"
        guard let r = range, r.start.line > 0 else {
            out += ": \(message)"
            for h in hints { out += "\n  hint: \(h)" }
            return out
        }
        out += " at line \(r.start.line), column \(r.start.column): \(message)"
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        if r.start.line - 1 < lines.count {
            let text = String(lines[r.start.line - 1]).replacingOccurrences(of: "\r", with: "")
            let num = String(r.start.line)
            let pad = String(repeating: " ", count: num.count)
            out += "\n  \(num) | \(text)"
            let scalars = Array(text.unicodeScalars)
            var caretPrefix = ""
            for i in 0..<max(0, min(r.start.column - 1, scalars.count)) { caretPrefix += scalars[i] == "\t" ? "\t" : " " }
            var width = 1
            if r.end.line == r.start.line && r.end.column > r.start.column { width = r.end.column - r.start.column }
            width = max(1, min(width, max(1, scalars.count - (r.start.column - 1))))
            out += "\n  \(pad) | \(caretPrefix)\(String(repeating: "^", count: width))"
        }
        for h in hints { out += "\n  hint: \(h)" }
        return out
    }
}

/// Renders several diagnostics, separated by blank lines.
public func renderDiagnostics(_ diagnostics: [Diagnostic], source: String) -> String {
    diagnostics.map { $0.render(source: source) }.joined(separator: "\n\n")
}
