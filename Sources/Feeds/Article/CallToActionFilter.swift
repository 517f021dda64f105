/// Recognises short promotional paragraphs ("Subscribe to our newsletter", "Follow us on Telegram")
/// that sites place inside the article body.
enum CallToActionFilter {
    /// Paragraphs longer than this are treated as prose whatever they mention.
    static let maxLength = 260

    /// ASCII-lower-cased phrases; matching is on bytes, so accented phrases are written in UTF-8 as-is.
    static let phrases: [[UInt8]] = [
        "newsletter", "subscribe", "subscription", "sign up", "signing up", "canal de telegram", "whatsapp-kanal",
        "follow us", "suscríbete", "suscribete", "abonnieren", "abonniere",
        "all rights reserved", "alle rechte vorbehalten",
        "derechos reservados", "copyright ©", "© 20", "not responsible for the opinions",
        "letter to the editor", "nichts mehr verpassen", "nichts mehr versäumen", "gefällt dir unser",
        "support our journalism", "advertise with", "síguenos en", "siguenos en",
    ].map { Array($0.utf8) }

    static func isCallToAction(_ paragraph: [UInt8]) -> Bool {
        guard paragraph.count <= maxLength else { return false }
        let lower = paragraph.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        for phrase in phrases where phrase.count <= lower.count {
            let first = phrase[0]
            var i = 0
            let last = lower.count - phrase.count
            while i <= last {
                if lower[i] == first {
                    var k = 1
                    while k < phrase.count && lower[i + k] == phrase[k] { k += 1 }
                    if k == phrase.count { return true }
                }
                i += 1
            }
        }
        return false
    }
}
