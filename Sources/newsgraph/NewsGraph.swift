import ArgumentParser

@main
struct NewsGraph: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsgraph",
        abstract: "Turn news feeds and articles into a queryable knowledge graph.",
        version: "0.1.0",
        subcommands: [
            ParseCommand.self, ExtractCommand.self, TagCommandCLI.self, TrainCommand.self, IngestCommand.self, FeedsCommand.self,
            ImportCommand.self, QueryCommand.self, ReplCommand.self, ExportCommand.self, StatsCommand.self, CompactCommand.self,
        ]
    )
}

/// Exit statuses shared by all commands (ARCHITECTURE.md).
enum ExitStatus {
    static let failure = ExitCode(1)
    static let usage = ExitCode(2)
    static let partial = ExitCode(3)
}
