import ArgumentParser
import Extraction
import Foundation
import Parsing
import Text

/// `newsgraph train tagger|parser|ner`: retrain the bundled models from treebanks.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the POS tagger, the dependency parser or the entity tagger.",
        subcommands: [TrainTagger.self, TrainParser.self, TrainNER.self]
    )
}

struct TrainTagger: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tagger", abstract: "Train the POS tagger + lemmatizer on CoNLL-U files.")

    @Option(name: .customLong("train"), parsing: .upToNextOption, help: "Training CoNLL-U files.")
    var trainPaths: [String]
    @Option(help: "Development CoNLL-U file.")
    var dev: String?
    @Option(help: "Perceptron passes.")
    var iterations = 8
    @Option(name: .shortAndLong, help: "Model file to write.")
    var output: String

    func run() throws {
        let model = try TaggerTrainer.train(trainPaths: trainPaths, devPath: dev, iterations: iterations,
                                            log: { Diagnostics.note($0) })
        try model.write(toPath: output)
        Diagnostics.note("wrote \(output)")
    }
}

struct TrainParser: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parser", abstract: "Train the dependency parser on CoNLL-U files.")

    @Option(name: .customLong("train"), parsing: .upToNextOption, help: "Training CoNLL-U files.")
    var trainPaths: [String]
    @Option(parsing: .upToNextOption, help: "Development CoNLL-U files.")
    var dev: [String] = []
    @Option(help: "Perceptron passes.")
    var iterations = 15
    @Option(name: .shortAndLong, help: "Model file to write.")
    var output: String

    func run() throws {
        let train = try CoNLLU.read(paths: trainPaths)
        let devSentences = try CoNLLU.read(paths: dev)
        var options = ParserTrainingOptions()
        options.iterations = iterations
        options.log = { Diagnostics.note($0) }
        let parser = ParserTrainer.train(sentences: train, dev: devSentences, options: options)
        try parser.write(to: output)
        Diagnostics.note("wrote \(output)")
    }
}

struct TrainNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Train the entity tagger on GUM named mentions (person, place, organization, event).")

    @Option(name: .customLong("train"), parsing: .upToNextOption, help: "GUM CoNLL-U files or directories (train split).")
    var trainPaths: [String]
    @Option(parsing: .upToNextOption, help: "GUM CoNLL-U files or directories (dev split) to score the model on.")
    var dev: [String] = []
    @Option(name: .customLong("uner"), help: "Universal NER IOB2 file (PER, ORG, LOC) added to the training data; repeatable.")
    var unerPaths: [String] = []
    @Option(help: "Instead of writing a model, report K-fold cross-validated scores over the --train and --dev documents (the --uner sentences are added to every fold's training data).")
    var crossValidate: Int?
    @Option(help: "Perceptron passes.")
    var iterations = 6
    @Option(help: "Drop feature rows whose largest weight is below this.")
    var minWeight: Float = 0.05
    @Flag(help: "Condition on predicted previous labels while training (default: gold ones).")
    var predictedHistory = false
    @Option(help: "Train a second pass on first-pass labels jackknifed over this many folds by document (0: one pass).")
    var stackFolds = 0
    @Option(help: "Average the models of this many differently shuffled training runs.")
    var shuffles = 1
    @Option(help: "Shuffling seed.")
    var seed: UInt64 = 0x4E45_5221
    @Option(name: .shortAndLong, help: "Model file to write.")
    var output: String?

    func validate() throws {
        if crossValidate == nil, output == nil { throw ValidationError("-o MODEL is required unless --cross-validate is given") }
        if let k = crossValidate, k < 2 { throw ValidationError("--cross-validate needs at least 2 folds") }
    }

    func run() throws {
        var options = NERTrainer.Options()
        options.iterations = iterations
        options.minWeight = minWeight
        options.predictedHistory = predictedHistory
        options.stackFolds = stackFolds
        options.shuffles = shuffles
        options.seed = seed
        let tagger = try Tagger.bundled()
        if let folds = crossValidate {
            let gum = try NERCorpus.readGUM(paths: trainPaths + dev)
            let extra = try NERCorpus.readGUM(paths: unerPaths)
            let scores = NERTrainer.crossValidate(sentences: gum, extra: extra, folds: folds, tagger: tagger, options: options,
                                                  log: { Diagnostics.note($0) })
            Diagnostics.note("\(folds)-fold cross-validation over \(gum.count) sentences:\n\(scores)")
            return
        }
        guard let output else { return }
        let scores = try NERTrainer.train(trainPaths: trainPaths, extraPaths: unerPaths, devPaths: dev, output: output, tagger: tagger,
                                          options: options, log: { Diagnostics.note($0) })
        if !dev.isEmpty { Diagnostics.note("dev:\n\(scores)") }
    }
}
