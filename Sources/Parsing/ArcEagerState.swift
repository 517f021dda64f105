/// Arc-eager transitions (Nivre 2003) with a single-root constraint.
enum Transition: Int, CaseIterable {
    case shift = 0
    case reduce = 1
    case leftArc = 2
    case rightArc = 3

    static let count = 4
}

/// Parser configuration for the arc-eager system.
///
/// Tokens are numbered 0...n where 0 is the artificial root and 1...n the words. Index n+1 is a
/// sentinel "none" token so that feature extraction can address missing positions without
/// branching. All per-token arrays have n+2 entries.
struct ArcEagerState {
    /// Number of words.
    let n: Int
    /// Sentinel index used for "no token".
    let none: Int
    /// Stack, bottom first. The root (0) is never popped.
    var stack: [Int]
    /// Index of the first buffer token; the buffer is empty when `buffer > n`.
    var buffer: Int
    /// Assigned head per token (-1 = none).
    var heads: [Int]
    /// Assigned label id per token (-1 = none).
    var labels: [Int]
    /// Leftmost / second-leftmost / rightmost / second-rightmost child (sentinel when absent).
    var lc1: [Int]
    var lc2: [Int]
    var rc1: [Int]
    var rc2: [Int]
    /// Number of left / right children.
    var leftValency: [Int]
    var rightValency: [Int]
    /// Bit sets of child labels on each side (label id mod 64).
    var leftLabels: [UInt64]
    var rightLabels: [UInt64]
    /// Whether a token is currently on the stack.
    var inStack: [Bool]
    /// Whether the root already has its (single) dependent.
    var rootHasChild = false

    init(wordCount: Int) {
        n = wordCount
        none = wordCount + 1
        let size = wordCount + 2
        stack = [0]
        stack.reserveCapacity(size)
        buffer = 1
        heads = [Int](repeating: -1, count: size)
        labels = [Int](repeating: -1, count: size)
        lc1 = [Int](repeating: wordCount + 1, count: size)
        lc2 = lc1
        rc1 = lc1
        rc2 = lc1
        leftValency = [Int](repeating: 0, count: size)
        rightValency = leftValency
        leftLabels = [UInt64](repeating: 0, count: size)
        rightLabels = leftLabels
        inStack = [Bool](repeating: false, count: size)
        inStack[0] = true
    }

    /// True when the buffer is exhausted.
    @inline(__always) var isTerminal: Bool { buffer > n }

    /// Top of the stack (always defined: the root is never popped).
    @inline(__always) var s0: Int { stack[stack.count - 1] }

    /// Second stack item or the sentinel.
    @inline(__always) var s1: Int { stack.count >= 2 ? stack[stack.count - 2] : none }

    /// i-th buffer token or the sentinel.
    @inline(__always) func bufferToken(_ i: Int) -> Int {
        let b = buffer + i
        return b <= n ? b : none
    }

    /// Whether `t` is legal in this configuration.
    @inline(__always) func isLegal(_ t: Transition) -> Bool {
        if buffer > n { return false }
        let s = s0
        switch t {
        case .shift: return true
        case .reduce: return s != 0 && heads[s] >= 0
        case .leftArc: return s != 0 && heads[s] < 0
        case .rightArc: return s != 0 || !rootHasChild
        }
    }

    /// Number of legal transitions in this configuration.
    @inline(__always) var legalCount: Int {
        if buffer > n { return 0 }
        let s = s0
        if s == 0 { return rootHasChild ? 1 : 2 }
        return 3  // shift, right-arc and exactly one of reduce / left-arc
    }

    /// Adds the arc head → dep with the given label.
    mutating func addArc(head: Int, dep: Int, label: Int) {
        heads[dep] = head
        labels[dep] = label
        let bit: UInt64 = 1 << UInt64(label & 63)
        if dep < head {
            leftValency[head] += 1
            leftLabels[head] |= bit
            if lc1[head] == none || dep < lc1[head] { lc2[head] = lc1[head]; lc1[head] = dep }
            else if lc2[head] == none || dep < lc2[head] { lc2[head] = dep }
        } else {
            rightValency[head] += 1
            rightLabels[head] |= bit
            if rc1[head] == none || dep > rc1[head] { rc2[head] = rc1[head]; rc1[head] = dep }
            else if rc2[head] == none || dep > rc2[head] { rc2[head] = dep }
        }
        if head == 0 { rootHasChild = true }
    }

    /// Applies a (legal) transition; `label` is used by the arc transitions.
    mutating func apply(_ t: Transition, label: Int) {
        switch t {
        case .shift:
            stack.append(buffer)
            inStack[buffer] = true
            buffer += 1
        case .reduce:
            let s = stack.removeLast()
            inStack[s] = false
        case .leftArc:
            let s = stack.removeLast()
            inStack[s] = false
            addArc(head: buffer, dep: s, label: label)
        case .rightArc:
            addArc(head: s0, dep: buffer, label: label)
            stack.append(buffer)
            inStack[buffer] = true
            buffer += 1
        }
    }

    /// Head and dependent of the arc that `t` would create (nil for shift/reduce).
    @inline(__always) func arc(for t: Transition) -> (head: Int, dep: Int)? {
        switch t {
        case .leftArc: return (buffer, s0)
        case .rightArc: return (s0, buffer)
        default: return nil
        }
    }
}
