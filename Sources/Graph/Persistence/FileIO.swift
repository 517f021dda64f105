#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin, checked wrappers over POSIX file calls; every failure becomes a `StoreError.io` naming the path.
enum FileIO {
    /// Test hook simulating a full disk: writes to paths under `prefix` fail with ENOSPC once `bytes`
    /// more bytes have been written there.
    nonisolated(unsafe) static var writeBudget: (prefix: String, bytes: Int)?

    static func errorMessage(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o644) throws(StoreError) -> Int32 {
        let descriptor = Glibc.open(path, flags | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw .io(path: path, operation: "opening", message: errorMessage()) }
        return descriptor
    }

    /// Writes all of `bytes` at the current position.
    static func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(StoreError) {
        var offset = 0
        while offset < bytes.count {
            var chunk = min(bytes.count - offset, 1 << 24)
            if let budget = writeBudget, path.hasPrefix(budget.prefix) {
                if budget.bytes <= 0 { throw .io(path: path, operation: "writing", message: errorMessage(ENOSPC)) }
                chunk = min(chunk, budget.bytes)
                writeBudget = (budget.prefix, budget.bytes - chunk)
            }
            guard let base = bytes.baseAddress else { return }
            let written = Glibc.write(descriptor, base + offset, chunk)
            if written < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "writing", message: errorMessage())
            }
            offset += written
        }
    }

    static func write(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws(StoreError) {
        try withBytes(of: bytes) { (raw) throws(StoreError) in try write(descriptor, raw, path: path) }
    }

    static func sync(_ descriptor: Int32, path: String) throws(StoreError) {
        guard fsync(descriptor) == 0 else { throw .io(path: path, operation: "syncing", message: errorMessage()) }
    }

    /// Makes a rename or file creation in `directory` durable.
    static func syncDirectory(_ directory: String) throws(StoreError) {
        let descriptor = try open(directory, O_RDONLY | O_DIRECTORY)
        defer { close(descriptor) }
        try sync(descriptor, path: directory)
    }

    static func rename(_ from: String, _ to: String) throws(StoreError) {
        guard Glibc.rename(from, to) == 0 else { throw .io(path: to, operation: "renaming \(from) to", message: errorMessage()) }
    }

    static func size(_ descriptor: Int32, path: String) throws(StoreError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .io(path: path, operation: "examining", message: errorMessage()) }
        return Int(info.st_size)
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Reads a whole file.
    static func readAll(_ path: String) throws(StoreError) -> [UInt8] {
        let descriptor = try open(path, O_RDONLY)
        defer { close(descriptor) }
        let size = try self.size(descriptor, path: path)
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < size {
            let count = bytes.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return read(descriptor, base + offset, size - offset)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "reading", message: errorMessage())
            }
            if count == 0 { break }
            offset += count
        }
        if offset < size { bytes.removeSubrange(offset...) }
        return bytes
    }

    static func truncate(_ descriptor: Int32, to size: Int, path: String) throws(StoreError) {
        guard ftruncate(descriptor, off_t(size)) == 0 else { throw .io(path: path, operation: "truncating", message: errorMessage()) }
    }

    static func makeDirectory(_ path: String) throws(StoreError) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw .io(path: path, operation: "creating directory", message: errorMessage())
        }
    }
}

/// `withUnsafeBytes` for closures with typed throws (the standard library's versions rethrow untyped).
func withBytes<T, R>(of array: [T], _ body: (UnsafeRawBufferPointer) throws(StoreError) -> R) throws(StoreError) -> R {
    let result: Result<R, StoreError> = array.withUnsafeBytes { raw in Result { () throws(StoreError) -> R in try body(raw) } }
    return try result.get()
}

func withMutableBytes<T, R>(of array: inout [T], _ body: (UnsafeMutableRawBufferPointer) throws(StoreError) -> R) throws(StoreError) -> R {
    let result: Result<R, StoreError> = array.withUnsafeMutableBytes { raw in Result { () throws(StoreError) -> R in try body(raw) } }
    return try result.get()
}
