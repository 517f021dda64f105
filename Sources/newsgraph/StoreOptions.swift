import ArgumentParser
import Foundation
import Graph

/// `--store`, shared by every command that reads or writes a store.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: "The store directory (default: $NEWSGRAPH_STORE, else ./newsgraph.store).")
    var storePath: String?

    var path: String {
        storePath ?? ProcessInfo.processInfo.environment["NEWSGRAPH_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? "newsgraph.store"
    }

    func openForReading() throws -> GraphStore {
        do {
            let store = try GraphStore.openForReading(at: path)
            for warning in store.warnings { Diagnostics.warning(warning) }
            return store
        } catch {
            Diagnostics.error(error.description)
            throw ExitStatus.failure
        }
    }

    func openForWriting(wait: Double) throws -> GraphStore {
        do {
            let store = try GraphStore.openForWriting(at: path, wait: wait)
            for warning in store.warnings { Diagnostics.warning(warning) }
            return store
        } catch {
            Diagnostics.error(error.description)
            throw ExitStatus.failure
        }
    }
}
