import ArgumentParser
import Feeds
import Graph
import Support

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print the store's counts, memory and file sizes."
    )

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let opened = try store.openForReading()
        let graph = opened.graph
        let files = opened.fileSizes
        let facts = graph.factCount
        let onDisk = files.snapshot + files.journal
        let counts: [(String, Int)] = [
            ("entities", graph.entityCount), ("facts", facts), ("relations", graph.relationCount),
            ("articles", graph.documentCount), ("feeds", graph.feeds.count), ("aliases", graph.aliasCount),
            ("terms", graph.terms.count),
        ]
        if json {
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("store", opened.path)
            for (name, value) in counts {
                writer.key(named: name)
                writer.number(value)
            }
            writer.key("memory_bytes")
            writer.number(graph.memoryBytes)
            writer.key("snapshot_bytes")
            writer.number(files.snapshot)
            writer.key("journal_bytes")
            writer.number(files.journal)
            writer.key("bytes_per_fact_on_disk")
            writer.number(facts > 0 ? Double(onDisk) / Double(facts) : 0)
            writer.field("last_ingest", opened.lastIngest)
            writer.endObject()
            print(writer.string)
            return
        }
        print("store        \(opened.path)")
        for (name, value) in counts { print(name.padding(toLength: 13, withPad: " ", startingAt: 0) + value.formatted) }
        print("memory       \(graph.memoryBytes.byteCount)")
        print("on disk      \(onDisk.byteCount) (snapshot \(files.snapshot.byteCount), journal \(files.journal.byteCount))")
        if facts > 0 { print("per fact     \(String(format: "%.1f", Double(onDisk) / Double(facts))) bytes on disk") }
        print("last ingest  \(opened.lastIngest ?? "never")")
    }
}

struct CompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Write a new snapshot of the store and empty its journal."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Seconds to wait for another writer to finish.")
    var wait: Double = 0

    func run() throws {
        let opened = try store.openForWriting(wait: wait)
        do {
            try opened.compact()
        } catch {
            Diagnostics.error(error.description)
            throw ExitStatus.failure
        }
        Diagnostics.note("compacted \(opened.path): \(opened.fileSizes.snapshot.byteCount) snapshot, generation \(opened.generation)")
    }
}
