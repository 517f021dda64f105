import Foundation
import Graph

/// The store's own feed list (`newsgraph feeds add | remove | list`): FeedRecords committed through the store.
public enum FeedSubscriptions {
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case notAURL(String)
        case notSubscribed(String)
        case store(StoreError)

        public var description: String {
            switch self {
            case .notAURL(let url): return "\(url) is not an http:// or https:// URL"
            case .notSubscribed(let url): return "\(url) is not in the store's feed list"
            case .store(let error): return error.description
            }
        }
    }

    /// What `add` did.
    public enum Added: Sendable, Equatable {
        case added
        /// Already listed: its title was updated and, if it was disabled, it is enabled again.
        case updated
    }

    /// Adds `url` to the feed list, or updates its title and enables it again when it is listed.
    @discardableResult
    public static func add(_ url: String, title: String? = nil, to store: GraphStore) throws(Failure) -> Added {
        guard IngestRequest.isURL(url), let parsed = URL(string: url), parsed.host != nil else { throw .notAURL(url) }
        var batch = GraphBatch()
        let result: Added
        if var record = store.graph.feeds.first(where: { $0.url == url }) {
            if let title { record.title = title }
            if record.disabled {
                record.disabled = false
                record.consecutiveFailures = 0
            }
            batch.feeds.append(record)
            result = .updated
        } else {
            batch.feeds.append(FeedRecord(url: url, title: title))
            result = .added
        }
        do {
            try store.commit(batch)
        } catch {
            throw .store(error)
        }
        return result
    }

    /// Removes `url` from the feed list (the articles read from it stay in the store).
    public static func remove(_ url: String, from store: GraphStore) throws(Failure) {
        guard store.graph.feeds.contains(where: { $0.url == url }) else { throw .notSubscribed(url) }
        var batch = GraphBatch()
        batch.feeds.append(FeedRecord(url: url, removed: true))
        do {
            try store.commit(batch)
        } catch {
            throw .store(error)
        }
    }
}
