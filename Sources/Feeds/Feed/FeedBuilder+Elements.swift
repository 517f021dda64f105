import Support

/// Where each element's value goes in the feed, an entry or a person.
extension FeedBuilder {
    func applyFeedElement(_ frame: Frame, to meta: inout FeedMetadata) {
        let ns = frame.namespace
        let core = ns.isRSSCore || ns.isAtom
        switch (core ? XMLNamespace.none : ns, frame.term) {
        case (.none, .title):
            meta.title = textValue(frame)
        case (.dc, .title) where meta.title == nil:
            meta.title = textValue(frame)
        case (.none, .link):
            if ns.isAtom || frame.attributes.contains(where: { $0.localName == "href" }) {
                applyAtomLink(frame, links: &meta.links, link: &meta.link)
            } else if let href = url(trimmedText(frame), frame) {
                if meta.link == nil { meta.link = href }
                meta.links.append(Link(rel: "alternate", href: href, type: "text/html"))
            }
        case (.none, .description) where !ns.isAtom:
            meta.subtitle = textValue(frame, defaultType: "text/html")
        case (.none, .tagline), (.none, .subtitle), (.none, .abstract):
            meta.subtitle = textValue(frame)
        case (.dc, .description), (.itunes, .summary), (.itunes, .subtitle):
            if meta.subtitle == nil { meta.subtitle = textValue(frame, defaultType: ns == .dc ? "text/html" : "text/plain") }
        case (.none, .info):
            meta.info = textValue(frame)
        case (.none, .copyright), (.none, .rights), (.dc, .rights):
            meta.rights = textValue(frame)
        case (.none, .language), (.dc, .language):
            meta.language = nonEmpty(trimmedText(frame))
        case (.none, .author) where !ns.isAtom:
            if let person = PersonParser.parse(trimmedText(frame)) { meta.authors.append(person) }
        case (.none, .managingeditor), (.dc, .creator), (.dc, .author):
            if let person = PersonParser.parse(trimmedText(frame)) { meta.authors.append(person) }
        case (.itunes, .author):
            if meta.authors.isEmpty, let person = PersonParser.parse(trimmedText(frame)) { meta.authors.append(person) }
        case (.none, .webmaster), (.dc, .publisher):
            meta.publisher = PersonParser.parse(trimmedText(frame))
        case (.dc, .contributor):
            if let person = PersonParser.parse(trimmedText(frame)) { meta.contributors.append(person) }
        case (.none, .pubdate), (.none, .issued), (.none, .published), (.dcterms, .issued):
            meta.published = timestamp(frame)
        case (.none, .lastbuilddate), (.none, .modified), (.none, .updated), (.dc, .date), (.dcterms, .modified):
            meta.updated = timestamp(frame)
        case (.none, .category), (.dc, .subject), (.media, .category):
            if let tag = category(frame) { addTagTo(&meta.tags, tag) }
        case (.itunes, .keywords), (.media, .keywords):
            for term in trimmedText(frame).split(separator: ",") {
                let term = term.trimmingWhitespace()
                if !term.isEmpty { addTagTo(&meta.tags, Tag(term: term, scheme: "http://www.itunes.com/")) }
            }
        case (.none, .generator):
            var generator = Person(name: nonEmpty(trimmedText(frame)))
            if let href = attribute(frame, "uri") ?? attribute(frame, "url") { generator.href = url(href, frame) }
            meta.generator = generator
            meta.generatorVersion = attribute(frame, "version")
        case (.none, .id):
            meta.id = nonEmpty(trimmedText(frame))
        case (.none, .icon):
            meta.icon = url(trimmedText(frame), frame)
        case (.none, .logo):
            meta.logo = url(trimmedText(frame), frame)
        case (.none, .docs):
            meta.docs = nonEmpty(trimmedText(frame))
        case (.none, .ttl):
            meta.ttl = nonEmpty(trimmedText(frame))
        case (.none, .cloud):
            meta.cloud = frame.attributes.map { ($0.localName, $0.value) }
        case (.itunes, .image):
            if let href = attribute(frame, "href") ?? nonEmpty(trimmedText(frame)) {
                var image = meta.image ?? FeedImage()
                image.href = url(href, frame)
                meta.image = image
            }
        case (.itunes, .block):
            meta.extensions.append(("itunes_block", .int(trimmedText(frame).lowercased() == "yes" ? 1 : 0)))
        case (.itunes, .explicit):
            meta.extensions.append(("itunes_explicit", .bool(Self.explicitFlag(String(decoding: frame.text, as: UTF8.self)))))
        default:
            break
        }
    }

