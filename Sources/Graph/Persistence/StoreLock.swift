#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Support

/// The advisory write lock of a store: `flock` on `PATH/lock`, which also records the holder's
/// process id and start time for the message a second writer gets.
final class StoreLock {
    private let descriptor: Int32
    let path: String

    /// Takes the lock, waiting up to `wait` seconds for another writer to finish.
    /// - Throws: `StoreError.locked` naming the holder when the wait runs out.
    init(path: String, wait: Double) throws(StoreError) {
        self.path = path
        descriptor = try FileIO.open(path, O_RDWR | O_CREAT, mode: 0o644)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Int(max(0, wait) * 1000)))
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let message = FileIO.errorMessage()
                close(descriptor)
                throw .io(path: path, operation: "locking", message: message)
            }
            if clock.now >= deadline {
                let holder = Self.holder(of: path)
                close(descriptor)
                throw .locked(path: String(path.dropLast("/lock".count)), holder: holder)
            }
            usleep(50_000)
        }
        let note = "process \(getpid()) since \(Timestamp.now())\n"
        _ = ftruncate(descriptor, 0)
        _ = pwrite(descriptor, note, note.utf8.count, 0)
    }

    /// "process N since T", as the holder wrote it.
    static func holder(of path: String) -> String {
        guard let bytes = try? FileIO.readAll(path), !bytes.isEmpty else { return "another process" }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: "\n")
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}


