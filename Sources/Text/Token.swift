/// A token produced by ``Tokenizer``.
///
/// `range` holds UTF-8 byte offsets into the original text, so
/// `Array(text.utf8)[token.range]` always reproduces `token.text` exactly.
public struct Token: Sendable, Equatable, Hashable {
    /// The token's surface form, exactly as it appears in the source text.
    public var text: String
    /// UTF-8 byte offsets of the token in the original text.
    public var range: Range<Int>
    /// Whether whitespace (or the end of the text) follows the token.
    public var spaceAfter: Bool

    /// Creates a token.
    public init(text: String, range: Range<Int>, spaceAfter: Bool) {
        self.text = text
        self.range = range
        self.spaceAfter = spaceAfter
    }
}
