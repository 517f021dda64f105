import ArgumentParser
import Extraction
import Foundation
import Parsing
import Text

/// `newsgraph train tagger|parser|ner|clusters`: retrain the bundled models from treebanks and text.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the POS tagger, the dependency parser, the entity tagger or the word clusters.",
        subcommands: [TrainTagger.self, TrainParser.self, TrainNER.self, TrainClusters.self]
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
    static let configuration = CommandConfiguration(
        commandName: "parser", abstract: "Train the dependency parser on CoNLL-U files.",
        discussion: """
            The command that built the shipped model is in the README ("Reproduce"). With --dev-tags bundled \
            the dev files are tagged by the shipped tagger, so epochs are chosen on the scores the pipeline \
            actually gets; --train-tags both trains on every sentence with gold and with jack-knifed tags.
            """)

    /// Where the training sentences' POS tags come from.
    enum TrainTags: String, ExpressibleByArgument {
        /// The tags in the files (gold for treebanks).
        case given
        /// Tags predicted by k-fold jack-knifed taggers (each fold tagged by a tagger trained on the rest).
        case jackknife
        /// Every sentence twice: once with the given tags, once with jack-knifed ones.
        case both
    }

    /// Where the dev sentences' POS tags come from.
    enum DevTags: String, ExpressibleByArgument {
        /// The tags in the files.
        case given
        /// Tags predicted by the bundled tagger (gold tokens), as in production.
        case bundled
    }

    @Option(name: .customLong("train"), parsing: .upToNextOption, help: "Training CoNLL-U files.")
    var trainPaths: [String]
    @Option(parsing: .upToNextOption, help: "Development CoNLL-U files (the best epoch on them is kept).")
    var dev: [String] = []
    @Option(help: "Perceptron passes.")
    var iterations = 15
    @Option(help: "Training tags: given, jackknife or both.")
    var trainTags: TrainTags = .given
    @Option(help: "Jack-knife folds for --train-tags jackknife/both.")
    var folds = 10
    @Option(help: "Dev tags: given or bundled (predicted by the shipped tagger).")
    var devTags: DevTags = .given
    @Option(help: "log2 of the transition weight table's rows.")
    var actionBits = ParserTrainingOptions().actionBits
    @Option(help: "log2 of the label weight table's rows.")
    var labelBits = ParserTrainingOptions().labelBits
    @Option(parsing: .upToNextOption, help: "Train once per seed and average the runs' weights (overrides --seed).")
    var seeds: [UInt64] = []
    @Option(help: "Probability of following the parser's own prediction while exploring (dynamic oracle).")
    var explorationProbability = ParserTrainingOptions().explorationProbability
    @Option(help: "Random seed (shuffling, exploration).")
    var seed: UInt64 = ParserTrainingOptions().seed
    @Option(help: "Drop quantised weights below this magnitude (of 32767) from the model.")
    var pruneBelow: Int16 = 1
    @Option(parsing: .upToNextOption, help: "Log dev scores and model sizes for these pruning thresholds.")
    var pruneReport: [Int16] = []
    @Option(help: ArgumentHelp("Also write the jack-knifed training sentences to this CoNLL-U file.", visibility: .hidden))
    var saveTrainTags: String?
    @Option(help: ArgumentHelp("Prune this existing model instead of training (with --prune-below / --prune-report).",
                               visibility: .hidden))
    var pruneModel: String?
    @Option(name: .shortAndLong, help: "Model file to write.")
    var output: String

    func run() throws {
        var devSentences: [DependencySentence] = []
        for path in dev {
            devSentences += devTags == .bundled ? try Self.taggedByBundledTagger(path: path) : try CoNLLU.read(path: path)
        }
        if let path = pruneModel {
            let parser = try DependencyParser(modelAt: path)
            for t in pruneReport {
                let p = parser.pruned(below: Int(t))
                Diagnostics.note("pruned below \(t): \(ParserEvaluation.evaluate(parser: p, gold: devSentences)), \(p.modelStatistics)")
            }
            try parser.pruned(below: Int(pruneBelow)).write(to: output)
            Diagnostics.note("wrote \(output)")
            return
        }
        let given = try CoNLLU.read(paths: trainPaths)
        var train = given
        if trainTags != .given {
            let tagged = TagJackknife.jackknife(train: given, folds: folds, log: { Diagnostics.note($0) })
            Diagnostics.note(String(format: "jack-knifed training tags: XPOS %.2f%% UPOS %.2f%%",
                                    tagged.xposAccuracy, tagged.uposAccuracy))
            train = trainTags == .both ? given + tagged.sentences : tagged.sentences
            if let path = saveTrainTags {
                try CoNLLU.format(tagged.sentences).write(toFile: path, atomically: true, encoding: .utf8)
            }
        }
        var options = ParserTrainingOptions()
        options.iterations = iterations
        options.actionBits = actionBits
        options.labelBits = labelBits
        options.seed = seed
        options.seeds = seeds
        options.explorationProbability = explorationProbability
        options.pruneBelow = pruneBelow
        options.pruneReport = pruneReport
        options.log = { Diagnostics.note($0) }
        let parser = ParserTrainer.train(sentences: train, dev: devSentences, options: options)
        try parser.write(to: output)
        Diagnostics.note("wrote \(output) (\(parser.modelStatistics))")
    }

    /// Reads a treebank and replaces its UPOS/XPOS with the bundled tagger's predictions (gold tokens,
    /// `SpaceAfter=No` honoured as in `newsgraph tag --input conllu`).
    static func taggedByBundledTagger(path: String) throws -> [DependencySentence] {
        var trees = try CoNLLU.read(path: path)
        let rows = try ConllU.read(path: path).filter { !$0.wordIndices.isEmpty }
        guard rows.count == trees.count else {
            throw ValidationError("\(path): \(rows.count) sentences for the tagger but \(trees.count) trees")
        }
        let tagger = try Tagger.bundled()
        for i in trees.indices {
            let tagged = tagger.analyze(trees[i].words, spaceAfter: rows[i].wordSpaceAfter)
            trees[i].upos = tagged.map(\.upos)
            trees[i].xpos = tagged.map(\.xpos)
        }
        return trees
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
    @Option(help: "Word-cluster file (from `train clusters`) read as features, for experiments: the bundled recognizer reads no clusters, so a model trained with them must not be shipped.")
    var clusters: String?
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
        if let clusters { options.clusters = try WordClusters(path: clusters) }
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
