import ArgumentParser
import Feeds
import Foundation
import Graph
import Ingest
import Support

struct FeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds",
        abstract: "Manage the store's feed list, which `newsgraph ingest` without sources fetches.",
        subcommands: [Add.self, Remove.self, List.self]
    )

    /// `--store` and `--wait` of the commands that change the feed list, and how they apply a change.
    struct FeedListWriter: ParsableArguments {
        @OptionGroup var store: StoreOptions

        @Option(help: "Seconds to wait for another writer to finish.")
        var wait: Double = 0

        /// Opens the store for writing and applies `change` (one transaction); prints the message it returns,
        /// or its error, which makes the command fail with status 1.
        func apply(_ change: (GraphStore) throws(FeedSubscriptions.Failure) -> String) throws {
            let opened = try store.openForWriting(wait: wait)
            do {
                Diagnostics.note(try change(opened))
            } catch {
                Diagnostics.error(error.description)
                throw ExitStatus.failure
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a feed to the list (or retitle it; a disabled feed is enabled again).")

        @OptionGroup var writer: FeedListWriter

        @Option(help: "A title for the feed.")
        var title: String?

        @Argument(help: "The feed's http(s) URL.")
        var url: String

        func run() throws {
            try writer.apply { store throws(FeedSubscriptions.Failure) in
                switch try FeedSubscriptions.add(url, title: title, to: store) {
                case .added: "added \(url)"
                case .updated: "updated \(url)"
                }
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a feed from the list (its articles stay in the store).")

        @OptionGroup var writer: FeedListWriter

        @Argument(help: "The feed's URL, as `newsgraph feeds list` shows it.")
        var url: String

        func run() throws {
            try writer.apply { store throws(FeedSubscriptions.Failure) in
                try FeedSubscriptions.remove(url, from: store)
                return "removed \(url)"
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the feeds with their last success, last error and consecutive failures.")

        @OptionGroup var store: StoreOptions

        @Flag(help: "Print one JSON object per feed and line.")
        var json = false

        func run() throws {
            let opened = try store.openForReading()
            let output = StandardOutput()
            for feed in opened.graph.feeds {
                output.writeLine(json ? Self.json(feed) : Self.text(feed))
            }
            output.flush()
        }

        static func text(_ feed: FeedRecord) -> String {
            var line = feed.url
            if let title = feed.title, !title.isEmpty { line += "  \"\(title)\"" }
            let state = feed.disabled ? "disabled" : feed.consecutiveFailures > 0 ? "failing" : feed.lastSuccess == nil ? "new" : "ok"
            line += "\n    \(state); last success \(feed.lastSuccess ?? "never")"
            if feed.consecutiveFailures > 0 { line += "; \(feed.consecutiveFailures) consecutive failure\(feed.consecutiveFailures == 1 ? "" : "s")" }
            if let error = feed.lastError { line += "; last error: \(error)" }
            return line
        }

        static func json(_ feed: FeedRecord) -> String {
            var writer = JSONWriter(reservingCapacity: 256)
            writer.beginObject()
            writer.field("url", feed.url)
            writer.field("title", feed.title)
            writer.field("etag", feed.etag)
            writer.field("last_modified", feed.lastModified)
            writer.field("last_success", feed.lastSuccess)
            writer.field("last_error", feed.lastError)
            writer.key("consecutive_failures")
            writer.number(feed.consecutiveFailures)
            writer.key("disabled")
            writer.bool(feed.disabled)
            writer.endObject()
            return writer.string
        }
    }
}
