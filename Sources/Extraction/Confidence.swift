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

/// A hand-weighted logistic score over ``ConfidenceFeatures`` (weights tuned on CaRB dev by
/// comparing AUC; see README). Facts from main clauses with named subjects and direct objects in
/// short sentences score highest; inherited subjects, long phrases and long sentences lower it.
enum Confidence {
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
