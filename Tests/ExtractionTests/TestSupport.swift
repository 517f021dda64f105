import Extraction

/// The bundled extractor for the extraction tests, loaded once.
enum Shared {
    static let extractor: Extractor? = try? Extractor.bundled()
}
