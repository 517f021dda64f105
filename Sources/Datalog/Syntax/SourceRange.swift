import Graph
/// A position in query text: 1-based line and column (columns count Unicode scalars), plus the UTF-8 offset.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int
    public init(line: Int, column: Int, offset: Int) { self.line = line; self.column = column; self.offset = offset }
    public var description: String { "\(line):\(column)" }
}

/// A half-open span of query text.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var start: SourceLocation
    public var end: SourceLocation
    public init(_ start: SourceLocation, _ end: SourceLocation) { self.start = start; self.end = end }
    public static let unknown = SourceRange(SourceLocation(line: 0, column: 0, offset: 0), SourceLocation(line: 0, column: 0, offset: 0))
    public func to(_ other: SourceRange) -> SourceRange { SourceRange(start, other.end) }
    public var description: String { "\(start)" }
}
