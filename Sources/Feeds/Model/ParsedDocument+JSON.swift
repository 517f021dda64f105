import Support

/// The JSON form of a parse result, one document per line (ARCHITECTURE.md "Parse output").
///
/// Members come in the order `source`, `kind`, `encoding`, `entries`, `feed`, `bozo`, `bozo_reason`: what
/// is known before the first entry, the entries, then what only the end of the document settles (channel
/// elements may follow the items; recovery may be needed anywhere). `newsgraph parse` can so write each
/// entry as it closes instead of holding a large feed's JSON until the end.
extension ParsedDocument {
    /// One line of JSON (without the trailing newline).
    public func jsonLine() -> String {
        var json = JSONWriter(reservingCapacity: 1024 + entries.count * 1024)
        write(to: &json)
        return json.string
    }

    /// Streams this document as one line of JSON, newline included, to `sink` in pieces of about
    /// 64 KiB: large feeds are written without building the whole line in memory.
    public func writeJSONLine(to sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        var json = JSONWriter(flushingTo: sink)
        write(to: &json)
        json.appendRaw("\n")
        json.flush()
    }

    /// Appends this document as JSON to `json`.
    public func write(to json: inout JSONWriter) {
        head.writeOpening(to: &json)
        writeClosing(to: &json)
    }

    /// What goes before the entries.
    var head: DocumentHead { DocumentHead(source: source, kind: kind, encoding: encoding) }

    /// This document's entries, then the rest of the line after the entries written before them:
    /// `],"feed":…,"bozo":…,"bozo_reason":…}`.
    func writeClosing(to json: inout JSONWriter) {
        for entry in entries { entry.write(to: &json) }
        json.endArray()
        json.key("feed")
        if let feed { feed.write(to: &json) } else { json.null() }
        json.key("bozo")
        json.bool(bozo)
        json.field("bozo_reason", bozoReason)
        json.endObject()
    }
}

/// What a document's JSON line starts with, known from the document's first element on.
struct DocumentHead {
    var source: String
    var kind: DocumentKind
    var encoding: String

    /// `{"source":…,"kind":…,"encoding":…,"entries":[`: the line up to its first entry.
    func writeOpening(to json: inout JSONWriter) {
        json.beginObject()
        json.field("source", source)
        json.field("kind", kind.rawValue)
        json.field("encoding", encoding)
        json.key("entries")
        json.beginArray()
    }
}

/// A document's JSON line written while the document is still being parsed (see `FeedParser.writeJSONLine`):
/// the opening with the first entry, each entry as it closes, the rest when the document ends.
final class StreamedJSONLine {
    private var json: JSONWriter
    private var opened = false

    init(sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        json = JSONWriter(flushingTo: sink)
    }

    func write(_ entry: inout Entry, head: DocumentHead) {
        if !opened {
            head.writeOpening(to: &json)
            opened = true
        }
        entry.write(to: &json)
    }

    /// Ends the line with what follows the entries (or writes all of it when no entry came).
    func finish(_ document: ParsedDocument) {
        if opened {
            document.writeClosing(to: &json)
        } else {
            document.write(to: &json)
        }
        json.appendRaw("\n")
        json.flush()
    }
}

extension TextValue {
    func writeDetail(to json: inout JSONWriter, valueWritten: JSONWriter.WrittenString? = nil) {
        json.beginObject()
        json.field("type", type)
        if language == nil && base == nil {
            json.members(#""language":null,"base":null"#)
        } else {
            json.field("language", language)
            json.field("base", base)
        }
        json.key("value")
        json.string(value, as: valueWritten)
        if let src { json.field("src", src) }
        json.endObject()
    }
}

extension JSONWriter {
    /// `"name": value, "name_detail": {...}` for a text construct, or `null`s.
    mutating func textField(_ name: StaticString, _ value: TextValue?, always: Bool = true) {
        // Unwrapped with `guard let`: `value != nil` on an Equatable payload goes through the generic
        // Optional `==`, which copies and destroys the value through its metadata.
        guard let value else {
            if always { nullMembers(name, suffix: "_detail") }
            return
        }
        key(name)
        let written = writtenString(value.value)
        key(name, suffix: "_detail")
        value.writeDetail(to: &self, valueWritten: written)
    }

    mutating func timestampField(_ name: StaticString, _ value: FeedTimestamp?, always: Bool = true) {
        guard let value else {
            if always { nullMembers(name, suffix: "_raw") }
            return
        }
        key(name)
        if let date = value.date {
            // Digits, dashes and colons: nothing to escape, and no `String` made for them.
            unescapedString(maxCount: FeedDate.iso8601Length) { date.writeISO8601(to: $0) }
        } else {
            null()
        }
        key(name, suffix: "_raw")
        string(value.raw)
    }

