import Foundation

/// Messages for the user on standard error, prefixed with the program name.
enum Diagnostics {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("newsgraph: \(message)\n".utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("newsgraph: warning: \(message)\n".utf8))
    }
}

/// Buffered standard output for large JSON Lines output.
final class StandardOutput {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 20) }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Appends raw bytes (a piece of a JSON line, for instance).
    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        if buffer.count + bytes.count > 1 << 20 { flush() }
        if bytes.count >= 1 << 20 {
            FileHandle.standardOutput.write(Data(buffer: bytes))
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    func writeLine(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

extension Diagnostics {
    /// A summary line for the user (standard error, so standard output stays data).
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}

extension Int {
    /// 1,234,567
    var formatted: String {
        let digits = String(self.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return self < 0 ? "-" + out : out
    }

    /// 1.2 MB
    var byteCount: String {
        let value = Double(self)
        if self >= 1 << 30 { return String(format: "%.1f GB", value / 1_073_741_824) }
        if self >= 1 << 20 { return String(format: "%.1f MB", value / 1_048_576) }
        if self >= 1 << 10 { return String(format: "%.1f KB", value / 1024) }
        return "\(self) bytes"
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
