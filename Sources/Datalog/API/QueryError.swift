import Graph
/// Every failure of parse, load, query or explain, with diagnostics that render against the source text.
public struct QueryError: Error, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        case syntax, analysis
        /// Evaluation stopped by a deadline, the tuple limit or cancellation; `stats` holds partial counts.
        case deadline, tupleLimit, cancelled
        case runtime
    }
    public var kind: Kind
    public var diagnostics: [Diagnostic]
    public var stats: EvaluationStats?

    public init(_ kind: Kind, _ diagnostics: [Diagnostic], stats: EvaluationStats? = nil) {
        self.kind = kind
        self.diagnostics = diagnostics
        self.stats = stats
    }

    public init(_ kind: Kind, message: String, at range: SourceRange? = nil, hints: [String] = [], stats: EvaluationStats? = nil) {
        self.init(kind, [Diagnostic(message, at: range, hints: hints)], stats: stats)
    }

    public var message: String { diagnostics.map(\.message).joined(separator: "\n") }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
    public var isLimit: Bool { kind == .deadline || kind == .tupleLimit || kind == .cancelled }

    /// All diagnostics rendered with source lines and carets.
    public func render(source: String) -> String { renderDiagnostics(diagnostics, source: source) }
}