    mutating func person(_ person: Person) {
        beginObject()
        field("name", person.name)
        if person.email == nil && person.href == nil {
            members(#""email":null,"href":null"#)
        } else {
            field("email", person.email)
            field("href", person.href)
        }
        endObject()
    }

    mutating func personField(_ name: StaticString, _ person: Person?) {
        guard let person else { return }
        field(name, person.display)
        key(name, suffix: "_detail")
        self.person(person)
    }

    mutating func people(_ name: StaticString, _ people: [Person], always: Bool = true) {
        guard !people.isEmpty || always else { return }
        key(name)
        beginArray()
        for person in people { self.person(person) }
        endArray()
    }

    mutating func links(_ links: [Link]) {
        key("links")
        beginArray()
        // Fields read in place: binding each link would copy its six strings.
        for i in links.indices {
            beginObject()
            field("rel", links[i].rel)
            field("href", links[i].href)
            if links[i].type != nil { field("type", links[i].type) }
            if links[i].title != nil { field("title", links[i].title) }
            if links[i].hreflang != nil { field("hreflang", links[i].hreflang) }
            if links[i].length != nil { field("length", links[i].length) }
            endObject()
        }
        endArray()
    }

    mutating func tags(_ tags: [Tag]) {
        key("tags")
        beginArray()
        for tag in tags {
            beginObject()
            field("term", tag.term)
            if tag.scheme == nil && tag.label == nil {
                members(#""scheme":null,"label":null"#)
            } else {
                field("scheme", tag.scheme)
                field("label", tag.label)
            }
            endObject()
        }
        endArray()
    }

    mutating func extensions(_ values: [(String, ExtensionValue)]) {
        for (name, value) in values {
            key(named: name)
            switch value {
            case .string(let string): self.string(string)
            case .int(let int): number(int)
            case .bool(let bool): self.bool(bool)
            }
        }
    }

    mutating func pairs(_ name: StaticString, _ pairs: [(String, String)]) {
        guard !pairs.isEmpty else { return }
        key(name)
        beginObject()
        for (key, value) in pairs { field(named: key, value) }
        endObject()
    }
}

extension FeedMetadata {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.textField("title", title)
        json.field("link", link)
        json.links(links)
        json.textField("subtitle", subtitle)
        json.field("language", language)
        json.timestampField("updated", updated)
        json.timestampField("published", published, always: false)
        json.field("author", authors.first?.display)
        if let first = authors.first {
            json.key("author_detail")
            json.person(first)
        }
        json.people("authors", authors)
        json.people("contributors", contributors, always: false)
        json.personField("publisher", publisher)
        json.textField("rights", rights)
        json.textField("info", info, always: false)
        if let id { json.field("id", id) }
        if let generator {
            json.field("generator", generator.name)
            json.key("generator_detail")
            json.beginObject()
            json.field("name", generator.name)
            json.field("href", generator.href)
            json.field("version", generatorVersion)
            json.endObject()
        }
        json.key("image")
        if let image {
            json.beginObject()
            json.field("href", image.href)
            json.field("title", image.title)
            json.field("link", image.link)
            if let width = image.width {
                json.key("width")
                json.number(width)
            }
            if let height = image.height {
                json.key("height")
                json.number(height)
            }
            if let description = image.description { json.field("description", description) }
            json.endObject()
        } else {
            json.null()
        }
        if let icon { json.field("icon", icon) }
        if let logo { json.field("logo", logo) }
        json.tags(tags)
        if let docs { json.field("docs", docs) }
        if let ttl { json.field("ttl", ttl) }
        json.pairs("cloud", cloud)
        json.pairs("textinput", textInput)
        json.extensions(extensions)
        json.endObject()
    }
}

extension Entry {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", id)
        json.textField("title", title)
        json.field("link", link)
        json.links(links)
        json.timestampField("published", published)
        json.timestampField("updated", updated)
        json.timestampField("created", created, always: false)
        json.timestampField("expired", expired, always: false)
        json.field("author", author)
        if let first = authors.first {
            json.key("author_detail")
            json.person(first)
        }
        json.people("authors", authors)
        json.people("contributors", contributors, always: false)
        json.personField("publisher", publisher)
        json.textField("summary", summary)
        json.textField("subtitle", subtitle, always: false)
        if content.isEmpty {
            json.members(#""content":[]"#)
        } else {
            json.key("content")
            json.beginArray()
            for value in content { value.writeDetail(to: &json) }
            json.endArray()
        }
        json.textField("rights", rights, always: false)
        json.tags(tags)
        json.key("enclosures")
        json.beginArray()
        for enclosure in enclosures {
            json.beginObject()
            json.field("href", enclosure.href)
            json.field("type", enclosure.type)
            json.field("length", enclosure.length)
            json.endObject()
        }
        json.endArray()
        if let comments { json.field("comments", comments) }
        if let license { json.field("license", license) }
        if let guidIsLink {
            json.key("guidislink")
            json.bool(guidIsLink)
        }
        if let location {
            json.key("where")
            json.beginObject()
            json.field("type", location.type)
            json.key("coordinates")
            json.beginArray()
            for position in location.coordinates {
                json.beginArray()
                for value in position { json.number(value) }
                json.endArray()
            }
            json.endArray()
            json.endObject()
        }
        if let source {
            json.key("source")
            source.write(to: &json)
        }
        json.extensions(extensions)
        json.field("text", text)
        json.endObject()
    }
}
