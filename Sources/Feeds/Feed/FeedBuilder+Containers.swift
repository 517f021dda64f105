/// Opening and closing containers: entries, sources, people, images, text inputs.
extension FeedBuilder {
    /// A container opened (leaves have nothing to set up).
    func opened(role: Role, name: String, namespace: XMLNamespace, attributes: [SAXAttribute]) {
        let cdfLink = kind == .cdf
            ? attributes.first { $0.localName.lowercased() == "href" }.map { URIResolver.resolve($0.value, against: currentBase) }
            : nil
        switch role {
        case .feed:
            if name == "channel" { refineKind(namespace: namespace) }
            if feedLanguage == nil { feedLanguage = currentLanguage }
            if let cdfLink {
                feed.link = cdfLink
                feed.links.append(Link(rel: "alternate", href: cdfLink, type: "text/html"))
            }
        case .entry:
            refineKind(namespace: namespace)
            if inEntry { openEntry.value = Entry() }  // an entry inside an entry starts afresh
            inEntry = true
            openEntry.value.language = currentLanguage
            if let cdfLink {
                openEntry.value.link = cdfLink
                openEntry.value.links.append(Link(rel: "alternate", href: cdfLink, type: "text/html"))
            }
        case .source:
            source = FeedMetadata()
        case .person:
            person = Person()
        case .image:
            image = FeedImage()
        case .textInput:
            textInput = []
        case .itunesCategory:
            if let term = attributes.first(where: { $0.localName == "text" })?.value, !term.isEmpty {
                addTag(Tag(term: term, scheme: "http://www.itunes.com/"))
            }
        case .geoContainer:
            if namespace == .gml && name != "exterior" && name != "LinearRing" {
                geometryType = name == "Envelope" ? "Box" : name
                // Positions are latitude first in WGS 84; other reference systems are kept as written.
                let srs = attributes.first { $0.localName == "srsName" }?.value.lowercased()
                geometrySwapsAxes = srs.map { $0.contains("4326") || $0.contains("4979") || $0.contains("wgs84") } ?? true
            }
        case .root, .mediaGroup, .leaf:
            break
        }
    }

    func closed(_ frame: Frame) {
        switch frame.role {
        case .leaf:
            routeLeaf(frame)
        case .entry:
            if inEntry {
                finishEntry(&openEntry.value)
                // Only a feed's entries are handed on as they close: items under another root are
                // dropped with the builder when the document is read as a page instead.
                if let kind, let entryReceiver {
                    openEntry.value.fillMissingID()
                    entryReceiver(&openEntry.value, kind)
                } else {
                    entries.append(openEntry.value)
                }
                openEntry.value = Entry()
            }
            inEntry = false
        case .source:
            if let source, inEntry { openEntry.value.source = source }
            source = nil
        case .person(let personRole):
            if let person, !person.isEmpty { attach(person, as: personRole) }
            person = nil
        case .image:
            if let image, frames.last?.role != .entry { feed.image = image }
            image = nil
        case .textInput:
            feed.textInput = textInput
            textInput = []
        case .root, .feed, .itunesCategory, .mediaGroup, .geoContainer:
            break
        }
    }

    /// The scope a value lands in: the open source, entry or the feed.
    var scopeIsEntry: Bool { inEntry && source == nil }

    func attach(_ person: Person, as role: PersonRole) {
        switch role {
        case .owner:
            if scopeIsEntry { openEntry.value.publisher = person } else { feed.publisher = person }
        case .author:
            if source != nil {
                source?.authors.append(person)
            } else if inEntry {
                openEntry.value.authors.append(person)
            } else {
                feed.authors.append(person)
            }
        case .contributor:
            if source != nil {
                source?.contributors.append(person)
            } else if inEntry {
                openEntry.value.contributors.append(person)
            } else {
                feed.contributors.append(person)
            }
        }
    }

    func addTag(_ tag: Tag) {
        if source != nil {
            source?.tags.appendUnique(tag)
        } else if inEntry {
            openEntry.value.tags.appendUnique(tag)
        } else {
            feed.tags.appendUnique(tag)
        }
    }

    func routeLeaf(_ frame: Frame) {
        let parent = frames.last?.role ?? .root
        switch parent {
        case .feed:
            applyFeedElement(frame, to: &feed)
        case .source:
            if var metadata = source {
                source = nil  // keep `metadata` uniquely referenced so its arrays are not copied
                applyFeedElement(frame, to: &metadata)
                source = metadata
            }
        case .entry, .mediaGroup, .itunesCategory:
            if inEntry {
                applyEntryElement(frame, to: &openEntry.value)
            } else if parent != .entry {
                applyFeedElement(frame, to: &feed)
            }
        case .person:
            applyPersonElement(frame)
        case .image:
            applyImageElement(frame)
        case .textInput:
            textInput.append((frame.name, trimmedText(frame)))
        case .geoContainer:
            applyGeometryElement(frame)
        case .root, .leaf:
            break
        }
    }

    func finishEntry(_ entry: inout Entry) {
        if entry.link == nil, entry.guidIsLink == true, let id = entry.id, URIResolver.isAbsolute(id) {
            entry.link = id
        } else if entry.guidIsLink == true {
            entry.guidIsLink = false
        }
        // The longest plain text among the contents and the summary (UTF-8 length: no grapheme counting).
        var best = ""
        for value in entry.content {
            let text = value.plainText
            if text.utf8.count > best.utf8.count { best = text }
        }
        if let summary = entry.summary {
            let text = summary.plainText
            if text.utf8.count > best.utf8.count { best = text }
        }
        entry.text = best
    }

    func finishFeed() {
        if feed.language == nil { feed.language = feedLanguage }
    }
}

extension Array where Element == Tag {
    /// Appends `tag` unless a tag with the same term and scheme is already there.
    mutating func appendUnique(_ tag: Tag) {
        if !contains(where: { $0.term == tag.term && $0.scheme == tag.scheme }) { append(tag) }
    }
}
