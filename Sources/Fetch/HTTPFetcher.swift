import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches feeds and pages over HTTP(S) with URLSession: conditional GET, redirects followed by hand
/// (so each hop's status is known and loops are caught), a size cap enforced while downloading, a deadline
/// for the whole fetch, and retries with backoff for transient failures.
///
/// One fetcher serves many concurrent fetches; call `invalidate()` when done.
public final class HTTPFetcher: Sendable {
    public let options: FetchOptions
    private let session: URLSession
    private let delegate: SessionDelegate

    public init(options: FetchOptions = FetchOptions()) {
        self.options = options
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        // swift-corelibs-foundation truncates these to whole seconds (0 would time out at once); the deadline of
        // `options.timeout` is enforced by HTTPFetcher itself, to the millisecond.
        configuration.timeoutIntervalForRequest = max(1, min(options.connectTimeout, options.timeout).rounded(.up))
        configuration.timeoutIntervalForResource = max(1, (options.timeout + 1).rounded(.up))
        configuration.httpMaximumConnectionsPerHost = 8
        let delegate = SessionDelegate()
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        self.delegate = delegate
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: queue)
    }

    /// Lets the session's connections go; the fetcher cannot be used afterwards.
    public func invalidate() {
        session.finishTasksAndInvalidate()
    }

    /// Fetches `request`, following redirects and retrying transient failures.
    public func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        var attempt = 0
        while true {
            attempt += 1
            var result = await fetchOnce(request)
            switch result {
            case .success(var response):
                response.attempts = attempt
                return .success(response)
            case .failure(var error):
                error.attempts = attempt
                result = .failure(error)
                guard error.isTransient, attempt <= options.retries, !Task.isCancelled else { return result }
                var delay = options.delay(beforeRetry: attempt)
                if let wait = error.retryAfter {
                    // The server said when to come back: later than we may wait means not in this run.
                    guard wait <= options.maxRetryAfter else { return result }
                    delay = max(delay, wait)
                }
                try? await Task.sleep(nanoseconds: UInt64(max(0, delay) * 1e9))
            }
        }
    }

    /// One attempt: the request and its redirects, within `options.timeout`.
    func fetchOnce(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int(options.timeout * 1000)))
        var url = request.url
        var redirects: [Redirect] = []
        var visited: Set<String> = [url]
        while true {
            guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
                parsed.host != nil
            else {
                let kind: FetchError.Kind = redirects.isEmpty ? .invalidURL : .badRedirect
                return .failure(FetchError(kind: kind, message: "not an http(s) URL: \(url)", url: url, redirects: redirects))
            }
            var urlRequest = URLRequest(url: parsed)
            urlRequest.httpMethod = "GET"
            urlRequest.setValue(options.userAgent, forHTTPHeaderField: "User-Agent")
            urlRequest.setValue(request.accept ?? options.accept, forHTTPHeaderField: "Accept")
            if let etag = request.etag { urlRequest.setValue(etag, forHTTPHeaderField: "If-None-Match") }
            if let lastModified = request.lastModified { urlRequest.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else {
                return .failure(FetchError(kind: .timeout, message: "timed out after \(Self.seconds(options.timeout))", url: url, redirects: redirects))
            }
            let exchange = await exchange(urlRequest, within: remaining)
            switch exchange {
            case .failed(let kind, let message):
                let text: String
                switch kind {
                case .timeout: text = "timed out after \(Self.seconds(options.timeout))"
                case .tooLarge: text = "response is larger than the limit of \(options.maxBytes) bytes (--max-bytes)"
                default: text = message
                }
                return .failure(FetchError(kind: kind, message: text, url: url, redirects: redirects))
            case .completed(let response, let body):
                let status = response.statusCode
                let headers = Headers(response)
                if [301, 302, 303, 307, 308].contains(status) {
                    guard let location = headers["location"], let target = URL(string: location, relativeTo: parsed)?.absoluteURL else {
                        return .failure(FetchError(kind: .badRedirect, message: "HTTP \(status) without a Location", url: url, redirects: redirects))
                    }
                    let next = target.absoluteString
                    redirects.append(Redirect(status: status, from: url, to: next))
                    guard visited.insert(next).inserted else {
                        return .failure(FetchError(kind: .redirectLoop, message: "redirect loop: \(next) redirected back to itself", url: next, redirects: redirects))
                    }
                    guard redirects.count <= options.maxRedirects else {
                        return .failure(FetchError(kind: .tooManyRedirects, message: "more than \(options.maxRedirects) redirects", url: next, redirects: redirects))
                    }
                    url = next
                    continue
                }
                if (200..<300).contains(status) || status == 304 {
                    return .success(
                        FetchResponse(
                            requestedURL: request.url, finalURL: url, status: status, etag: headers["etag"],
                            lastModified: headers["last-modified"], contentType: headers["content-type"],
                            contentLanguage: headers["content-language"], body: status == 304 ? [] : body,
                            redirects: redirects, attempts: 1))
                }
                let reason = HTTPURLResponse.localizedString(forStatusCode: status)
                let kind: FetchError.Kind = status == 410 ? .gone : .status(status)
                var message = "HTTP \(status) \(Self.capitalized(reason))"
                let retryAfter = status == 429 || status == 503 ? headers["retry-after"].flatMap(Self.retryAfterSeconds) : nil
                if let retryAfter { message += " (retry after \(Self.seconds(retryAfter.rounded(.up))))" }
                return .failure(FetchError(kind: kind, message: message, url: url, redirects: redirects, retryAfter: retryAfter))
            }
        }
    }

    /// One request without redirects.
    private func exchange(_ request: URLRequest, within limit: Duration) async -> Exchange {
        let task = session.dataTask(with: request)
        let id = task.taskIdentifier
        let maxBytes = options.maxBytes
        let delegate = self.delegate
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Exchange, Never>) in
                delegate.register(id, limit: maxBytes, continuation: continuation)
                // A dispatch timer, not a Task: the deadline holds even when the concurrency pool is busy parsing.
                let timer = DispatchSource.makeTimerSource(queue: .global())
                timer.schedule(deadline: .now() + .nanoseconds(Int(limit.components.seconds) * 1_000_000_000 + Int(limit.components.attoseconds / 1_000_000_000)))
                timer.setEventHandler { delegate.expire(id, task: task) }
                let box = TimerBox(timer)
                delegate.onFinish(id) { box.timer.cancel() }
                timer.resume()
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
    }

    /// `Retry-After`: delta-seconds or an HTTP date.
    static func retryAfterSeconds(_ value: String) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return Double(max(0, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSinceNow)
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    static func capitalized(_ reason: String) -> String {
        reason.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}

/// A dispatch timer handed to the callback that cancels it (dispatch sources are thread-safe).
private final class TimerBox: @unchecked Sendable {
    let timer: DispatchSourceTimer
    init(_ timer: DispatchSourceTimer) { self.timer = timer }
}

/// The outcome of one request.
enum Exchange: Sendable {
    case completed(HTTPURLResponse, [UInt8])
    case failed(FetchError.Kind, String)
}

/// Case-insensitive response headers.
struct Headers {
    private var fields: [String: String] = [:]

    init(_ response: HTTPURLResponse) {
        for (key, value) in response.allHeaderFields {
            guard let name = key as? String, let text = value as? String else { continue }
            fields[name.lowercased()] = text
        }
    }

    subscript(name: String) -> String? { fields[name] }
}

/// Routes URLSession's callbacks to the fetch waiting for each task.
final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct State {
        var continuation: CheckedContinuation<Exchange, Never>
        var limit: Int
        var body: [UInt8] = []
        var response: HTTPURLResponse?
        var tooLarge = false
        var timedOut = false
        var finish: (@Sendable () -> Void)?
    }

    private let lock = NSLock()
    private var states: [Int: State] = [:]

    func register(_ id: Int, limit: Int, continuation: CheckedContinuation<Exchange, Never>) {
        lock.withLock { states[id] = State(continuation: continuation, limit: limit) }
    }

    func onFinish(_ id: Int, _ action: @escaping @Sendable () -> Void) {
        lock.withLock { states[id]?.finish = action }
    }

    /// The deadline passed: cancel the task and report a timeout.
    func expire(_ id: Int, task: URLSessionTask) {
        let found = lock.withLock { () -> Bool in
            guard states[id] != nil else { return false }
            states[id]?.timedOut = true
            return true
        }
        if found { task.cancel() }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let id = dataTask.taskIdentifier
        let allow = lock.withLock { () -> Bool in
            guard var state = states[id] else { return false }
            state.response = response as? HTTPURLResponse
            if response.expectedContentLength > Int64(state.limit), state.response?.value(forHeader: "content-encoding") == nil {
                state.tooLarge = true
            }
            states[id] = state
            return !state.tooLarge
        }
        completionHandler(allow ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let id = dataTask.taskIdentifier
        let over = lock.withLock { () -> Bool in
            guard var state = states[id], !state.tooLarge else { return false }
            if state.body.count + data.count > state.limit {
                state.tooLarge = true
                state.body = []
            } else {
                state.body.append(contentsOf: data)
            }
            states[id] = state
            return state.tooLarge
        }
        if over { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        // Redirects are followed by HTTPFetcher, which sees each status.
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        let id = task.taskIdentifier
        guard let state = lock.withLock({ states.removeValue(forKey: id) }) else { return }
        state.finish?()
        let outcome: Exchange
        if state.tooLarge {
            outcome = .failed(.tooLarge, "too large")
        } else if state.timedOut {
            outcome = .failed(.timeout, "timed out")
        } else if let error {
            outcome = Self.classify(error)
        } else if let response = state.response ?? (task.response as? HTTPURLResponse) {
            outcome = .completed(response, state.body)
        } else {
            outcome = .failed(.other, "no HTTP response")
        }
        state.continuation.resume(returning: outcome)
    }

    static func classify(_ error: Error) -> Exchange {
        let nsError = error as NSError
        let message = nsError.localizedDescription
        guard nsError.domain == NSURLErrorDomain else { return .failed(.other, message) }
        switch nsError.code {
        case NSURLErrorTimedOut:
            return .failed(.timeout, "timed out")
        case NSURLErrorCannotConnectToHost, NSURLErrorNetworkConnectionLost, NSURLErrorNotConnectedToInternet,
            NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed, NSURLErrorResourceUnavailable:
            return .failed(.connection, "connection failed: \(message)")
        case NSURLErrorBadServerResponse, NSURLErrorZeroByteResource:
            return .failed(.connection, "bad server response: \(message)")
        case NSURLErrorUnsupportedURL, NSURLErrorBadURL:
            return .failed(.invalidURL, message)
        case NSURLErrorDataLengthExceedsMaximum:
            return .failed(.tooLarge, message)
        default:
            return .failed(.other, message)
        }
    }
}

extension HTTPURLResponse {
    fileprivate func value(forHeader name: String) -> String? { Headers(self)[name.lowercased()] }
}
