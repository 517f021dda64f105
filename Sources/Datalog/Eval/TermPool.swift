import Graph
/// Maps term text to ids for the engine: store ids when the store knows the text, otherwise engine-local ids
/// in 0xF000_0000... (for computed values such as counts, sums, lowered strings and constants the store never saw).
/// Also caches the numeric value of each term, so comparisons are numeric when both sides parse as numbers.
final class TermPool {
    unowned let store: FactStore
    private var localStrings: [String] = []
    private var ids: [String: TermID] = [:]
    /// Numeric cache for store ids (< 0x8000_0000): 0 = unknown, 1 = not a number, 2 = number in `storeNumValue`.
    private var storeNumState: [UInt8] = []
    private var storeNumValue: [Double] = []
    private var localNum: [Double?] = []

    init(store: FactStore) { self.store = store }

    func intern(_ s: String) -> TermID {
        if let id = ids[s] { return id }
        let id: TermID
        if let sid = store.lookup(s) { id = sid } else {
            id = TermSpace.localBase | TermID(localStrings.count)
            localStrings.append(s)
            localNum.append(TermPool.parseNumber(s))
        }
        ids[s] = id
        return id
    }

    func lookupExisting(_ s: String) -> TermID? { ids[s] ?? store.lookup(s) }

    func string(_ id: TermID) -> String {
        if TermSpace.isLocal(id) {
            let i = Int(id & ~TermSpace.localBase)
            return i < localStrings.count ? localStrings[i] : "?local\(i)"
        }
        return store.string(for: id)
    }

    func internNumber(_ d: Double) -> TermID { intern(TermPool.format(d)) }

    @inline(__always)
    func number(_ id: TermID) -> Double? {
        if id < TermSpace.factBit {
            let i = Int(id)
            if i < storeNumState.count {
                let s = storeNumState[i]
                if s == 2 { return storeNumValue[i] }
                if s == 1 { return nil }
            }
            return computeStoreNumber(i)
        }
        if TermSpace.isLocal(id) {
            let i = Int(id & ~TermSpace.localBase)
            return i < localNum.count ? localNum[i] : nil
        }
        return nil // fact ids
    }

    private func computeStoreNumber(_ i: Int) -> Double? {
        if i >= storeNumState.count {
            let n = max(i + 1, storeNumState.count * 2, 1024)
            storeNumState += [UInt8](repeating: 0, count: n - storeNumState.count)
            storeNumValue += [Double](repeating: 0, count: n - storeNumValue.count)
        }
        let v = TermPool.parseNumber(store.string(for: TermID(i)))
        storeNumState[i] = v == nil ? 1 : 2
        storeNumValue[i] = v ?? 0
        return v
    }

    /// Numbers: optional '-', digits, optional '.' digits, optional exponent. No inf/nan/hex.
    static func parseNumber(_ s: String) -> Double? {
        let u = s.utf8
        guard let f = u.first, (f >= 0x30 && f <= 0x39) || f == 0x2D || f == 0x2B, u.count < 40 else { return nil }
        var i = u.startIndex
        if f == 0x2D || f == 0x2B { i = u.index(after: i) }
        var digits = 0
        var seenDot = false, seenExp = false
        while i != u.endIndex {
            let c = u[i]
            if c >= 0x30 && c <= 0x39 { digits += 1 }
            else if c == 0x2E && !seenDot && !seenExp { seenDot = true }
            else if (c == 0x65 || c == 0x45) && !seenExp && digits > 0 {
                seenExp = true
                let n = u.index(after: i)
                if n != u.endIndex && (u[n] == 0x2D || u[n] == 0x2B) { i = n }
            } else { return nil }
            i = u.index(after: i)
        }
        guard digits > 0 else { return nil }
        return Double(s)
    }

    /// Integers print without a decimal point; other values in Swift's shortest round-trip form.
    static func format(_ d: Double) -> String {
        if d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    /// Total order used by comparisons: numeric when both are numbers, else by UTF-8 text.
    func compare(_ a: TermID, _ b: TermID) -> Int {
        if a == b { return 0 }
        if let x = number(a), let y = number(b) { return x < y ? -1 : (x > y ? 1 : 0) }
        return TermPool.compareText(string(a), string(b))
    }

    @inline(__always)
    func equal(_ a: TermID, _ b: TermID) -> Bool {
        if a == b { return true }
        if let x = number(a), let y = number(b) { return x == y }
        return false
    }

    static func compareText(_ x: String, _ y: String) -> Int {
        if x == y { return 0 }
        return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1
    }

    /// Order for showing results: numbers numerically first, then strings with their digit runs read as
    /// numbers (`fact/2` before `fact/10`, `n9` before `n10`), ties by bytes. Only the display order:
    /// comparisons in queries (`<`, `>=`) stay byte-wise (``compareText(_:_:)``).
    func sortOrder(_ a: TermID, _ b: TermID) -> Bool {
        if a == b { return false }
        let x = number(a), y = number(b)
        switch (x, y) {
        case let (x?, y?): if x != y { return x < y }; return TermPool.compareText(string(a), string(b)) < 0
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return TermPool.naturalOrder(string(a), string(b))
        }
    }

    /// `x` before `y` with runs of ASCII digits compared by value (leading zeros ignored), everything else
    /// byte by byte; strings equal that way are ordered by their bytes, so the order is total.
    static func naturalOrder(_ x: String, _ y: String) -> Bool {
        var x = x, y = y
        return x.withUTF8 { a in y.withUTF8 { b in naturalOrder(a, b) } }
    }

    private static func naturalOrder(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        @inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        var i = 0, j = 0
        while i < a.count && j < b.count {
            guard isDigit(a[i]) && isDigit(b[j]) else {
                if a[i] != b[j] { return a[i] < b[j] }
                i += 1
                j += 1
                continue
            }
            var i0 = i, j0 = j
            while i0 < a.count, a[i0] == 0x30 { i0 += 1 }
            while j0 < b.count, b[j0] == 0x30 { j0 += 1 }
            var i1 = i0, j1 = j0
            while i1 < a.count, isDigit(a[i1]) { i1 += 1 }
            while j1 < b.count, isDigit(b[j1]) { j1 += 1 }
            if i1 - i0 != j1 - j0 { return i1 - i0 < j1 - j0 }
            for k in 0..<(i1 - i0) where a[i0 + k] != b[j0 + k] { return a[i0 + k] < b[j0 + k] }
            i = i1
            j = j1
        }
        if a.count - i != b.count - j { return a.count - i < b.count - j }
        return a.lexicographicallyPrecedes(b)
    }
}
