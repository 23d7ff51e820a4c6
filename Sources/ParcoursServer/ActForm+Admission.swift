import ParcoursClinical

extension ActForm {
    /// The admission of a new participant: the use case gives her or him a pseudonymous id.
    static let admission: [ActForm] = [
        ActForm(
            type: .participantEnrolled, slug: "admission", moment: .admission,
            title: Wording("Admission d'une personne", en: "Admitting a person"),
            recorded: Wording("Admission enregistrée.", en: "Admission recorded."),
            guidance: [
                Wording("Le programme accueille les personnes de 12 à 24 ans qui reconnaissent être ou avoir été en situation d'exploitation sexuelle. La participation est volontaire : elle n'est jamais imposée ni utilisée pour contraindre à des services.",
                        en: "The program welcomes people aged 12 to 24 who recognize being or having been in a situation of sexual exploitation. Participation is voluntary: never imposed, never used to force services."),
                Wording("L'admission demande que la personne reconnaisse les méfaits liés à la marchandisation des services sexuels, même si elle n'est pas encore décidée à changer. Le premier pas : bâtir la confiance et définir avec elle les problèmes qu'elle perçoit.",
                        en: "Admission needs the person to recognize the harms of the commodification of sexual services, even if not yet decided to change. The first step: building trust and defining with her or him the problems she or he perceives."),
                Wording("Le nom et la date de naissance restent scellés dans le dossier ; la personne y est ensuite désignée par un identifiant pseudonyme.",
                        en: "The name and date of birth stay sealed in the record; the person is then named by a pseudonymous id."),
            ],
            fields: [
                .actDay(Wording("Date d'admission", en: "Date of admission")),
                FormField("identity.name", Wording("Nom", en: "Name"), .text, required: true),
                FormField("identity.dateOfBirth", Wording("Date de naissance", en: "Date of birth"), .day,
                          hint: Wording("De 12 à 24 ans à l'admission.", en: "Aged 12 to 24 at admission."), required: true),
                FormField("identity.contact", Wording("Comment joindre la personne", en: "How to reach the person"), .text),
                FormField("genderIdentity", Wording("Identité de genre", en: "Gender identity"), .choice(genders), required: true),
                FormField("preferredLanguage", Wording("Langue préférée", en: "Preferred language"), .text(suggestions: ["fr", "en"]),
                          hint: Wording("Par exemple fr ou en.", en: "For example fr or en."), required: true, initial: "fr"),
                FormField("referringOrganization", Wording("Organisation qui oriente la personne", en: "Referring organization"),
                          .text(suggestions: ["CCSMTL", "CODIM", "SPVM — Les Survivantes", "Fondation Marie-Vincent", "En Marge 12-17", "L'Anonyme"]),
                          required: true),
                FormField("voluntary", Wording("La personne participe de son plein gré", en: "The person takes part of her or his own free will"), .yesNo),
                FormField("recognizesHarms", Wording("La personne reconnaît les méfaits, même si elle n'est pas encore décidée à changer",
                                                     en: "The person recognizes the harms, even if not yet decided to change"), .yesNo),
                FormField("notes", Wording("Notes", en: "Notes"), .longText),
            ]),
    ]

    /// Gender identities as the program lists them (an open list: `other` for any other).
    static let genders = [
        Option("woman", Wording("femme", en: "woman")), Option("man", Wording("homme", en: "man")),
        Option("trans woman", Wording("femme trans", en: "trans woman")), Option("trans man", Wording("homme trans", en: "trans man")),
        Option("non-binary", Wording("non binaire", en: "non-binary")), Option("two-spirit", Wording("bispirituel·le", en: "two-spirit")),
        Option("other", Wording("autre", en: "other")),
    ]
}
