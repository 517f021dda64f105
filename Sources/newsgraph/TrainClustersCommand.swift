import ArgumentParser
import Extraction
import Foundation

/// `newsgraph train clusters`: learn the entity tagger's word classes from unlabeled text.
struct TrainClusters: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusters",
        abstract: "Learn distributional word classes (hierarchical exchange clustering of a class-bigram model) from unlabeled text.",
        discussion: "The README (\"Reproduce\") gives the command and data measured with `train ner --clusters`.")

    @Option(parsing: .upToNextOption, help: "CoNLL-U files or directories (word forms are used, nothing else).")
    var conllu: [String] = []
    @Option(parsing: .upToNextOption, help: "JSON lines from `newsgraph parse` (each entry's title and text).")
    var jsonl: [String] = []
    @Option(parsing: .upToNextOption, help: "Plain-text files.")
    var text: [String] = []
    @Option(help: "Words seen fewer times are not clustered.")
    var minCount = 3
    @Option(help: "Classes per level, top first, comma-separated (each class is split into the next level's number).")
    var branching = "32,8,4"
    @Option(help: "Exchange passes over the vocabulary per level.")
    var iterations = 10
    @Flag(help: "Keep texts that do not look English.")
    var allLanguages = false
    @Option(name: .shortAndLong, help: "Cluster file to write.")
    var output: String

    func run() throws {
        var options = WordClusterTrainer.Options()
        options.minCount = minCount
        options.iterations = iterations
        options.branching = branching.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !options.branching.isEmpty, options.branching.allSatisfy({ $0 >= 2 }) else {
            throw ValidationError("--branching needs numbers of at least 2, such as 16,8,8")
        }
        let sentences = try WordClusterTrainer.readCorpus(conllu: conllu, jsonl: jsonl, text: text, englishOnly: !allLanguages)
        let clusters = WordClusterTrainer.train(sentences: sentences, options: options, log: { Diagnostics.note($0) })
        let sources = (conllu + jsonl + text).map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
        try clusters.write(to: output, header: [
            "NewsGraph word clusters (newsgraph train clusters): word<TAB>path, classes coarse to fine",
            "exchange clustering, branching \(branching), min count \(minCount); from: \(sources)",
        ])
        Diagnostics.note("wrote \(output): \(clusters.count) words")
    }
}
