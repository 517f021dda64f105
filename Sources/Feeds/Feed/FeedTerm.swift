/// The element names feed vocabularies route values on (RSS, Atom, Dublin Core, iTunes, Media RSS and the
/// other namespaces `FeedBuilder` reads), as a small integer made once per distinct element name of a
/// document: routing a value then switches on it instead of comparing strings one case after another
/// (about fifty failed string comparisons per RSS item).
enum FeedTerm: UInt8, CaseIterable {
    /// Any name not listed.
    case other
    case abstract, author, block, body, category, cloud, comment, commentrss, comments, content, contributor
    case copyright, created, creator, date, description, docs, duration, enclosure, encoded, expirationdate
    case explicit, fullitem, generator, guid, icon, id, identifier, image, info, issued, keywords, language
    case lastbuilddate, license, link, logo, managingeditor, modified, pubdate, published, publisher, rights
    case source, subject, subtitle, summary, tagline, title, ttl, updated, webmaster

    private static let byName: [String: FeedTerm] = {
        var table: [String: FeedTerm] = [:]
        for term in allCases where term != .other { table[String(describing: term)] = term }
        return table
    }()

    /// The term for a name as feed vocabularies match it (`SAXElementName.feedName`).
    init(feedName: String) {
        self = Self.byName[feedName] ?? .other
    }
}
