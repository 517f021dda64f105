/// Why a store could not be opened or written. Messages name the file and, for damage, the byte offset.
public enum StoreError: Error, Sendable, CustomStringConvertible, Equatable {
    /// No store at the path (readers do not create one).
    case missing(path: String)
    /// The file is not a NewsGraph store at all.
    case notAStore(path: String, detail: String)
    /// Written by a newer NewsGraph.
    case newerFormat(path: String, version: UInt32, supported: UInt32)
    /// Damaged data that recovery must not guess about.
    case corrupt(file: String, offset: Int, detail: String)
    /// Another process holds the write lock.
    case locked(path: String, holder: String)
    /// An operating-system error while reading or writing.
    case io(path: String, operation: String, message: String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "no store at \(path) (newsgraph ingest or import creates one)"
        case .notAStore(let path, let detail):
            return "\(path) is not a NewsGraph store: \(detail)"
        case .newerFormat(let path, let version, let supported):
            return "\(path) uses store format version \(version), newer than this newsgraph understands (\(supported)); upgrade newsgraph"
        case .corrupt(let file, let offset, let detail):
            return "\(file) is damaged at byte offset \(offset): \(detail); the store was not changed"
        case .locked(let path, let holder):
            return "store \(path) is being written by \(holder)"
        case .io(let path, let operation, let message):
            return "\(operation) \(path): \(message)"
        }
    }
}
