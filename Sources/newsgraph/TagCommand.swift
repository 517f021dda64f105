import ArgumentParser
import Foundation
import Parsing
import Text

/// `newsgraph tag`: raw text or CoNLL-U in, CoNLL-U with tags, lemmas and dependencies out.
struct TagCommandCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Tokenize, tag, lemmatize and parse text into CoNLL-U.",
        discussion: "With --input conllu the given tokens are kept and UPOS, XPOS, LEMMA, HEAD and DEPREL are filled in."
    )

    @Option(help: "Input format: text or conllu.")
    var input: String = "text"

    @Flag(help: "Fill POS tags and lemmas only, without dependency heads.")
    var noParse = false

    @Argument(help: "Files to read (standard input when none).")
    var sources: [String] = []

    func run() throws {
        guard let format = TagCommand.InputFormat(rawValue: input) else {
            Diagnostics.error("unknown --input \(input) (text or conllu)")
            throw ExitStatus.usage
        }
        let tagger = try Tagger.bundled()
        let parser = noParse ? nil : try DependencyParser.bundled()
        let texts: [String] = try sources.isEmpty
            ? [String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)]
            : sources.map { try String(contentsOfFile: $0, encoding: .utf8) }
        let out = StandardOutput()
        for text in texts {
            let tagged = TagCommand.run(input: text, format: format, tagger: tagger)
            guard let parser else { out.write(tagged); continue }
            var sentences = ConllU.parse(tagged)
            for si in sentences.indices {
                let idx = sentences[si].wordIndices
                let rows = idx.map { sentences[si].rows[$0] }
                let arcs = parser.parse(words: rows.map(\.form), upos: rows.map(\.upos), xpos: rows.map(\.xpos), lemmas: rows.map(\.lemma))
                for (k, ri) in idx.enumerated() where k < arcs.count {
                    sentences[si].rows[ri].columns[6] = String(arcs[k].head)
                    sentences[si].rows[ri].columns[7] = arcs[k].deprel
                }
            }
            out.write(ConllU.write(sentences))
        }
        out.flush()
    }
}
