import Foundation
import ParcoursApp

/// The researcher's request of an export, as she typed it: read from the form, kept whole to be
/// shown again, and checked field by field (each refusal beside its field) before it becomes the
/// `ResearchExportRequest` the command line makes too.
struct ResearchRequestForm: Sendable, Equatable {
    enum Kind: String, Sendable, CaseIterable { case deidentified, aggregate }

    var project = ""
    var kind = Kind.deidentified.rawValue
    var k = "5"
    var maxSuppressed = "0.05"
    var months = false
    var epsilon = ""

    /// A blank request: the command line's defaults.
    init() {}

    init(_ form: WebForm) {
        project = (form["project"] ?? "").trimmingCharacters(in: .whitespaces)
        kind = form["kind"] ?? ""
        k = (form["k"] ?? "").trimmingCharacters(in: .whitespaces)
        maxSuppressed = (form["maxSuppressed"] ?? "").trimmingCharacters(in: .whitespaces)
        months = form["months"] == "true"
        epsilon = (form["epsilon"] ?? "").trimmingCharacters(in: .whitespaces)
    }

    /// The request, or each field's refusal in `language` (nothing is made then).
    func request(in language: Language) -> Result<ResearchExportRequest, Refusals> {
        let words = Catalogue.research
        var errors: [FieldError] = []
        func refuse(_ field: String, _ key: String) { errors.append(FieldError(field: field, message: words[key]!(language))) }
        let request = ResearchExportRequest(project: project)
        if (try? request.validate()) == nil { refuse("project", "projectInvalid") }
        let number = { (text: String) in Double(text.replacingOccurrences(of: ",", with: ".")).flatMap { $0.isFinite ? $0 : nil } }
        var method = ResearchExportRequest.Method.deidentified()
        switch Kind(rawValue: kind) {
        case .deidentified:
            let k = Int(self.k), fraction = number(maxSuppressed)
            if k.map({ (2...1_000).contains($0) }) != true { refuse("k", "kInvalid") }
            if fraction.map({ (0...1).contains($0) }) != true { refuse("maxSuppressed", "maxSuppressedInvalid") }
            if !epsilon.isEmpty { refuse("epsilon", "epsilonOnlyAggregate") }
            method = .deidentified(k: k ?? 5, months: months, maxSuppressed: fraction ?? 0.05)
        case .aggregate:
            let epsilon = number(self.epsilon)
            if epsilon.map({ $0 > 0 && $0 <= 10 }) != true { refuse("epsilon", "epsilonInvalid") }
            method = .aggregate(epsilon: epsilon ?? 1)
        case nil: refuse("kind", "kindInvalid")
        }
        guard errors.isEmpty else { return .failure(Refusals(errors: errors)) }
        return .success(ResearchExportRequest(project: project, method: method))
    }

    /// The refusals of a request, each beside its field.
    struct Refusals: Error { var errors: [FieldError] }

    /// The refusal of the use case itself, beside the field it names, in the form's words.
    static func refusal(field: String, in language: Language) -> FieldError {
        let key = ["project": "projectInvalid", "k": "kInvalid", "maxSuppressed": "maxSuppressedInvalid", "epsilon": "epsilonInvalid"][field]
        return FieldError(field: key == nil ? "" : field, message: Catalogue.research[key ?? "nothingMade"]!(language))
    }
}
