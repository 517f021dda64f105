/// Finds headings such as "Comments" or "Related articles" inside the selected content and drops
/// them together with everything that follows them in the same container.
enum SectionCutter {
    /// Lower-cased labels (trailing colon removed) that introduce non-article sections.
    static let labels: Set<String> = [
        // English
        "comments", "comment", "leave a comment", "leave a reply", "post a comment", "add a comment",
        "related", "related articles", "related posts", "related stories", "related content", "related news",
        "you might also like", "you may also like", "you might like", "more stories", "more from",
        "about the author", "about the authors", "share this", "share this article", "share this post",
        "recommended", "recommended for you", "most read", "most popular", "popular posts",
        "read next", "read more", "also read", "more on this",
        "sign up for our newsletter",
        // German
        "kommentare", "kommentar", "kommentar schreiben", "kommentar verfassen", "kommentare schreiben",
        "schreibe einen kommentar", "hinterlasse einen kommentar", "ähnliche beiträge", "ähnliche artikel",
        "verwandte artikel", "verwandte beiträge", "mehr zum thema", "weitere informationen", "auch interessant",
        "das könnte sie auch interessieren", "das könnte dich auch interessieren", "lesen sie auch",
        "über den autor", "über die autorin",
        "weitere artikel", "meistgelesen", "meistgelesene artikel", "schlagwörter", "schlagworte",
        "noch mehr infos für dich", "weiterführende informationen", "weiterführende links",
        "mehr lesen", "empfehlungen", "mehr artikel",
        // Spanish / Portuguese / French / Italian / Dutch / Polish
        "relacionadas", "noticias relacionadas", "artículos relacionados", "comentarios", "te puede interesar",
        "lo más leído", "leia também", "leia mais", "comentários", "veja também",
        "commentaires", "aller plus loin", "pour aller plus loin", "à lire aussi", "a lire aussi", "sur le même sujet", "articles similaires", "lire aussi",
        "commenti", "leggi anche", "articoli correlati", "reacties", "gerelateerd", "lees ook",
        "komentarze", "czytaj także", "zobacz też", "podobne artykuły",
    ]

    /// Label beginnings that introduce link lists ("Mehr zum Thema auf …", "More from …").
    static let cutPrefixes: [String] = [
        "mehr zum thema", "weitere artikel", "mehr aus ", "more from ", "related ", "ähnliche ", "das könnte ",
        "auch interessant", "lesen sie auch", "weitere aktuelle", "mehr artikel", "more stories", "you may also",
        "you might also", "noch mehr ", "entdecke weitere", "entdecken sie weitere", "weitere themen",
        "read more ", "recommended ", "most popular", "most read",
    ]

    /// Labels of inline clutter (ad slots, share bars): only the labelled element is dropped.
    static let dropLabels: Set<String> = [
        "advertisement", "sponsored", "anzeige", "werbung", "publicidad", "publicité", "pubblicità",
        "teilen", "artikel teilen", "beitrag teilen", "share", "share this", "share on", "compartir", "partager",
        "subscribe", "newsletter", "tags", "schlagwörter", "schlagworte", "themen",
    ]

    static func cut(_ tree: DOMTree, roots: [Int], stats: TextStats, removed: inout [Bool]) {
        var budget = 50  // labels handled per page; each may scan the rest of its root once
        for root in roots {
            let end = tree.subtreeEnd(root)
            var i = root + 1
            while i < end {
                defer { i += 1 }
                if removed[i] { continue }
                let node = tree.nodes[i]
                guard node.tag != .text, stats.chars[i] >= 4, stats.chars[i] <= 45,
                      tree.subtreeEnd(i) - i <= 24 else { continue }
                switch node.tag {
                case .h1, .h2, .h3, .h4, .h5, .h6, .p, .div, .span, .strong, .b, .dt, .legend, .section, .header:
                    break
                default:
                    continue
                }
                var label = tree.collapsedText(of: i).lowercased()
                while let last = label.last, last == ":" || last == " " || last == "." || last == "…" { label.removeLast() }
                let isCut = labels.contains(label) || cutPrefixes.contains(where: { label.hasPrefix($0) })
                guard isCut || dropLabels.contains(label) else { continue }
                if budget == 0 { return }
                budget -= 1
                // Climb through wrappers holding exactly this text.
                var top = i
                while true {
                    let p = Int(tree.nodes[top].parent)
                    if p < 0 || p == root || stats.chars[p] != stats.chars[top] { break }
                    top = p
                }
                removed[top] = true
                // A section label near the end: drop what follows it too.
                if isCut && trailingChars(tree, after: tree.subtreeEnd(top), end: end, removed: removed) * 2 <= Int(stats.chars[root]) {
                    var sibling = Int(tree.nodes[top].nextSibling)
                    while sibling >= 0 {
                        removed[sibling] = true
                        sibling = Int(tree.nodes[sibling].nextSibling)
                    }
                }
                let skipTo = tree.subtreeEnd(top)
                i = skipTo - 1
            }
        }
    }

    /// Visible characters of text nodes in `start..<end` whose ancestors are not removed.
    static func trailingChars(_ tree: DOMTree, after start: Int, end: Int, removed: [Bool]) -> Int {
        var total = 0
        var i = start
        while i < end {
            if removed[i] { i = tree.subtreeEnd(i); continue }
            if tree.nodes[i].tag == .text { total += Int(tree.nodes[i].chars) }
            i += 1
        }
        return total
    }
}
