import Foundation
import ParcoursClinical
import ParcoursLog

/// An entry of the register of confidentiality incidents (« registre des incidents de
/// confidentialité ») the Act respecting health and social services information
/// (R-22.1, s. 110) requires, with the eight elements of its regulation (R-22.1, r. 1,
/// s. 15; the general regulation, A-2.1, r. 3.1, s. 7, has the same eight, without the
/// notice to the Minister).
///
/// Every text is written by the privacy officer and kept **in clear** in the log
/// (stream `register/incidents`, which has no data key): it must never hold a name or
/// any detail that identifies a person. Days are `YYYY-MM-DD` (UTC).
public struct ConfidentialityIncident: Codable, Sendable, Equatable {
    /// 7° « les dates de transmission des avis au ministre, à la Commission d'accès à
    /// l'information et aux personnes concernées […] de même qu'une mention indiquant si
    /// des avis publics ont été donnés […] et la raison pour laquelle ils l'ont été ».
    /// A date left out is a notice not sent yet (an `incident.updated` adds it later).
    public struct Notices: Codable, Sendable, Equatable {
        /// Date de transmission de l'avis au ministre.
        public var ministerNotifiedOn: String?
        /// Date de transmission de l'avis à la Commission d'accès à l'information.
        public var commissionNotifiedOn: String?
        /// Date de transmission de l'avis aux personnes concernées.
        public var personsNotifiedOn: String?
        /// Des avis publics ont-ils été donnés ?
        public var publicNotice: Bool
        /// La raison pour laquelle ils l'ont été (requise si `publicNotice`).
        public var publicNoticeReason: String?

        public init(ministerNotifiedOn: String? = nil, commissionNotifiedOn: String? = nil, personsNotifiedOn: String? = nil,
                    publicNotice: Bool = false, publicNoticeReason: String? = nil) {
            self.ministerNotifiedOn = ministerNotifiedOn
            self.commissionNotifiedOn = commissionNotifiedOn
            self.personsNotifiedOn = personsNotifiedOn
            self.publicNotice = publicNotice
            self.publicNoticeReason = publicNoticeReason
        }

        static let members: Set<String> = ["ministerNotifiedOn", "commissionNotifiedOn", "personsNotifiedOn", "publicNotice",
                                           "publicNoticeReason"]
    }

    // 1° « une description des renseignements visés par l'incident ou, si cette information
    //    n'est pas connue, la raison justifiant l'impossibilité de fournir une telle description »

    /// 1° Renseignements visés : les catégories (au moins une, sauf si elles ne peuvent être décrites).
    public var categories: [InformationCategory]
    /// 1° Précisions sur les renseignements visés (facultatif ; jamais un nom).
    public var informationDetail: String?
    /// 1° La raison justifiant l'impossibilité de décrire les renseignements (seulement sans catégorie).
    public var informationUnknownReason: String?

    /// 2° Brève description des circonstances de l'incident.
    public var circumstances: String

    /// 3° Date (ou début de la période) où l'incident a eu lieu.
    public var occurredFrom: String
    /// 3° Fin de la période où l'incident a eu lieu (facultatif).
    public var occurredTo: String?
    /// 3° La date ou la période n'est pas connue : c'en est une approximation.
    public var occurredApproximate: Bool

    /// 4° Date (ou début de la période) où l'organisme a pris connaissance de l'incident.
    public var learnedOn: String
    /// 4° Fin de la période de prise de connaissance (facultatif).
    public var learnedTo: String?

    /// 5° Nombre de personnes concernées par l'incident.
    public var personsConcerned: Int
    /// 5° Ce nombre n'est pas connu : c'en est une approximation.
    public var personsApproximate: Bool

    /// 6° Les éléments qui amènent à conclure qu'il existe ou non un risque de préjudice
    /// sérieux : sensibilité des renseignements, utilisations malveillantes possibles,
    /// conséquences appréhendées, probabilité d'une utilisation préjudiciable.
    public var riskAssessment: String
    /// 6° La conclusion : l'incident présente-t-il un risque qu'un préjudice sérieux soit causé ?
    public var seriousInjuryRisk: Bool

    /// 7° Les avis transmis — requis si et seulement si `seriousInjuryRisk`.
    public var notices: Notices?

    /// 8° Brève description des mesures prises, à la suite de l'incident, afin de diminuer
    /// les risques qu'un préjudice soit causé.
    public var measures: String

