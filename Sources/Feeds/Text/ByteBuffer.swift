import Support

/// Where escaped text and serialised markup are written: an `[UInt8]` or a `ByteBuffer`.
protocol ByteSink: ~Copyable {
    mutating func append(_ byte: UInt8)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteSink where Element == UInt8 {
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(contentsOf: bytes)
    }
}

extension ByteSink where Self: ~Copyable {
    /// Appends the UTF-8 bytes of `literal`.
    mutating func append(literal: StaticString) {
        append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends the UTF-8 bytes of `string`.
    mutating func append(utf8 string: String) {
        var string = string
        string.withUTF8 { append($0) }
    }
}

/// Growable bytes in memory managed by hand: the feed builder's text of the open leaf element (reused for
/// every leaf of a document) and the output of HTML-to-text.
///
/// SAX delivers text in pieces, tens of thousands per megabyte of feed; appending a piece to an `[UInt8]`
/// cost several times the copy itself (the generic append path with its uniqueness and capacity
/// bookkeeping, and emptying the array again through `replaceSubrange`). Noncopyable: it owns its memory.
struct ByteBuffer: ByteSink, ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var isEmpty: Bool { count == 0 }

    /// The bytes so far; valid until the text is next changed.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        (base + count).initialize(to: byte)
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        ShortCopy.copy(source, to: base + count, count: bytes.count)
        count += bytes.count
    }

    /// Empties the text, keeping its memory.
    mutating func removeAll() { count = 0 }

    /// Replaces the text with `bytes`.
    mutating func replace(with bytes: [UInt8]) {
        count = 0
        bytes.withUnsafeBufferPointer { append($0) }
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
