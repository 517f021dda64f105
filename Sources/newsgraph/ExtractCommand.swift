import ArgumentParser
import Extraction
import Feeds
import Foundation
import Ingest

/// `newsgraph extract`: facts as JSON Lines (or CaRB tuples) without touching a store.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract entities and facts from text, pages or feeds; print facts as JSON Lines.",
        discussion: """
            --input auto sniffs each source: markup goes through the feed/page parser, anything else is plain text.
            --input sentences reads one sentence per line. --format carb prints
            sentence<TAB>confidence<TAB>relation<TAB>arg1<TAB>arg2... (the CaRB benchmark's format).
            --entities also prints one {"entity", "type", "aliases"} line per entity after each article's facts.
            Exit status: 0 success, 1 nothing read, 3 some sources failed.
            """
    )

    enum InputKind: String, ExpressibleByArgument, CaseIterable { case auto, html, feed, text, sentences }
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case jsonl, carb }

    @Option(help: "Input kind: auto, html, feed, text or sentences.")
    var input: InputKind = .auto

    @Option(help: "Output format: jsonl or carb.")
    var format: OutputFormat = .jsonl

    @Flag(help: "Also print entity lines (JSON Lines output only).")
    var entities = false

    @Option(name: .customLong("max-bytes"), help: "Refuse documents larger than this many bytes.")
    var maxBytes: Int = 64 << 20

    @Argument(help: "Files, directories (read recursively) or - for standard input (the default).")
    var sources: [String] = []

    func run() throws {
        let extractor: Extractor
        do {
            extractor = try Extractor.bundled()
        } catch {
            Diagnostics.error("cannot load models: \(error)")
            throw ExitStatus.failure
        }
        let out = StandardOutput()
        var failed = 0, done = 0
        var items: [SourceReader.Item] = []
        for source in sources.isEmpty ? ["-"] : sources {
            do { items += try SourceReader.expand(source) } catch {
                Diagnostics.error(error.description)
                failed += 1
            }
        }
        var options = ParseOptions()
        options.maxBytes = maxBytes
        for item in items {
            let bytes: [UInt8]
            do { bytes = try SourceReader.read(item, maxBytes: maxBytes) } catch {
                Diagnostics.error(error.description)
                failed += 1
                continue
            }
            do {
                for (doc, result, sentences) in try documents(bytes, name: item.name, options: options, extractor: extractor) {
                    switch format {
                    case .jsonl:
                        out.write(ExtractionOutput.jsonLines(result))
                        if entities { out.write(ExtractionOutput.entityLines(result)) }
                    case .carb:
                        out.write(ExtractionOutput.carb(result, sentences: sentences))
                    }
                    _ = doc
                }
                done += 1
            } catch {
                Diagnostics.error("\(item.name): \(error)")
                failed += 1
            }
        }
        out.flush()
        if failed > 0 { throw done == 0 ? ExitStatus.failure : ExitStatus.partial }
    }

    /// The articles of one source, extracted.
    func documents(_ bytes: [UInt8], name: String, options: ParseOptions, extractor: Extractor) throws -> [(String, ExtractionResult, [String])] {
        var kind = input
        if kind == .auto {
            let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
            kind = first == UInt8(ascii: "<") ? .feed : .text
        }
        switch kind {
        case .sentences:
            let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            let r = extractor.extract(sentences: lines, document: name)
            return [(name, r, lines)]
        case .text, .auto:
            let r = extractor.extract(text: String(decoding: bytes, as: UTF8.self), document: name)
            return [(name, r, sentenceTexts(r))]
        case .html, .feed:
            return try Article.parse(bytes, source: name, options: options).articles.map { a in
                let text = a.title.isEmpty ? a.text : a.title + "\n\n" + a.text
                let r = extractor.extract(text: text, document: a.id)
                return (a.id, r, sentenceTexts(r))
            }
        }
    }

    /// Sentence texts by index, recovered from the facts (CaRB output of non-sentence input).
    func sentenceTexts(_ r: ExtractionResult) -> [String] {
        var out: [String] = []
        for f in r.facts {
            while out.count <= f.sentenceIndex { out.append("") }
            out[f.sentenceIndex] = f.sentenceText
        }
        return out
    }
}
