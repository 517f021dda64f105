import Foundation

/// A one-line progress bar on standard error, drawn only on a terminal.
final class ProgressBar {
    private let enabled: Bool
    private var total = 0
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func start(total: Int) { self.total = total }

    func update(_ done: Int) {
        guard enabled, total > 0 else { return }
        let width = 30
        let filled = min(width, done * width / total)
        let line = "\r[" + String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled) + "] \(done)/\(total) sources"
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    func clear() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }
}
