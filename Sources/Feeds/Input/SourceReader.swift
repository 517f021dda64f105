import Foundation

/// Reads documents from files, directories (recursively) and standard input, with a size cap.
public enum SourceReader {
    /// One document to parse, named as the user will see it in messages.
    public struct Item: Sendable {
        public var name: String
        public var path: String?

        public var isStandardInput: Bool { path == nil }

        /// A document named `name`, read from `path` (standard input when nil).
        public init(name: String, path: String?) {
            self.name = name
            self.path = path
        }
    }

    /// Expands command-line sources: `-` is standard input, a directory yields its regular files
    /// (recursively, sorted, hidden files skipped), anything else is taken as a file path.
    /// - Throws: `ParseError` for a path that does not exist or a directory without files.
    public static func expand(_ source: String) throws(ParseError) -> [Item] {
        if source == "-" { return [Item(name: "-", path: nil)] }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else {
            throw ParseError(source: source, message: "no such file or directory")
        }
        guard isDirectory.boolValue else { return [Item(name: source, path: source)] }
        guard let enumerator = FileManager.default.enumerator(atPath: source) else {
            throw ParseError(source: source, message: "cannot read directory")
        }
        var items: [Item] = []
        while let relative = enumerator.nextObject() as? String {
            let last = (relative as NSString).lastPathComponent
            if last.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            let path = source.hasSuffix("/") ? source + relative : source + "/" + relative
            var childIsDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &childIsDirectory), !childIsDirectory.boolValue {
                items.append(Item(name: path, path: path))
            }
        }
        guard !items.isEmpty else { throw ParseError(source: source, message: "directory holds no files") }
        return items.sorted { $0.name < $1.name }
    }

    /// Reads a document, refusing more than `maxBytes` bytes.
    public static func read(_ item: Item, maxBytes: Int) throws(ParseError) -> [UInt8] {
        let handle: FileHandle
        if let path = item.path {
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw ParseError(source: item.name, message: "cannot open for reading (\(String(cString: strerror(errno))))")
            }
            handle = opened
        } else {
            handle = FileHandle.standardInput
        }
        defer { if item.path != nil { try? handle.close() } }
        var bytes: [UInt8] = []
        // A regular file's size is known: read into one buffer instead of growing it by doubling.
        var status = stat()
        if item.path != nil, fstat(handle.fileDescriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG {
            bytes.reserveCapacity(min(Int(status.st_size), maxBytes) + 1)
        }
        while true {
            let chunk: Data
            do {
                guard let read = try handle.read(upToCount: 1 << 20) else { break }
                chunk = read
            } catch {
                throw ParseError(source: item.name, message: "read error: \(error.localizedDescription)")
            }
            if chunk.isEmpty { break }
            bytes.append(contentsOf: chunk)
            if bytes.count > maxBytes {
                throw ParseError(source: item.name, message: "document is larger than the limit of \(maxBytes) bytes (--max-bytes)")
            }
        }
        return bytes
    }
}
