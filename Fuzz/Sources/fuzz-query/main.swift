import Datalog
import FuzzDriver

// The query language: lexer, parser, analysis (safety, stratification, hints), planner and evaluator, with
// the limits the REPL uses so that an endless or exploding program ends with an error, not a hang. The
// input is a program; its rules are loaded and each of its queries is run and rendered in every format.
nonisolated(unsafe) private let store: MemoryFactStore = {
    let store = MemoryFactStore()
    let facts = [("Donald Trump", "deploy", "National Guard troops"), ("Donald Trump", "sign", "order"),
                 ("JB Pritzker", "rebuff", "Donald Trump"), ("National Guard troops", "arrive in", "Chicago"),
                 ("Chicago", "is in", "Illinois"), ("Illinois", "is in", "United States")]
    for (subject, relation, object) in facts { _ = store.addTriple(subject, relation, object) }
    for (entity, type) in [("Donald Trump", "person"), ("JB Pritzker", "person"), ("Chicago", "gpe"), ("Illinois", "gpe")] {
        store.add("type", [entity, type])
    }
    store.add("alias", ["Trump", "Donald Trump"])
    return store
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: fuzzInput(data, size), as: UTF8.self)
    let engine = Engine(store: store)
    guard let program = try? Program.parse(text) else { return 0 }
    try? engine.load(program)  // rules and facts; a program that does not check leaves the engine empty
    for index in program.queries.indices {
        let limits = EvaluationLimits.timeout(0.2, maxTuples: 200_000)
        guard let result = try? engine.query(program.queryText(index), limits: limits) else { continue }
        for format in [ResultFormatter.Format.table, .json, .csv, .tsv] {
            _ = ResultFormatter.render(result, as: format, maxWidth: 20, maxRows: 50)
        }
        _ = try? engine.explain(program.queryText(index), limits: limits)
    }
    return 0
}

runFuzzer(fuzzOne)
