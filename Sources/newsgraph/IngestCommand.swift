import ArgumentParser
import Feeds
import Foundation
import Graph
import Ingest

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Parse feeds and pages, extract facts and store them in one transaction.",
        discussion: "Re-ingesting the same articles adds nothing. Exit status: 0 success, 1 nothing done, 3 some sources failed."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Seconds to wait for another writer to finish.")
    var wait: Double = 0

    @Option(name: .customLong("max-bytes"), help: "Refuse documents larger than this many bytes.")
    var maxBytes: Int = 64 << 20

    @Flag(help: "Print nothing on success.")
    var quiet = false

    @Argument(help: "Files, directories (read recursively) or - for standard input.")
    var sources: [String]

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let opened = try store.openForWriting(wait: wait)
        var options = ParseOptions()
        options.maxBytes = maxBytes
        let extractor: TextFactExtractor
        do {
            extractor = try TextFactExtractor.bundled()
        } catch {
            Diagnostics.error("cannot load the extraction models: \(error)")
            throw ExitStatus.failure
        }
        let pipeline = IngestPipeline(options: options, extractor: extractor)
        let bar = ProgressBar(enabled: !quiet && isatty(2) != 0)
        let summary: IngestSummary
        do {
            summary = try pipeline.run(sources: sources, into: opened) { event in
                switch event {
                case .started(let total): bar.start(total: total)
                case .parsed(_, _, let index): bar.update(index)
                case .failed(let source, let message, let index):
                    bar.clear()
                    Diagnostics.error("\(source): \(message)")
                    bar.update(index)
                }
            }
        } catch {
            bar.clear()
            Diagnostics.error(error.description)
            throw ExitStatus.failure
        }
        bar.clear()
        let seconds = (clock.now - started).seconds
        if !quiet || summary.failedSources > 0 {
            Diagnostics.note(
                "\(summary.sources) source\(summary.sources == 1 ? "" : "s"): \(summary.newArticles) new article\(summary.newArticles == 1 ? "" : "s"), "
                    + "\(summary.knownArticles) already stored, \(summary.newFacts) new facts, \(summary.failedSources) error\(summary.failedSources == 1 ? "" : "s"), "
                    + String(format: "%.1f s", seconds))
        }
        if summary.failedSources > 0 {
            throw summary.failedSources == summary.sources ? ExitStatus.failure : ExitStatus.partial
        }
    }
}
