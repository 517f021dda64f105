import Datalog
import Export
import Foundation
import Graph
import Support

/// The state of one REPL session: the store, the engine with the rules defined so far, and the
/// display settings. One method per kind of input; everything it prints goes through `output`.
public final class ReplSession {
    public let storePath: String
    public private(set) var store: GraphStore
    public private(set) var engine: Engine
    public var format: ResultFormatter.Format = .table
    public var rowLimit = 50
    public var timing = false
    /// Terminal width for tables.
    public var width = 100
    /// The answer of the last query, for `:dot FILE` without a query.
    private var lastQuery: String?
    let output: (String) -> Void
    let errorOutput: (String) -> Void

    /// Opens the store read-only.
    public init(storePath: String, output: @escaping (String) -> Void, errorOutput: @escaping (String) -> Void) throws(StoreError) {
        self.storePath = storePath
        self.output = output
        self.errorOutput = errorOutput
        store = try GraphStore.openForReading(at: storePath)
        engine = Engine(store: store.graph)
    }

    /// Handles one complete statement or meta-command; returns false when it failed, nil to quit.
    public func handle(_ statement: String, cancellation: CancellationFlag? = nil) -> Bool? {
        let trimmed = statement.trimmingCharacters(in: " \t\n")
        if trimmed.hasPrefix(":") {
            do {
                return try run(MetaCommand.parse(trimmed), cancellation: cancellation)
            } catch {
                errorOutput(error.message + "\n")
                return false
            }
        }
        if trimmed.contains(":-") && !trimmed.hasPrefix("?-") { return define(trimmed) }
        return query(trimmed.hasPrefix("?-") ? trimmed : "?- " + trimmed, cancellation: cancellation)
    }

    func define(_ text: String) -> Bool {
        do {
            let program = try Program.parse(text)
            try engine.load(program)
            for warning in engine.warnings { errorOutput(warning.description + "\n") }
            output("defined \(program.rules.map { "\($0.head.name)/\($0.head.args.count)" }.joined(separator: ", "))\n")
            return true
        } catch {
            errorOutput(error.render(source: text) + "\n")
            return false
        }
    }

    func limits(_ cancellation: CancellationFlag?) -> EvaluationLimits {
        EvaluationLimits(deadline: nil, maxTuples: 50_000_000, cancellation: cancellation)
    }

    /// Answers up to this many rows are sorted; larger ones are shown as they come, so a query with
    /// millions of answers returns at once with its first rows.
    public static let sortLimit = 200_000

    func query(_ text: String, cancellation: CancellationFlag?) -> Bool {
        do {
            var result = try engine.query(text, limits: limits(cancellation), ordered: false)
            if result.rowCount <= Self.sortLimit {
                result = result.sorted()
            } else {
                errorOutput("(\(result.rowCount) answers: shown unsorted; newsgraph query sorts them all)\n")
            }
            for warning in result.warnings { errorOutput(warning.description + "\n") }
            lastQuery = text
            let columnWidth = max(12, (width - 2 * max(0, result.columns.count - 1)) / max(1, result.columns.count))
            switch format {
            case .table:
                output(ResultFormatter.table(result, maxColumnWidth: min(80, columnWidth), maxRows: rowLimit))
            default:
                output(ResultFormatter.render(result, as: format, maxRows: rowLimit))
                if result.rowCount > rowLimit { errorOutput("… \(result.rowCount - rowLimit) more rows (:limit N shows more)\n") }
            }
            if timing { output(String(format: "time: %.3f s\n", result.stats.elapsed.seconds)) }
            return true
        } catch {
            errorOutput(error.render(source: text) + "\n")
            return false
        }
    }

