/// Caps concurrent requests per host (politeness towards one site while fetching many).
public actor HostLimiter {
    public let limit: Int
    private var active: [String: Int] = [:]
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    public init(limit: Int) { self.limit = max(1, limit) }

    /// Waits for a free slot for `host`.
    public func acquire(_ host: String) async {
        if active[host, default: 0] < limit {
            active[host, default: 0] += 1
            return
        }
        await withCheckedContinuation { continuation in
            waiting[host, default: []].append(continuation)
        }
    }

    /// Frees a slot, handing it straight to the next waiter if there is one.
    public func release(_ host: String) {
        if var queue = waiting[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[host] = queue.isEmpty ? nil : queue
            next.resume()
            return
        }
        active[host, default: 1] -= 1
        if active[host] == 0 { active[host] = nil }
    }

    /// Runs `body` holding a slot for `host`.
    public func withSlot<T: Sendable>(for host: String, _ body: @Sendable () async -> T) async -> T {
        await acquire(host)
        let result = await body()
        release(host)
        return result
    }
}
