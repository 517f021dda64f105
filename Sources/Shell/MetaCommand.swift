import Datalog
import Support

/// A REPL meta-command (`:help`, `:load FILE` ...), parsed from one line.
public enum MetaCommand: Equatable, Sendable {
    case help(String?)
    case load(String)
    case rules
    case relations
    case pop
    case reset
    case why(String)
    case explain(String)
    case format(ResultFormatter.Format)
    case timing(Bool)
    case limit(Int)
    case dot(file: String, query: String?)
    case stats
    case reload
    case quit

    /// Every command with its arguments and purpose, for `:help` and completion.
    public static let summaries: [(name: String, usage: String, purpose: String)] = [
        (":help", ":help [topic]", "this list, or help on a topic (queries, rules, relations, negation, aggregates, builtins)"),
        (":load", ":load FILE.dl", "load rules (and run the ?- queries) from a file"),
        (":rules", ":rules", "the rules defined in this session"),
        (":relations", ":relations", "base relations and session predicates with arities and sizes"),
        (":pop", ":pop", "undo the last definition or :load"),
        (":reset", ":reset", "forget every rule defined in this session"),
        (":why", ":why FACT", "where a fact comes from: fact/123, rel(\"A\", \"deploy\", \"B\") or a derived atom"),
        (":explain", ":explain QUERY", "the evaluation plan with estimated and actual rows"),
        (":format", ":format table|json|csv|tsv", "how answers are printed"),
        (":timing", ":timing on|off", "print the evaluation time after each query"),
        (":limit", ":limit N", "rows shown per answer (default 50)"),
        (":dot", ":dot FILE [QUERY]", "write the answer's subgraph (or the last answer's) as Graphviz DOT"),
        (":stats", ":stats", "counts and sizes of the store"),
        (":reload", ":reload", "re-open the store to see what a concurrent ingest committed"),
        (":quit", ":quit", "leave (also Ctrl-D)"),
    ]

    /// Why a line is not a valid meta-command.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Parses a line starting with `:`.
    public static func parse(_ line: String) throws(ParseError) -> MetaCommand {
        var text = line.trimmingCharacters(in: " \t\n")
        if text.hasSuffix(".") && !text.hasPrefix(":why") && !text.hasPrefix(":explain") && !text.hasPrefix(":dot") { text.removeLast() }
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        let name = parts.first.map(String.init) ?? ""
        let argument = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: " \t") : ""
        func requireArgument(_ usage: String) throws(ParseError) -> String {
            guard !argument.isEmpty else { throw ParseError(message: "usage: \(usage)") }
            return argument
        }
        switch name {
        case ":help", ":h", ":?": return .help(argument.isEmpty ? nil : argument)
        case ":load", ":l": return .load(try requireArgument(":load FILE.dl"))
        case ":rules": return .rules
        case ":relations", ":rel": return .relations
        case ":pop": return .pop
        case ":reset": return .reset
        case ":why": return .why(try requireArgument(":why FACT"))
        case ":explain": return .explain(try requireArgument(":explain QUERY"))
        case ":format":
            guard let format = ResultFormatter.Format(rawValue: argument.lowercased()) else {
                throw ParseError(message: "usage: :format table|json|csv|tsv")
            }
            return .format(format)
        case ":timing":
            switch argument.lowercased() {
            case "on": return .timing(true)
            case "off": return .timing(false)
            default: throw ParseError(message: "usage: :timing on|off")
            }
        case ":limit":
            guard let value = Int(argument.replacing(",", with: "")), value > 0 else { throw ParseError(message: "usage: :limit N (a positive number)") }
            return .limit(value)
        case ":dot":
            let file = try requireArgument(":dot FILE [QUERY]")
            let pieces = file.split(separator: " ", maxSplits: 1)
            return .dot(file: String(pieces[0]), query: pieces.count > 1 ? String(pieces[1]) : nil)
        case ":stats": return .stats
        case ":reload": return .reload
        case ":quit", ":q", ":exit": return .quit
        default:
            let known = summaries.map(\.name)
            let suggestion = known.min { distance($0, name) < distance($1, name) }
            throw ParseError(message: "unknown command \(name)" + (suggestion.map { "; did you mean \($0)? (:help lists all)" } ?? ""))
        }
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