    public init(categories: [InformationCategory], informationDetail: String? = nil, informationUnknownReason: String? = nil,
                circumstances: String, occurredFrom: String, occurredTo: String? = nil, occurredApproximate: Bool = false,
                learnedOn: String, learnedTo: String? = nil, personsConcerned: Int, personsApproximate: Bool = false,
                riskAssessment: String, seriousInjuryRisk: Bool, notices: Notices? = nil, measures: String) {
        self.categories = categories
        self.informationDetail = informationDetail
        self.informationUnknownReason = informationUnknownReason
        self.circumstances = circumstances
        self.occurredFrom = occurredFrom
        self.occurredTo = occurredTo
        self.occurredApproximate = occurredApproximate
        self.learnedOn = learnedOn
        self.learnedTo = learnedTo
        self.personsConcerned = personsConcerned
        self.personsApproximate = personsApproximate
        self.riskAssessment = riskAssessment
        self.seriousInjuryRisk = seriousInjuryRisk
        self.notices = notices
        self.measures = measures
    }

    /// The members of an incident, as the log stores them.
    public static let members: Set<String> = [
        "categories", "informationDetail", "informationUnknownReason", "circumstances", "occurredFrom", "occurredTo",
        "occurredApproximate", "learnedOn", "learnedTo", "personsConcerned", "personsApproximate", "riskAssessment",
        "seriousInjuryRisk", "notices", "measures",
    ]
    /// The members that may be left out (and that an update may remove with `null`).
    public static let optionalMembers: Set<String> = ["informationDetail", "informationUnknownReason", "occurredTo", "learnedTo", "notices"]

    /// The longest text of a description (circumstances, risk assessment, measures): brief, by law.
    public static let maxDescription = 4000
    /// The longest text of a detail or a reason.
    public static let maxDetail = 1000
}

// MARK: - Reading and validating