    func applyEntryElement(_ frame: Frame, to entry: inout Entry) {
        let ns = frame.namespace
        let core = ns.isRSSCore || ns.isAtom
        switch (core ? XMLNamespace.none : ns, frame.term) {
        case (.none, .title):
            entry.title = textValue(frame)
        case (.dc, .title), (.media, .title):
            if entry.title == nil { entry.title = textValue(frame) }
        case (.none, .link):
            if ns.isAtom || frame.attributes.contains(where: { $0.localName == "href" }) {
                applyAtomLink(frame, links: &entry.links, link: &entry.link)
                if let last = entry.links.last, frame.attributes.contains(where: { $0.localName == "href" }) {
                    if last.rel == "enclosure" {
                        entry.enclosures.append(Enclosure(href: last.href, type: last.type, length: last.length))
                    } else if last.rel == "license" {
                        entry.license = last.href
                    }
                }
            } else if let href = url(trimmedText(frame), frame) {
                entry.link = href
                entry.links.append(Link(rel: "alternate", href: href, type: "text/html"))
                entry.guidIsLink = entry.guidIsLink == true ? false : entry.guidIsLink
            }
        case (.none, .description) where !ns.isAtom:
            entry.summary = textValue(frame, defaultType: "text/html")
        case (.none, .summary), (.none, .abstract):
            entry.summary = textValue(frame)
        case (.dc, .description), (.media, .description):
            if entry.summary == nil { entry.summary = textValue(frame, defaultType: "text/html") }
        case (.itunes, .summary):
            entry.summary = textValue(frame)
        case (.itunes, .subtitle):
            entry.subtitle = textValue(frame)
        case (.none, .content):
            var value = textValue(frame)
            if let src = attribute(frame, "src") { value.src = url(src, frame) }
            entry.content.append(value)
        case (.content, .encoded), (.none, .fullitem):
            entry.content.append(textValue(frame, defaultType: "text/html"))
        case (.none, .body), (.xhtml, .body):
            var value = textValue(frame, defaultType: "application/xhtml+xml")
            if !frame.holdsMarkup && ns == .xhtml { value.value = MarkupEscaping.escapedText(value.value) }
            entry.content.append(value)
        case (.none, .author) where !ns.isAtom, (.dc, .creator), (.dc, .author):
            if let person = PersonParser.parse(trimmedText(frame)) { entry.authors.append(person) }
        case (.itunes, .author):
            if entry.authors.isEmpty, let person = PersonParser.parse(trimmedText(frame)) { entry.authors.append(person) }
        case (.dc, .publisher):
            entry.publisher = PersonParser.parse(trimmedText(frame))
        case (.dc, .contributor):
            if let person = PersonParser.parse(trimmedText(frame)) { entry.contributors.append(person) }
        case (.none, .comments):
            entry.comments = url(trimmedText(frame), frame)
        case (.none, .guid):
            entry.id = nonEmpty(trimmedText(frame))
            let permalink = attribute(frame, "ispermalink") ?? attribute(frame, "isPermaLink")
            let notPermalink = permalink.map { $0 == "false" || $0.lowercased() == "false" } ?? false
            entry.guidIsLink = entry.link == nil && !notPermalink
        case (.none, .id):
            entry.id = nonEmpty(trimmedText(frame))
        case (.dc, .identifier) where entry.id == nil:
            entry.id = nonEmpty(trimmedText(frame))
        case (.none, .pubdate), (.none, .issued), (.none, .published), (.dcterms, .issued):
            entry.published = timestamp(frame)
        case (.none, .updated), (.none, .modified), (.dc, .date), (.dcterms, .modified):
            entry.updated = timestamp(frame)
        case (.none, .created), (.dcterms, .created):
            entry.created = timestamp(frame)
        case (.none, .expirationdate):
            entry.expired = timestamp(frame)
        case (.none, .category), (.dc, .subject), (.media, .category):
            if let tag = category(frame) { entry.tags.appendUnique(tag) }
        case (.itunes, .keywords), (.media, .keywords):
            for term in trimmedText(frame).split(separator: ",") {
                let term = term.trimmingWhitespace()
                if !term.isEmpty { entry.tags.appendUnique(Tag(term: term, scheme: "http://www.itunes.com/")) }
            }
        case (.none, .enclosure):
            if let href = attribute(frame, "url").flatMap({ url($0, frame) }) {
                let type = attribute(frame, "type")
                let length = attribute(frame, "length")
                entry.enclosures.append(Enclosure(href: href, type: type, length: length))
                entry.links.append(Link(rel: "enclosure", href: href, type: type, length: length))
            }
        case (.none, .source) where !ns.isAtom:
            var metadata = FeedMetadata()
            metadata.title = textValue(frame)
            if let href = attribute(frame, "url").flatMap({ url($0, frame) }) {
                metadata.link = href
                metadata.links.append(Link(rel: "alternate", href: href, type: "text/html"))
            }
            entry.source = metadata
        case (.none, .rights), (.none, .copyright), (.dc, .rights):
            entry.rights = textValue(frame)
        case (.creativeCommons, .license):
            entry.license = url(trimmedText(frame), frame)
        case (.cc, .license):
            entry.license = attribute(frame, "resource").flatMap { url($0, frame) } ?? url(trimmedText(frame), frame)
        case (.wfw, .comment):
            if let value = url(trimmedText(frame), frame) { entry.extensions.append(("wfw_comment", .string(value))) }
        case (.wfw, .commentrss):
            if let value = url(trimmedText(frame), frame) { entry.extensions.append(("wfw_commentrss", .string(value))) }
        case (.itunes, .block):
            entry.extensions.append(("itunes_block", .int(trimmedText(frame).lowercased() == "yes" ? 1 : 0)))
        case (.itunes, .explicit):
            entry.extensions.append(("itunes_explicit", .bool(Self.explicitFlag(String(decoding: frame.text, as: UTF8.self)))))
        case (.itunes, .duration):
            entry.extensions.append(("itunes_duration", .string(trimmedText(frame))))
        case (.georss, _):
            if let geometry = GeoParser.georss(frame.name, trimmedText(frame)) { entry.location = geometry }
        default:
            break
        }
    }

