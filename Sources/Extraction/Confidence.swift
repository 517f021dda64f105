import Foundation

/// Features of a fact used to estimate how likely it is correct.
struct ConfidenceFeatures: Sendable {
    var clauseType = "root"
    var subjectNamed = false
    var subjectPronoun = false
    var hasObject = false
    var clausalObject = false
    var argCount = 0
    var sentenceLength = 0
    var relationLength = 1
    var passive = false
    var copula = false
    var inheritedSubject = false
    var subjectLength = 1
    var objectLength = 0
}

/// Confidence in two stages: a hand-weighted logistic score over ``ConfidenceFeatures`` (clause type,
/// subject, object, lengths), then a logistic calibration over the fact's shape fitted on CaRB dev
/// (each prediction labelled with its best CaRB match precision): a second argument matters most,
/// longer relation phrases help, copular `is` facts and long subjects count against.
enum Confidence {
    /// Calibrated confidence from the first-stage score and the fact's CaRB shape.
    static func calibrated(_ base: Double, relation: String, args: [String], sentenceLength: Int, pronounSubject: Bool) -> Double {
        let p = min(max(base, 1e-4), 1 - 1e-4)
        let a1 = min(Double(wordCount(args.first ?? "")), 20) / 10
        let a2 = min(Double(args.dropFirst().reduce(0) { $0 + wordCount($1) }), 30) / 10
        var z = -3.648 + 0.536 * log(p / (1 - p))
        z += -0.223 * a1 + 0.22 * a2 + 1.38 * Double(wordCount(relation)) / 5 + 0.166 * Double(sentenceLength) / 30
        z += pronounSubject ? 0.043 : 0
        z += args.count > 1 ? 3.414 : 0
        z += -0.545 * Double(args.count) / 3
        switch relation {
        case "is", "was", "are", "were": z -= 0.76
        default: break
        }
        z += relation == "by" || relation.hasSuffix(" by") ? -0.353 : 0
        let q = 1 / (1 + exp(-z))
        return (q * 1000).rounded() / 1000
    }

    /// The number of space-separated words (what `split(separator: " ").count` gives, without allocating).
    static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for byte in text.utf8 {
            if byte == 0x20 {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }

    static func score(_ f: ConfidenceFeatures) -> Double {
        var z = 0.9
        switch f.clauseType {
        case "root": z += 0.5
        case "conj": z += 0.1
        case "ccomp", "parataxis": z -= 0.2
        case "advcl", "xcomp": z -= 0.3
        case "acl:relcl", "acl": z -= 0.4
        case "appos": z -= 0.2
        default: z -= 0.2
        }
        if f.subjectNamed { z += 0.4 }
        if f.subjectPronoun { z -= 0.3 }
        if f.hasObject { z += 0.4 } else { z -= 0.3 }
        if f.clausalObject { z -= 0.4 }
        if f.passive { z -= 0.1 }
        if f.copula { z -= 0.1 }
        if f.inheritedSubject { z -= 0.3 }
        z -= 0.02 * Double(max(0, f.sentenceLength - 15))
        z -= 0.05 * Double(max(0, f.subjectLength - 4))
        z -= 0.03 * Double(max(0, f.objectLength - 6))
        z -= 0.1 * Double(max(0, f.relationLength - 3))
        z -= 0.1 * Double(max(0, f.argCount - 2))
        let p = 1 / (1 + exp(-z))
        return (p * 1000).rounded() / 1000
    }
}
