// Prints throughput figures for NewsGraph's pipeline stages on generated input.
// Usage: newsgraph-bench [parse [--megabytes N] [--only feed|html]] | fetch [--feeds N] [--items N] [--cli PATH/newsgraph]
//        | extract [--words N] | store FILE.tsv [LOOKUPS.txt] | datalog DIR | export FILE.tsv
import Feeds

#if canImport(Glibc)
import Glibc
#endif

var arguments = Array(CommandLine.arguments.dropFirst())
var megabytes = 50
if let index = arguments.firstIndex(of: "--megabytes"), index + 1 < arguments.count, let value = Int(arguments[index + 1]) {
    megabytes = value
    arguments.removeSubrange(index...(index + 1))
}
var words = 300_000
if let index = arguments.firstIndex(of: "--words"), index + 1 < arguments.count, let value = Int(arguments[index + 1]) {
    words = value
    arguments.removeSubrange(index...(index + 1))
}
var only: String?
if let index = arguments.firstIndex(of: "--only"), index + 1 < arguments.count {
    only = arguments[index + 1]
    arguments.removeSubrange(index...(index + 1))
}
var feedCount = 200
if let index = arguments.firstIndex(of: "--feeds"), index + 1 < arguments.count, let value = Int(arguments[index + 1]) {
    feedCount = value
    arguments.removeSubrange(index...(index + 1))
}
var itemCount = 50
if let index = arguments.firstIndex(of: "--items"), index + 1 < arguments.count, let value = Int(arguments[index + 1]) {
    itemCount = value
    arguments.removeSubrange(index...(index + 1))
}
var cli: String?
if let index = arguments.firstIndex(of: "--cli"), index + 1 < arguments.count {
    cli = arguments[index + 1]
    arguments.removeSubrange(index...(index + 1))
}
let suites = arguments.isEmpty ? ["parse"] : arguments

for suite in suites {
    switch suite {
    case "parse":
        ParseBenchmark.run(megabytes: megabytes, only: only)
    case "tag":
        TagBenchmark.run(megabytes: min(megabytes, 10))
    case "datalog":
        DatalogBenchmark.run(directory: arguments.drop { $0 != "datalog" }.dropFirst().first ?? "wl")
        exit(0)
    case "export":
        ExportBenchmark.run(file: arguments.drop { $0 != "export" }.dropFirst().first ?? "kg.tsv")
        exit(0)
    case "fetch":
        await FetchBenchmark.run(feeds: feedCount, items: itemCount, cli: cli)
    case "extract":
        ExtractBenchmark.run(words: words)
    case "store":
        StoreBenchmark.run(arguments: Array(arguments.drop { $0 != "store" }.dropFirst()))
        exit(0)
    default:
        print("unknown benchmark \(suite); available: parse, tag, fetch, extract [--words N], store FILE.tsv [LOOKUPS.txt], datalog DIR, export FILE.tsv")
        exit(2)
    }
}