    func applyPersonElement(_ frame: Frame) {
        let value = nonEmpty(trimmedText(frame))
        switch frame.name {
        case "name": person?.name = value
        case "email": person?.email = value
        case "uri", "url", "homepage": person?.href = value.flatMap { url($0, frame) }
        default: break
        }
    }

    func applyImageElement(_ frame: Frame) {
        let value = nonEmpty(trimmedText(frame))
        switch frame.name {
        case "url": image?.href = value.flatMap { url($0, frame) }
        case "title": image?.title = value
        case "link": image?.link = value.flatMap { url($0, frame) }
        case "width": image?.width = value.flatMap { Int($0) }
        case "height": image?.height = value.flatMap { Int($0) }
        case "description": image?.description = value
        default: break
        }
    }

    func applyGeometryElement(_ frame: Frame) {
        guard frame.namespace == .gml || frame.namespace == .georss else { return }
        let text = trimmedText(frame)
        if frame.namespace == .georss, let geometry = GeoParser.georss(frame.name, text) {
            if inEntry { openEntry.value.location = geometry }
            return
        }
        let dimension = attribute(frame, "srsDimension").flatMap { Int($0) } ?? (geometryType == "Point" && frame.name == "pos" ? 0 : 2)
        guard let type = geometryType,
            let geometry = GeoParser.gml(type: type, element: frame.name, text, dimension: dimension, swapAxes: geometrySwapsAxes)
        else {
            return
        }
        guard inEntry else { return }
        if frame.name == "upperCorner", let previous = openEntry.value.location, previous.type == "Box" {
            openEntry.value.location = Geometry(type: "Box", coordinates: previous.coordinates + geometry.coordinates)
        } else {
            openEntry.value.location = geometry
        }
    }

