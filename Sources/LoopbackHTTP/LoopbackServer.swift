#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A small HTTP/1.1 server on 127.0.0.1 for NewsGraph's tests and benchmarks: scripted responses, keep-alive,
/// stalls and dropped connections. It never listens on another interface.
///
/// One thread accepts, one thread serves each connection; a handler maps a request to a response.
public final class LoopbackServer: @unchecked Sendable {
    /// A request as the server read it (bodies are not read: NewsGraph only sends GET).
    public struct Request: Sendable {
        public var method: String
        /// The request target: path and query.
        public var path: String
        /// Header fields with lower-cased names, in order.
        public var headers: [(name: String, value: String)]

        public func header(_ name: String) -> String? {
            let lower = name.lowercased()
            return headers.first { $0.name == lower }?.value
        }
    }

    /// What to send back.
    public struct Response: Sendable {
        public enum Behaviour: Sendable {
            /// A normal response.
            case respond
            /// Send nothing until the client gives up (or the server stops, or `maxSeconds` pass).
            case stall(maxSeconds: Double)
            /// Close the connection without a response.
            case drop
            /// Send the status line and headers, then wait this long before the body.
            case delayBody(seconds: Double)
        }

        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
        public var behaviour: Behaviour

        public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = [], behaviour: Behaviour = .respond) {
            self.status = status
            self.headers = headers
            self.body = body
            self.behaviour = behaviour
        }

        public init(status: Int = 200, headers: [(String, String)] = [], text: String) {
            self.init(status: status, headers: headers, body: Array(text.utf8))
        }

        public static func stall(seconds: Double = 30) -> Response { Response(behaviour: .stall(maxSeconds: seconds)) }
        public static let drop = Response(behaviour: .drop)