    func run(_ command: MetaCommand, cancellation: CancellationFlag?) -> Bool? {
        switch command {
        case .quit:
            return nil
        case .help(let topic):
            output(ReplHelp.text(topic))
        case .load(let file):
            guard let data = FileManager.default.contents(atPath: file) else {
                errorOutput("cannot read \(file)\n")
                return false
            }
            guard let text = String(validating: data, as: UTF8.self), !text.contains("\u{0}") else {
                errorOutput("\(file) is not a text file\n")
                return false
            }
            do {
                let program = try Program.parse(text)
                try engine.load(program)
                output("loaded \(program.rules.count) rule\(program.rules.count == 1 ? "" : "s") from \(file)\n")
                var ok = true
                for index in program.queries.indices where !query(program.queryText(index), cancellation: cancellation) { ok = false }
                return ok
            } catch {
                errorOutput(error.render(source: text) + "\n")
                return false
            }
        case .rules:
            let rules = engine.rules
            output(rules.isEmpty ? "no rules defined in this session\n" : rules.map(\.description).joined(separator: "\n") + "\n")
        case .relations:
            output(relationsTable())
        case .pop:
            output(engine.pop() ? "undid the last definition\n" : "nothing to undo\n")
        case .reset:
            engine.reset()
            output("all session rules forgotten\n")
        case .why(let fact):
            return why(fact, cancellation: cancellation)
        case .explain(let text):
            do {
                let query = Self.terminated(text.hasPrefix("?-") ? text : "?- " + text)
                output(try engine.explain(query, limits: limits(cancellation)) + "\n")
            } catch {
                errorOutput(error.render(source: text) + "\n")
                return false
            }
        case .format(let format):
            self.format = format
            output("format \(format.rawValue)\n")
        case .timing(let on):
            timing = on
            output("timing \(on ? "on" : "off")\n")
        case .limit(let limit):
            rowLimit = limit
            output("showing at most \(limit) rows\n")
        case .dot(let file, let text):
            return dot(file: file, query: text.map(Self.terminated) ?? lastQuery)
        case .stats:
            let graph = store.graph
            output("facts \(graph.factCount), entities \(graph.entityCount), articles \(graph.documentCount), aliases \(graph.aliasCount), terms \(graph.terms.count); last ingest \(store.lastIngest ?? "never")\n")
        case .reload:
            do {
                store = try GraphStore.openForReading(at: storePath)
                let rules = engine.rules
                engine = Engine(store: store.graph)
                if !rules.isEmpty { try engine.load(Program.parse(rules.map(\.description).joined(separator: "\n"))) }
                output("reloaded: \(store.graph.factCount) facts\n")
            } catch let error as StoreError {
                errorOutput(error.description + "\n")
                return false
            } catch {
                errorOutput("\(error)\n")
                return false
            }
        }
        return true
    }

    /// A query typed after a meta-command may omit its final '.'.
    static func terminated(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: " \t\n")
        return trimmed.hasSuffix(".") ? trimmed : trimmed + "."
    }

    func relationsTable() -> String {
        var lines = ["relation        arity  size", "--------------  -----  ----------"]
        for (name, arity) in store.graph.baseRelations {
            let size = store.graph.estimatedCount(name, Array(repeating: nil, count: arity))
            lines.append(name.padding(toLength: 16, withPad: " ", startingAt: 0) + String(arity).padding(toLength: 7, withPad: " ", startingAt: 0) + String(size))
        }
        var seen = Set<String>()
        for rule in engine.rules where seen.insert(rule.head.name).inserted {
            lines.append(rule.head.name.padding(toLength: 16, withPad: " ", startingAt: 0) + String(rule.head.args.count).padding(toLength: 7, withPad: " ", startingAt: 0) + "(rule)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func dot(file: String, query: String?) -> Bool {
        guard let query else {
            errorOutput("no query to export: give :dot FILE QUERY\n")
            return false
        }
        do {
            let rules = engine.rules.map(\.description).joined(separator: "\n")
            let exported = try GraphSelection(scope: .query(rules + "\n" + (query.hasPrefix("?-") ? query : "?- " + query))).select(from: store.graph)
            let capped = exported.capped(at: 300)
            try DOTWriter.render(capped).write(toFile: file, atomically: true, encoding: .utf8)
            output("wrote \(capped.edges.count) edges to \(file)" + (capped.dropped > 0 ? " (\(capped.dropped) dropped)" : "") + "\n")
            return true
        } catch let failure as GraphSelection.Failure {
            errorOutput(failure.description + "\n")
        } catch {
            errorOutput("cannot write \(file): \(error.localizedDescription)\n")
        }
        return false
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
