// Prints throughput figures for NewsGraph's pipeline stages on generated input.
// Usage: newsgraph-bench [parse [--megabytes N] [--only feed|html]] | extract [--words N] | store FILE.tsv [LOOKUPS.txt]
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
let suites = arguments.isEmpty ? ["parse"] : arguments

for suite in suites {
    switch suite {
    case "parse":
        ParseBenchmark.run(megabytes: megabytes, only: only)
    case "extract":
        ExtractBenchmark.run(words: words)
    case "store":
        StoreBenchmark.run(arguments: Array(arguments.drop { $0 != "store" }.dropFirst()))
        exit(0)
    default:
        print("unknown benchmark \(suite); available: parse, extract [--words N], store FILE.tsv [LOOKUPS.txt]")
        exit(2)
    }
}