extension ConfidentialityIncident {
    /// Reads an incident from its JSON members and validates it; a refusal names the
    /// field and what would be accepted, never the value given.
    public init(json object: [String: JSONValue], now: Date = Date()) throws(ClinicalError) {
        let read = FieldReader(object: object, prefix: "")
        try read.onlyMembers(Self.members)
        let categoryValues = try read.array("categories")
        var categories: [InformationCategory] = []
        for (index, value) in categoryValues.enumerated() {
            guard let text = value.stringValue, let category = InformationCategory(rawValue: text) else {
                throw ClinicalError("categories[\(index)]", "one of \(InformationCategory.allCases.map(\.rawValue).joined(separator: ", "))",
                    fr: "une catégorie parmi : \(InformationCategory.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !categories.contains(category) else { throw ClinicalError("categories[\(index)]", "each category once", fr: "chaque catégorie une seule fois") }
            categories.append(category)
        }
        var notices: Notices?
        if let value = object["notices"] {
            guard let members = value.objectValue else { throw ClinicalError("notices", "an object {ministerNotifiedOn?, commissionNotifiedOn?, personsNotifiedOn?, publicNotice, publicNoticeReason?}",
                fr: "un objet {ministerNotifiedOn?, commissionNotifiedOn?, personsNotifiedOn?, publicNotice, publicNoticeReason?}") }
            let inner = FieldReader(object: members, prefix: "notices.")
            try inner.onlyMembers(Notices.members)
            notices = Notices(ministerNotifiedOn: try inner.string("ministerNotifiedOn", required: false),
                              commissionNotifiedOn: try inner.string("commissionNotifiedOn", required: false),
                              personsNotifiedOn: try inner.string("personsNotifiedOn", required: false),
                              publicNotice: try inner.bool("publicNotice"),
                              publicNoticeReason: try inner.string("publicNoticeReason", required: false))
        }
        self.init(categories: categories,
                  informationDetail: try read.string("informationDetail", required: false),
                  informationUnknownReason: try read.string("informationUnknownReason", required: false),
                  circumstances: try read.string("circumstances")!,
                  occurredFrom: try read.string("occurredFrom")!,
                  occurredTo: try read.string("occurredTo", required: false),
                  occurredApproximate: try read.bool("occurredApproximate"),
                  learnedOn: try read.string("learnedOn")!,
                  learnedTo: try read.string("learnedTo", required: false),
                  personsConcerned: try read.count("personsConcerned"),
                  personsApproximate: try read.bool("personsApproximate"),
                  riskAssessment: try read.string("riskAssessment")!,
                  seriousInjuryRisk: try read.bool("seriousInjuryRisk"),
                  notices: notices,
                  measures: try read.string("measures")!)
        try validate(now: now)
    }

    /// The rules of the register. Refuses naming the field and what would be accepted.
    public func validate(now: Date = Date()) throws(ClinicalError) {
        // 1° the information concerned, or why it cannot be described.
        if categories.isEmpty {
            guard let reason = informationUnknownReason else {
                throw ClinicalError("categories", "at least one of \(InformationCategory.allCases.map(\.rawValue).joined(separator: ", ")), "
                    + "or none with informationUnknownReason saying why the information cannot be described",
                        fr: "au moins une catégorie parmi : \(InformationCategory.allCases.map(\.rawValue).joined(separator: ", ")), "
                        + "ou aucune, avec informationUnknownReason qui explique pourquoi les renseignements ne peuvent être décrits")
            }
            try Self.text(reason, field: "informationUnknownReason", max: Self.maxDetail)
            guard informationDetail == nil else {
                throw ClinicalError("informationDetail", "only with categories; without them, say why in informationUnknownReason",
                    fr: "seulement avec des catégories : sans catégorie, expliquez pourquoi dans informationUnknownReason")
            }
        } else {
            guard informationUnknownReason == nil else {
                throw ClinicalError("informationUnknownReason", "only when no category can be given (categories empty)",
                    fr: "seulement quand aucune catégorie ne peut être donnée (categories vide)")
            }
            if let informationDetail { try Self.text(informationDetail, field: "informationDetail", max: Self.maxDetail) }
        }
        // 2° the circumstances.
        try Self.text(circumstances, field: "circumstances", max: Self.maxDescription)
        // 3° when it happened.
        try Self.day(occurredFrom, field: "occurredFrom", now: now)
        if let occurredTo {
            try Self.day(occurredTo, field: "occurredTo", now: now)
            guard occurredTo >= occurredFrom else { throw ClinicalError("occurredTo", "a day not before occurredFrom", fr: "une date qui ne précède pas occurredFrom") }
        }
        // 4° when the body learned of it.
        try Self.day(learnedOn, field: "learnedOn", now: now)
        guard learnedOn >= occurredFrom else { throw ClinicalError("learnedOn", "a day not before occurredFrom: an incident is learned of once it began",
            fr: "une date qui ne précède pas occurredFrom : on apprend un incident une fois qu'il a commencé") }
        if let learnedTo {
            try Self.day(learnedTo, field: "learnedTo", now: now)
            guard learnedTo >= learnedOn else { throw ClinicalError("learnedTo", "a day not before learnedOn", fr: "une date qui ne précède pas learnedOn") }
        }
        // 5° how many persons.
        guard personsConcerned >= 0 else { throw ClinicalError("personsConcerned", "an integer ≥ 0 (with personsApproximate if it is an estimate)",
            fr: "un nombre entier ≥ 0 (avec personsApproximate s'il s'agit d'une estimation)") }
        // 6° the risk of serious injury.
        try Self.text(riskAssessment, field: "riskAssessment", max: Self.maxDescription)
        // 7° the notices: if and only if the risk of serious injury is found.
        if seriousInjuryRisk {
            guard let notices else {
                throw ClinicalError("notices", "required when seriousInjuryRisk is true: {ministerNotifiedOn?, commissionNotifiedOn?, "
                    + "personsNotifiedOn?, publicNotice, publicNoticeReason?} (a date left out is a notice not sent yet)",
                        fr: "obligatoire quand seriousInjuryRisk est vrai (true) : {ministerNotifiedOn?, commissionNotifiedOn?, "
                        + "personsNotifiedOn?, publicNotice, publicNoticeReason?} (une date absente est un avis pas encore envoyé)")
            }
            for (field, date) in [("ministerNotifiedOn", notices.ministerNotifiedOn), ("commissionNotifiedOn", notices.commissionNotifiedOn),
                                  ("personsNotifiedOn", notices.personsNotifiedOn)] {
                guard let date else { continue }
                try Self.day(date, field: "notices." + field, now: now)
                guard date >= learnedOn else { throw ClinicalError("notices." + field, "a day not before learnedOn", fr: "une date qui ne précède pas learnedOn") }
            }
            if notices.publicNotice {
                guard let reason = notices.publicNoticeReason else {
                    throw ClinicalError("notices.publicNoticeReason", "required when publicNotice is true: why public notice was given",
                        fr: "obligatoire quand publicNotice est vrai (true) : pourquoi un avis public a été donné")
                }
                try Self.text(reason, field: "notices.publicNoticeReason", max: Self.maxDetail)
            } else if notices.publicNoticeReason != nil {
                throw ClinicalError("notices.publicNoticeReason", "only when publicNotice is true", fr: "seulement quand publicNotice est vrai (true)")
            }
        } else if notices != nil {
            throw ClinicalError("notices", "only when seriousInjuryRisk is true (the notices of s. 108 follow a risk of serious injury)",
                fr: "seulement quand seriousInjuryRisk est vrai (true) : les avis de l'art. 108 suivent un risque de préjudice sérieux")
        }
        // 8° the measures taken.
        try Self.text(measures, field: "measures", max: Self.maxDescription)
    }

    static func text(_ text: String, field: String, max: Int) throws(ClinicalError) {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ClinicalError(field, "a text that is not blank (never a name or an identifying detail)",
                fr: "un texte non vide (jamais un nom ni un détail qui permettrait d'identifier une personne)")
        }
        guard text.count <= max else { throw ClinicalError(field, "at most \(max) characters", fr: "au plus \(max) caractères") }
    }

    static func day(_ text: String, field: String, now: Date) throws(ClinicalError) {
        let components = try ClinicalDate.day(text, field: field)
        guard ClinicalDate.date(components) <= now else { throw ClinicalError(field, "a day that is not in the future, as YYYY-MM-DD",
            fr: "une date qui n'est pas dans le futur, au format AAAA-MM-JJ") }
    }

    /// The incident as the log stores it (optional members left out when absent).
    public var json: [String: JSONValue] {
        var object: [String: JSONValue] = [
            "categories": .array(categories.map { .string($0.rawValue) }),
            "circumstances": .string(circumstances),
            "occurredFrom": .string(occurredFrom),
            "occurredApproximate": .bool(occurredApproximate),
            "learnedOn": .string(learnedOn),
            "personsConcerned": .int(Int64(personsConcerned)),
            "personsApproximate": .bool(personsApproximate),
            "riskAssessment": .string(riskAssessment),
            "seriousInjuryRisk": .bool(seriousInjuryRisk),
            "measures": .string(measures),
        ]
        if let informationDetail { object["informationDetail"] = .string(informationDetail) }
        if let informationUnknownReason { object["informationUnknownReason"] = .string(informationUnknownReason) }
        if let occurredTo { object["occurredTo"] = .string(occurredTo) }
        if let learnedTo { object["learnedTo"] = .string(learnedTo) }
        if let notices {
            var inner: [String: JSONValue] = ["publicNotice": .bool(notices.publicNotice)]
            if let date = notices.ministerNotifiedOn { inner["ministerNotifiedOn"] = .string(date) }
            if let date = notices.commissionNotifiedOn { inner["commissionNotifiedOn"] = .string(date) }
            if let date = notices.personsNotifiedOn { inner["personsNotifiedOn"] = .string(date) }
            if let reason = notices.publicNoticeReason { inner["publicNoticeReason"] = .string(reason) }
            object["notices"] = .object(inner)
        }
        return object
    }
}

/// Reads typed members of a JSON object, naming the field in every refusal.
struct FieldReader {
    let object: [String: JSONValue]
    let prefix: String

