import Extraction
import FuzzDriver

// The text pipeline on arbitrary text: tokenizer, sentence splitter, tagger, lemmatizer, dependency parser,
// entity recognizer, relation extraction, alias resolution and both output formats. The bundled models are
// loaded once.
private let extractor: Extractor = {
    do {
        return try Extractor.bundled()
    } catch {
        fatalError("cannot load the bundled models: \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    guard input.count <= 20_000 else { return 0 }
    let text = String(decoding: input, as: UTF8.self)
    let result = extractor.extract(text: text, document: "fuzz")
    _ = ExtractionOutput.jsonLines(result)
    _ = ExtractionOutput.entityLines(result)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true).prefix(20).map(String.init)
    _ = ExtractionOutput.carb(extractor.extract(sentences: lines, document: "fuzz"), sentences: lines)
    return 0
}

runFuzzer(fuzzOne)
