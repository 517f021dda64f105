import ArgumentParser
import Export
import Foundation
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

    @Option(help: "Base of NewsGraph IRIs in N-Triples written by export.")
    var base = NTriplesWriter.defaultBase

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let opened = try store.openForWriting(wait: wait)
        if try importNewsGraphNTriples(into: opened) { return }
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

extension ImportCommand {
    /// N-Triples written by `newsgraph export` are read back as entities, aliases and facts with all their details.
    /// - Returns: false when the files are not in NewsGraph's vocabulary (they are then imported as plain triples).
    func importNewsGraphNTriples(into store: GraphStore) throws -> Bool {
        var batches: [GraphBatch] = []
        for file in files where TripleImport.Format(path: file) == .ntriples {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return false }
            guard NTriplesReader.usesVocabulary(text.prefix(65_536), base: base) else { return false }
            do {
                var batch = try NTriplesReader.batch(from: text, file: file, base: base)
                batch.importedSources = [try TripleImport.contentHash(of: file)]
                batches.append(batch)
            } catch {
                Diagnostics.error("\(error)")
                throw ExitStatus.failure
            }
        }
        guard batches.count == files.count else { return false }
        var facts = 0
        for batch in batches {
            if batch.importedSources.allSatisfy(store.graph.containsImport) {
                Diagnostics.note("already imported, nothing added")
                continue
            }
            do {
                facts += try store.commit(batch).newFacts
            } catch {
                Diagnostics.error(error.description)
                throw ExitStatus.failure
            }
        }
        Diagnostics.note("imported \(facts.formatted) facts in NewsGraph's vocabulary; the store holds \(store.graph.factCount.formatted) facts")
        return true
    }
}