        public static func redirect(_ status: Int, to location: String) -> Response {
            Response(status: status, headers: [("Location", location)])
        }
    }

    public typealias Handler = @Sendable (Request) -> Response

    public let port: UInt16
    private let listener: Int32
    private let handler: Handler
    private let lock = NSLock()
    private var stopped = false
    private var connections: Set<Int32> = []
    private var log: [Request] = []
    private let finished = DispatchGroup()

    /// Starts listening on 127.0.0.1 on a free port chosen by the system.
    public init(handler: @escaping Handler) throws {
        self.handler = handler
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw ServerError("socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 128) == 0 else {
            let message = String(cString: strerror(errno))
            close(descriptor)
            throw ServerError("bind/listen on 127.0.0.1: \(message)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        listener = descriptor
        port = UInt16(bigEndian: actual.sin_port)
        finished.enter()
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT`
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `http://127.0.0.1:PORT/path`
    public func url(_ path: String) -> String { baseURL + (path.hasPrefix("/") ? path : "/" + path) }

    /// Every request served so far, in arrival order.
    public var requests: [Request] {
        lock.lock()
        defer { lock.unlock() }
        return log
    }

    /// Requests for one path (query included).
    public func requests(for path: String) -> [Request] { requests.filter { $0.path == path } }

    /// Stops accepting, closes every connection and waits for the server's threads to end.
    public func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        for connection in connections { shutdown(connection, Int32(SHUT_RDWR)) }
        lock.unlock()
        guard !wasStopped else { return }
        finished.wait()
        close(listener)
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func acceptLoop() {
        defer { finished.leave() }
        while !isStopped {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            var one: Int32 = 1
            setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            #if canImport(Darwin)
            setsockopt(connection, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
            #endif
            lock.lock()
            if stopped {
                lock.unlock()
                close(connection)
                break
            }
            connections.insert(connection)
            finished.enter()
            lock.unlock()
            let thread = Thread { [self] in
                serve(connection)
                lock.lock()
                connections.remove(connection)
                lock.unlock()
                close(connection)
                finished.leave()
            }
            thread.start()
        }
    }

    /// Waits until `descriptor` is readable; false when the server stops or `seconds` pass first.
    private func waitReadable(_ descriptor: Int32, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !isStopped && Date() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 50) > 0 { return true }
        }
        return false
    }

    private func serve(_ connection: Int32) {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            // Read one request head.
            var headEnd: Int?
            while headEnd == nil {
                headEnd = Self.find([13, 10, 13, 10], in: buffer)
                if headEnd != nil { break }
                guard waitReadable(connection, seconds: 30) else { return }
                let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { return }
                buffer.append(contentsOf: chunk[0..<count])
                if buffer.count > 1 << 20 { return }
            }
            guard let end = headEnd else { return }
            let head = String(decoding: buffer[0..<end], as: UTF8.self)
            buffer.removeFirst(end + 4)
            var lines = head.components(separatedBy: "\r\n")
            let requestLine = lines.removeFirst().split(separator: " ")
            guard requestLine.count >= 2 else { return }
            var headers: [(name: String, value: String)] = []
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers.append((line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
            let request = Request(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers)
            lock.lock()
            log.append(request)
            lock.unlock()
            let response = handler(request)
            switch response.behaviour {
            case .drop:
                return
            case .stall(let seconds):
                // Wait for the client to give up (readable with EOF) or the server to stop.
                let deadline = Date().addingTimeInterval(seconds)
                while !isStopped && Date() < deadline {
                    guard waitReadable(connection, seconds: 0.05) else { continue }
                    let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
                    if count <= 0 { return }
                }
                return
            case .respond, .delayBody:
                break
            }
            let keepAlive = request.header("connection")?.lowercased() != "close"
            var text = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
            var hasLength = false
            for (name, value) in response.headers {
                text += "\(name): \(value)\r\n"
                if name.lowercased() == "content-length" { hasLength = true }
            }
            let bodyAllowed = response.status != 304 && response.status != 204 && request.method != "HEAD"
            if !hasLength && response.status != 304 && response.status != 204 { text += "Content-Length: \(response.body.count)\r\n" }
            if !keepAlive { text += "Connection: close\r\n" }
            text += "\r\n"
            guard send(connection, Array(text.utf8)) else { return }
            if case .delayBody(let seconds) = response.behaviour {
                if waitReadable(connection, seconds: seconds) {
                    // The client closed early (or sent another request, which this server does not pipeline).
                    return
                }
                if isStopped { return }
            }
            if bodyAllowed && !response.body.isEmpty {
                guard send(connection, response.body) else { return }
            }
            if !keepAlive { return }
        }
    }

    private func send(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
            let flags = Int32(MSG_NOSIGNAL)
            #else
            let flags: Int32 = 0
            #endif
            let sent = bytes.withUnsafeBytes { Glibc_send(connection, $0.baseAddress! + offset, bytes.count - offset, flags) }
            if sent <= 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += sent
        }
        return true
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0] && Array(haystack[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 204: return "No Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 303: return "See Other"
        case 304: return "Not Modified"
        case 307: return "Temporary Redirect"
        case 308: return "Permanent Redirect"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 410: return "Gone"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}

/// Why the server could not start.
public struct ServerError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

#if canImport(Glibc)
private func Glibc_send(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int {
    Glibc.send(fd, buffer, count, flags)
}
#else
private func Glibc_send(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int {
    Darwin.send(fd, buffer, count, flags)
}
#endif

/// gzip encoding for test bodies, written with deflate's stored blocks: a valid gzip stream that every
/// decoder must handle, without a compression library.
public enum Gzip {
    public static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        var offset = 0
        repeat {
            let count = min(65_535, bytes.count - offset)
            let final: UInt8 = offset + count >= bytes.count ? 1 : 0
            out.append(final)
            out.append(UInt8(count & 0xFF))
            out.append(UInt8(count >> 8))
            out.append(UInt8(~count & 0xFF))
            out.append(UInt8((~count >> 8) & 0xFF))
            out.append(contentsOf: bytes[offset..<(offset + count)])
            offset += count
        } while offset < bytes.count
        let crc = crc32(bytes)
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((crc >> UInt32(shift)) & 0xFF)) }
        let size = UInt32(truncatingIfNeeded: bytes.count)
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((size >> UInt32(shift)) & 0xFF)) }
        return out
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