    func onlyMembers(_ allowed: Set<String>) throws(ClinicalError) {
        if let unknown = object.keys.filter({ !allowed.contains($0) }).sorted().first {
            throw ClinicalError(prefix + unknown, "unknown member; accepted: \(allowed.sorted().joined(separator: ", "))",
                fr: "champ inconnu (champs acceptés : \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    func string(_ name: String, required: Bool = true) throws(ClinicalError) -> String? {
        guard let value = object[name] else {
            if required { throw ClinicalError(prefix + name, "required, a text", fr: "obligatoire, un texte") }
            return nil
        }
        guard let text = value.stringValue else { throw ClinicalError(prefix + name, "a text" + (required ? "" : ", or left out"),
            fr: "un texte" + (required ? "" : ", ou rien")) }
        return text
    }

    func bool(_ name: String) throws(ClinicalError) -> Bool {
        guard let value = object[name] else { throw ClinicalError(prefix + name, "required, true or false", fr: "obligatoire, vrai (true) ou faux (false)") }
        guard let truth = value.boolValue else { throw ClinicalError(prefix + name, "true or false", fr: "vrai (true) ou faux (false)") }
        return truth
    }

    func count(_ name: String) throws(ClinicalError) -> Int {
        guard let value = object[name] else { throw ClinicalError(prefix + name, "required, an integer ≥ 0", fr: "obligatoire, un nombre entier ≥ 0") }
        guard let number = value.intValue, number >= 0 else { throw ClinicalError(prefix + name, "an integer ≥ 0", fr: "un nombre entier ≥ 0") }
        return Int(number)
    }

    func array(_ name: String) throws(ClinicalError) -> [JSONValue] {
        guard let value = object[name] else { throw ClinicalError(prefix + name, "required, an array (possibly empty)", fr: "obligatoire, une liste (vide au besoin)") }
        guard let elements = value.arrayValue else { throw ClinicalError(prefix + name, "an array", fr: "une liste") }
        return elements
    }
}
