import ArgumentParser
import Graph

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load triples from TSV (subject<TAB>relation<TAB>object) or N-Triples (.nt) files into the store.",
        discussion: "Two-column TSV rows (edge lists) get the relation given by --relation. Importing the same file twice adds nothing."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Relation of two-column TSV rows.")
    var relation = "edge"

    @Option(help: "Seconds to wait for another writer to finish.")
    var wait: Double = 0

    @Argument(help: "Files to import (.tsv or .nt).")
    var files: [String]

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let opened = try store.openForWriting(wait: wait)
        var total = 0
        var failed = false
        do {
            try opened.bulkLoad { (graph) throws(StoreError) in
                for file in files {
                    do {
                        let summary = try TripleImport.load(file, format: TripleImport.Format(path: file), into: graph, twoColumnRelation: relation)
                        if summary.alreadyImported {
                            Diagnostics.note("\(file): already imported, nothing added")
                        }
                        total += summary.triples
                    } catch let error as StoreError {
                        throw error
                    } catch {
                        Diagnostics.error("\(error)")
                        failed = true
                        return
                    }
                }
            }
        } catch {
            Diagnostics.error(error.description)
            throw ExitStatus.failure
        }
        if failed { throw ExitStatus.failure }
        let seconds = (clock.now - started).seconds
        Diagnostics.note("imported \(total.formatted) triples from \(files.count) file\(files.count == 1 ? "" : "s") in \(String(format: "%.2f", seconds)) s; the store holds \(opened.graph.factCount.formatted) facts")
    }
}
