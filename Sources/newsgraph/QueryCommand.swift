import ArgumentParser
import Datalog
import Foundation
import Graph

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Answer a Datalog query over the store.",
        discussion: """
            QUERY is a query such as 'rel("Donald Trump", P, O)' (with or without ?- and the final '.'), or use -f FILE.dl
            with rules and one or more ?- queries. Exit status: 0 success, 1 store error, 2 query error.
            """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The query text.")
    var query: String?

    @Option(name: [.customShort("f"), .customLong("file")], help: "A file of rules and ?- queries.")
    var file: String?

    @Option(help: "Output format: table (default on a terminal), json, csv or tsv (default when piped).")
    var format: ResultFormatter.Format?

    @Flag(help: "Print only the number of answers.")
    var count = false

    @Flag(help: "Print the evaluation plan with estimated and actual row counts per step.")
    var explain = false

    @Flag(help: "Do not sort the answers.")
    var unordered = false

    @Option(help: "Stop evaluating after this many seconds.")
    var timeout: Double = 30

    @Option(name: .customLong("max-tuples"), help: "Stop after deriving this many tuples.")
    var maxTuples: Int = 50_000_000

    func validate() throws {
        guard (query == nil) != (file == nil) else { throw ValidationError("give either a QUERY or -f FILE.dl") }
        guard timeout > 0, maxTuples > 0 else { throw ValidationError("--timeout and --max-tuples must be positive") }
    }

    func run() throws {
        let source: String
        let origin: String
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                Diagnostics.error("cannot read \(file)")
                throw ExitStatus.usage
            }
            source = text
            origin = file
        } else {
            source = query ?? ""
            origin = "query"
        }
        let opened = try store.openForReading()
        let engine = Engine(store: opened.graph)
        let output = StandardOutput()
        let format = self.format ?? (isatty(1) != 0 ? .table : .tsv)
        do {
            var queries: [String] = []
            if file != nil || source.contains(":-") {
                let program = try Program.parse(source)
                try engine.load(program)
                queries = program.queries.indices.map { program.queryText($0) }
                if queries.isEmpty { Diagnostics.warning("\(origin) defines rules but asks no ?- query") }
            } else {
                queries = [source]
            }
            for text in queries {
                let limits = EvaluationLimits.timeout(timeout, maxTuples: maxTuples)
                if explain {
                    output.writeLine(try engine.explain(text, limits: limits))
                    continue
                }
                let result = try engine.query(text, limits: limits, ordered: !unordered)
                for warning in result.warnings { Diagnostics.warning(warning.description) }
                if count {
                    output.writeLine(String(result.rowCount))
                } else {
                    output.write(ResultFormatter.render(result, as: format))
                }
            }
        } catch {
            output.flush()
            FileHandle.standardError.write(Data((error.render(source: source) + "\n").utf8))
            throw error.isLimit ? ExitStatus.failure : ExitStatus.usage
        }
        output.flush()
    }
}

extension ResultFormatter.Format: ExpressibleByArgument {}