    // MARK: - Values

    func addTagTo(_ tags: inout [Tag], _ tag: Tag) { tags.appendUnique(tag) }

    static func explicitFlag(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "yes", "explicit", "true": return true
        case "no", "clean", "false": return false
        default: return nil
        }
    }

    func attribute(_ frame: Frame, _ name: String) -> String? {
        // Read in place: binding a whole attribute would retain and release each of its strings.
        for i in frame.attributes.indices where frame.attributes[i].localName == name {
            let namespace = frame.attributes[i].namespace
            if namespace == .none || namespace == frame.namespace || namespace == .rdf { return frame.attributes[i].value }
        }
        return nil
    }

    /// The element's text without surrounding ASCII whitespace (trimmed as bytes, decoded once).
    func trimmedText(_ frame: Frame) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: frame.text[frame.text.rangeTrimmingASCIIWhitespace()]), as: UTF8.self)
    }

    func nonEmpty(_ value: String) -> String? { value.isEmpty ? nil : value }

    func url(_ value: String, _ frame: Frame) -> String? {
        let value = value.trimmingWhitespace()
        guard !value.isEmpty else { return nil }
        return URIResolver.resolve(value, against: base(of: frame))
    }

    func timestamp(_ frame: Frame) -> FeedTimestamp? {
        let raw = trimmedText(frame)
        return raw.isEmpty ? nil : FeedTimestamp(raw: raw)
    }

    func category(_ frame: Frame) -> Tag? {
        if let term = attribute(frame, "term") {
            return Tag(term: term, scheme: attribute(frame, "scheme").flatMap(nonEmpty), label: attribute(frame, "label").flatMap(nonEmpty))
        }
        let text = trimmedText(frame)
        guard !text.isEmpty else { return nil }
        var scheme = attribute(frame, "domain") ?? attribute(frame, "scheme")
        if frame.namespace == .media && scheme == nil { scheme = "http://search.yahoo.com/mrss/category_schema" }
        return Tag(term: text, scheme: scheme.flatMap(nonEmpty), label: attribute(frame, "label").flatMap(nonEmpty))
    }

    func applyAtomLink(_ frame: Frame, links: inout [Link], link: inout String?) {
        guard let rawHref = attribute(frame, "href") else { return }
        let href = URIResolver.resolve(rawHref.trimmingWhitespace(), against: base(of: frame))
        let rel = attribute(frame, "rel").flatMap(nonEmpty) ?? "alternate"
        var type = attribute(frame, "type").flatMap(nonEmpty)
        if type == nil && rel == "self" { type = "application/atom+xml" }
        if type == nil && rel == "alternate" { type = "text/html" }
        links.append(
            Link(rel: rel, href: href, type: type, title: attribute(frame, "title").flatMap(nonEmpty),
                 hreflang: attribute(frame, "hreflang").flatMap(nonEmpty), length: attribute(frame, "length").flatMap(nonEmpty)))
        if rel == "alternate" && link == nil { link = href }
    }
}
