import ArgumentParser
import Feeds
import Foundation

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse feeds and article pages; print one JSON document per source and line.",
        discussion: """
            Formats are sniffed from content: RSS 0.9x, RSS 1.0 (RDF), RSS 2.0, Atom 0.3, Atom 1.0 and HTML pages.
            Exit status: 0 all parsed, 1 nothing parsed, 3 some sources failed.
            """
    )

    @Argument(help: "Files, directories (read recursively) or - for standard input.")
    var sources: [String]

    @Option(help: "Character set of the input, as an HTTP Content-Type header would give it.")
    var charset: String?

    @Option(name: .customLong("content-type"), help: "An HTTP Content-Type (media type and charset) for the input.")
    var contentType: String?

    @Option(name: .customLong("base-url"), help: "URL the documents came from, to resolve relative links.")
    var baseURL: String?

    @Option(name: .customLong("max-bytes"), help: "Refuse documents larger than this many bytes.")
    var maxBytes: Int = 64 << 20

    func validate() throws {
        guard maxBytes > 0 else { throw ValidationError("--max-bytes must be positive") }
    }

    func run() throws {
        var options = ParseOptions(charset: charset, baseURL: baseURL)
        if let contentType { options.apply(contentType: contentType) }
        if let charset { options.charset = charset }
        options.maxBytes = maxBytes
        var parsed = 0
        var failed = 0
        let output = StandardOutput()
        for source in sources {
            let items: [SourceReader.Item]
            do {
                items = try SourceReader.expand(source)
            } catch {
                Diagnostics.error(error.description)
                failed += 1
                continue
            }
            for item in items {
                do {
                    let bytes = try SourceReader.read(item, maxBytes: maxBytes)
                    try FeedParser.writeJSONLine(bytes, source: item.name, options: options, to: output.write)
                    parsed += 1
                } catch {
                    Diagnostics.error(error.description)
                    failed += 1
                }
            }
        }
        output.flush()
        if parsed == 0 { throw ExitStatus.failure }
        if failed > 0 { throw ExitStatus.partial }
    }
}
