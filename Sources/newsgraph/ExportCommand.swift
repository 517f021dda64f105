import ArgumentParser
import Datalog
import Export
import Foundation
import Graph

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the graph, a query's answer or an entity's neighbourhood as DOT, SVG, PNG, N-Triples, JSON or CSV.",
        discussion: """
            DOT output is capped at --max-edges (default 300) because Graphviz's dot layout takes minutes beyond a few
            hundred labelled edges; the best-connected part is kept. svg and png run Graphviz when it is installed.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case dot, svg, png, ntriples, json, csv
    }

    @OptionGroup var store: StoreOptions

    @Option(help: "dot, svg, png, ntriples, json or csv.")
    var format: Format

    @Option(help: "Export the answer of this query (rows S, P, O; a fact id F; or rules defining edge(S, P, O)).")
    var query: String?

    @Option(help: "Export the neighbourhood of this entity (name or alias); repeat for several.")
    var around: [String] = []

    @Option(help: "How many facts away from --around to follow.")
    var depth = 2

    @Option(help: "Only these relation lemmas (comma-separated).")
    var relation: String?

    @Option(help: "Only facts from articles published on or after this date (ISO 8601).")
    var since: String?

    @Option(help: "Only facts from articles published on or before this date (ISO 8601).")
    var until: String?

    @Option(name: .customLong("max-edges"), help: "At most this many edges in DOT, SVG and PNG output.")
    var maxEdges = 300

    @Option(help: "Graphviz layout for svg and png: dot or sfdp.")
    var layout = "dot"

    @Option(help: "Base of the IRIs minted in N-Triples.")
    var base = NTriplesWriter.defaultBase

    @Option(help: "Seconds allowed for the query and for Graphviz.")
    var timeout: Double = 60

    @Option(name: [.customShort("o"), .customLong("output")], help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if query != nil && !around.isEmpty { throw ValidationError("give --query or --around, not both") }
        guard maxEdges > 0, depth > 0 else { throw ValidationError("--max-edges and --depth must be positive") }
        guard layout == "dot" || layout == "sfdp" else { throw ValidationError("--layout is dot or sfdp") }
        if (format == .png) && output == nil && isatty(1) != 0 { throw ValidationError("PNG is binary: give -o FILE or redirect the output") }
    }

    var selection: GraphSelection {
        var selection = GraphSelection()
        if let query { selection.scope = .query(query) } else if !around.isEmpty { selection.scope = .around(around, depth: depth) }
        selection.relations = Set((relation ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        selection.since = since
        selection.until = until
        return selection
    }

    var isWholeGraph: Bool { query == nil && around.isEmpty && relation == nil && since == nil && until == nil }

    func run() throws {
        let opened = try store.openForReading()
        let graph = opened.graph
        let sink = try OutputSink(path: output)
        defer { sink.close() }
        if format == .ntriples && isWholeGraph {
            var writer = NTriplesWriter(base: base)
            writer.write(graph) { sink.write($0) }
            return
        }
        if format == .csv && isWholeGraph {
            sink.write(TabularWriters.csv(graph, rows: Array(0..<graph.factCount)))
            return
        }
        var exported: ExportGraph
        do {
            exported = try selection.select(from: graph, limits: .timeout(timeout))
        } catch {
            Diagnostics.error(error.description)
            throw ExitStatus.usage
        }
        switch format {
        case .ntriples:
            var writer = NTriplesWriter(base: base)
            writer.write(graph, rows: exported.edges.flatMap(\.factRows)) { sink.write($0) }
        case .json:
            sink.write(TabularWriters.json(exported))
        case .csv:
            sink.write(TabularWriters.csv(exported))
        case .dot, .svg, .png:
            exported = exported.capped(at: maxEdges)
            if exported.dropped > 0 {
                Diagnostics.warning(
                    "kept the \(maxEdges) edges between the best-connected entities and dropped \(exported.dropped); "
                        + "raise --max-edges and use --layout sfdp for large graphs (dot takes minutes beyond a few hundred labelled edges)")
            }
            let dot = DOTWriter.render(exported)
            if format == .dot {
                sink.write(dot)
            } else {
                do {
                    sink.write(data: try GraphvizRenderer.render(dot, format: format.rawValue, layout: layout, timeout: timeout))
                } catch {
                    Diagnostics.error(error.description)
                    throw ExitStatus.failure
                }
            }
        }
    }
}

/// Standard output or a file, buffered.
final class OutputSink {
    private let handle: FileHandle
    private let ownsHandle: Bool
    private var buffer = Data()

    init(path: String?) throws {
        if let path {
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                Diagnostics.error("cannot write \(path)")
                throw ExitStatus.failure
            }
            self.handle = handle
            ownsHandle = true
        } else {
            handle = FileHandle.standardOutput
            ownsHandle = false
        }
    }

    func write(_ text: String) { write(data: Data(text.utf8)) }

    func write(data: Data) {
        buffer.append(data)
        if buffer.count > 1 << 20 { flush() }
    }

    func flush() {
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        flush()
        if ownsHandle { try? handle.close() }
    }
}
