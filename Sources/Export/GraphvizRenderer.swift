import Foundation

/// Runs Graphviz (`dot` or `sfdp`) to turn DOT into SVG or PNG, with a timeout.
public enum GraphvizRenderer {
    public enum Failure: Error, CustomStringConvertible {
        case notInstalled(String)
        case timedOut(seconds: Double)
        case failed(status: Int32, message: String)

        public var description: String {
            switch self {
            case .notInstalled(let program):
                return "Graphviz's \(program) is not installed; install it (Debian: apt-get install graphviz) or export --format dot"
            case .timedOut(let seconds):
                return "Graphviz did not finish within \(Int(seconds)) s; export fewer edges (--max-edges) or use --layout sfdp"
            case .failed(let status, let message):
                return "Graphviz failed (exit \(status)): \(message)"
            }
        }
    }

    /// Finds a program on `PATH`.
    public static func locate(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Renders `dot` text with `layout` (`dot` or `sfdp`) to `format` (`svg`, `png`).
    public static func render(_ dot: String, format: String, layout: String = "dot", timeout: Double = 60) throws(Failure) -> Data {
        guard let program = locate(layout) else { throw .notInstalled(layout) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-T\(format)"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { throw .notInstalled(layout) }
        let collected = DataCollector()
        let reader = Thread { collected.set(output.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        input.fileHandleForWriting.write(Data(dot.utf8))
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw .timedOut(seconds: timeout)
        }
        process.waitUntilExit()
        while !collected.isDone { usleep(1_000) }
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw .failed(status: process.terminationStatus, message: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return collected.data
    }
}

private final class DataCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Data?

    func set(_ data: Data) {
        lock.lock()
        value = data
        lock.unlock()
    }

    var isDone: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value != nil
    }

    var data: Data {
        lock.lock()
        defer { lock.unlock() }
        return value ?? Data()
    }
}
