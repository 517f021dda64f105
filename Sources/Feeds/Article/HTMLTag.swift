import CLibXML2

/// Element kinds the article extractor distinguishes; everything else is `.other`.
enum HTMLTag: UInt8 {
    case text, other
    case html, head, body, title, meta, link, base, script, style, noscript, template
    case svg, math, iframe, frame, frameset, object, embed, canvas, map
    case form, button, select, option, textarea, input, label, fieldset, legend
    case nav, aside, footer, header, menu, dialog
    case article, main, section, div, p, span, a, br, hr
    case h1, h2, h3, h4, h5, h6
    case ul, ol, li, dl, dt, dd, blockquote, pre, code
    case table, thead, tbody, tfoot, tr, td, th, caption
    case figure, figcaption, img, picture, video, audio, source, time, address, center
    case details, summary, font, b, i, em, strong, u, small, sup, sub, abbr, cite, q, mark, wbr

    /// Lower-case name → tag, built once.
    static let byName: [String: HTMLTag] = {
        let all: [HTMLTag] = [
            .html, .head, .body, .title, .meta, .link, .base, .script, .style, .noscript, .template,
            .svg, .math, .iframe, .frame, .frameset, .object, .embed, .canvas, .map,
            .form, .button, .select, .option, .textarea, .input, .label, .fieldset, .legend,
            .nav, .aside, .footer, .header, .menu, .dialog,
            .article, .main, .section, .div, .p, .span, .a, .br, .hr,
            .h1, .h2, .h3, .h4, .h5, .h6,
            .ul, .ol, .li, .dl, .dt, .dd, .blockquote, .pre, .code,
            .table, .thead, .tbody, .tfoot, .tr, .td, .th, .caption,
            .figure, .figcaption, .img, .picture, .video, .audio, .source, .time, .address, .center,
            .details, .summary, .font, .b, .i, .em, .strong, .u, .small, .sup, .sub, .abbr, .cite, .q, .mark, .wbr,
        ]
        var table: [String: HTMLTag] = [:]
        for tag in all { table[String(describing: tag)] = tag }
        return table
    }()

    /// Subtrees never inspected for text (JSON-LD scripts are captured separately).
    var isSkippedSubtree: Bool {
        switch self {
        case .script, .style, .noscript, .template, .svg, .math, .iframe, .frame, .frameset,
             .object, .embed, .canvas, .map, .button, .select, .option, .textarea, .input, .dialog,
             .video, .audio, .picture, .source, .img:
            return true
        default:
            return false
        }
    }

    /// Elements that start and end a paragraph in the output text.
    var isBlock: Bool {
        switch self {
        case .html, .body, .article, .main, .section, .div, .p, .h1, .h2, .h3, .h4, .h5, .h6,
             .ul, .ol, .li, .dl, .dt, .dd, .blockquote, .pre, .table, .thead, .tbody, .tfoot,
             .tr, .caption, .figure, .figcaption, .address, .center, .details, .summary,
             .header, .footer, .nav, .aside, .form, .fieldset, .legend, .menu, .hr, .label:
            return true
        default:
            return false
        }
    }

    var isHeading: Bool {
        switch self {
        case .h1, .h2, .h3, .h4, .h5, .h6: return true
        default: return false
        }
    }

    /// Elements whose text counts as a paragraph for content scoring.
    var isParagraphLike: Bool {
        switch self {
        case .p, .pre, .blockquote, .li, .dd, .td, .h2, .h3, .h4: return true
        default: return false
        }
    }
}
