extension Catalogue {
    /// The recording forms' pages: the list of acts, each act's form, the admission.
    static let forms: [String: Wording] = [
        "recordAnAct": Wording("Consigner un acte", en: "Record an act"),
        "listTitle": Wording("Consigner un acte", en: "Record an act"),
        "listIntro": Wording("Les actes que vous pouvez consigner dans ce dossier, par moment du suivi.",
                             en: "The acts you may record in this record, by moment of the follow-up."),
        "nothingToRecord": Wording("Vous ne pouvez consigner aucun acte dans ce dossier pour l'instant.",
                                   en: "You may not record any act in this record for now."),
        "closedNote": Wording("Le suivi est fermé : il peut être rouvert si la personne le souhaite.",
                              en: "The follow-up is closed: it can be reopened if the person wishes."),
        "admittedOn": Wording("Admission consignée le", en: "Admission recorded on"),
        "backToJourney": Wording("Retour au parcours", en: "Back to the journey"),
        "admit": Wording("Admettre une personne", en: "Admit a person"),
        "nothingRecorded": Wording("Rien n'a été enregistré", en: "Nothing was recorded"),
        "formAsAWhole": Wording("Formulaire", en: "Form"),
        "caution": Wording("Prudence.", en: "Caution."),
        "optional": Wording("(facultatif)", en: "(optional)"),
        "choose": Wording("— choisir —", en: "— choose —"),
        "submit": Wording("Enregistrer", en: "Record"),
        "cancel": Wording("Annuler", en: "Cancel"),
        "alreadyRecorded": Wording("Cette inscription était déjà enregistrée ; rien de plus n'a été écrit.",
                                   en: "This entry was already recorded; nothing more was written."),
        "notOfferedHeading": Wording("Formulaire non offert", en: "Form not offered"),
        "notOffered": Wording("Cet acte ne peut pas être consigné dans ce dossier par vous, ou pas pour l'instant. Rien n'a été modifié.",
                              en: "This act cannot be recorded in this record by you, or not for now. Nothing was changed."),
        "notFound": Wording("Aucun formulaire à cette adresse.", en: "No form at this address."),
    ]
}
