/// The XML vocabularies that carry feed and article data, recognised by namespace URI
/// whatever prefix a document binds them to.
enum XMLNamespace: UInt8, Sendable {
    case none, atom10, atom03, rss10, rss090, dc, dcterms, content, itunes, media, xhtml, rdf, wfw
    case creativeCommons, cc, georss, gml, slash, xml, other

    /// Classifies a namespace URI (case-insensitively, ignoring a trailing slash or hash variants feeds use).
    init(uri: String?) {
        guard let uri, !uri.isEmpty else {
            self = .none
            return
        }
        switch uri.lowercased() {
        case "http://www.w3.org/2005/atom": self = .atom10
        case "http://purl.org/atom/ns#", "http://purl.org/atom/ns", "http://purl.org/echo/", "http://purl.org/pie/":
            self = .atom03
        case "http://purl.org/rss/1.0/", "http://purl.org/rss/1.0": self = .rss10
        case "http://my.netscape.com/rdf/simple/0.9/": self = .rss090
        case "http://backend.userland.com/rss2", "http://blogs.law.harvard.edu/tech/rss", "http://backend.userland.com/rss":
            self = .none
        case "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/elements/1.0/": self = .dc
        case "http://purl.org/dc/terms/": self = .dcterms
        case "http://purl.org/rss/1.0/modules/content/": self = .content
        case "http://www.itunes.com/dtds/podcast-1.0.dtd", "http://example.com/dtds/podcast-1.0.dtd": self = .itunes
        case "http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss", "http://video.search.yahoo.com/mrss",
            "http://video.search.yahoo.com/mrss/":
            self = .media
        case "http://www.w3.org/1999/xhtml": self = .xhtml
        case "http://www.w3.org/1999/02/22-rdf-syntax-ns#": self = .rdf
        case "http://wellformedweb.org/commentapi/": self = .wfw
        case "http://backend.userland.com/creativecommonsrssmodule": self = .creativeCommons
        case "http://web.resource.org/cc/", "http://creativecommons.org/ns#": self = .cc
        case "http://www.georss.org/georss", "http://www.georss.org/georss/": self = .georss
        case "http://www.opengis.net/gml", "http://www.opengis.net/gml/": self = .gml
        case "http://purl.org/rss/1.0/modules/slash/": self = .slash
        case "http://www.w3.org/xml/1998/namespace": self = .xml
        default: self = .other
        }
    }

    /// True for the namespaces whose elements are RSS core elements.
    var isRSSCore: Bool { self == .none || self == .rss10 || self == .rss090 }
    var isAtom: Bool { self == .atom10 || self == .atom03 }
}
