/// The journey page's texts for the path chart, the rulers and the panel "who opened this
/// record", in both languages. A relapse is named as part of the path, never as a failure.
/// Keys with a `-` are read by Swift (`Catalogue.journeyWord`), not by the templates.
extension Catalogue {
    static let journey: [String: Wording] = [
        "pathTitle": Wording("Le parcours dans les deux modèles, dans le temps", en: "The path through both models, over time"),
        "pathDescription": Wording(
            "Deux pistes sur un même axe du temps, du début du suivi à aujourd'hui : en haut, les stades de la roue du changement ; "
                + "en bas, les étapes du cycle de l'engagement. Chaque point est une évaluation, chaque bande le temps passé à un stade "
                + "ou à une étape ; les chutes sont des périodes du parcours. Une longue période sans évaluation, à la fin, est resserrée "
                + "après une coupure de l'axe. Les mêmes données suivent en tableau.",
            en: "Two tracks on one time axis, from the start of the follow-up to today: above, the stages of the wheel of change; "
                + "below, the steps of the engagement cycle. Each point is an assessment, each band the time spent at a stage or a "
                + "step; relapses are periods of the path. A long time without assessment, at the end, is narrowed after a break in the "
                + "axis. The same data follow as a table."),
        "pathCaption": Wording(
            "Les allers-retours entre les stades sont normaux : une chute fait partie du parcours. Le tableau qui suit donne les mêmes évaluations.",
            en: "Moving back and forth between stages is normal: a relapse is part of the path. The table below gives the same assessments."),
        "wheelTrack": Wording("Roue du changement", en: "Wheel of change"),
        "engagementTrack": Wording("Cycle de l'engagement", en: "Engagement cycle"),
        "relapse": Wording("chute", en: "relapse"),
        "pathSilence": Wording("sans évaluation de l'étape", en: "no stage assessment"),
        "pathEmpty": Wording("Aucune évaluation de l'étape pour l'instant", en: "No stage assessment yet"),
        "tableCaption": Wording("Les évaluations de l'étape, de la plus ancienne à la plus récente",
                                en: "The stage assessments, from the earliest to the latest"),
        "date": Wording("Date", en: "Date"),
        "wheelStage": Wording("Stade de la roue", en: "Wheel stage"),
        "engagementStep": Wording("Étape du cycle", en: "Engagement step"),
        "importance": Wording("Importance du changement", en: "Importance of changing"),
        "confidence": Wording("Confiance en sa capacité", en: "Confidence in one's ability"),
        "rulersHeading": Wording("Importance et confiance, de 0 à 10", en: "Importance and confidence, from 0 to 10"),
        "rulersTitle": Wording("Les règles d'importance et de confiance dans le temps", en: "The importance and confidence rulers over time"),
        "rulersDescription": Wording(
            "Deux lignes sur l'axe du temps du parcours, de 0 à 10 : l'importance du changement pour la personne (trait plein, ronds) "
                + "et sa confiance en sa capacité (tirets, carrés), à chaque évaluation. Les valeurs sont dans le tableau des évaluations.",
            en: "Two lines on the path's time axis, from 0 to 10: how important changing is to the person (solid line, circles) and "
                + "confidence in one's ability (dashes, squares), at each assessment. The values are in the table of assessments."),
        "rulersCaption": Wording("Les valeurs de chaque évaluation sont dans le tableau ci-dessus.",
                                 en: "The values of each assessment are in the table above."),
        "openingsHeading": Wording("Qui a ouvert ce dossier", en: "Who opened this record"),
        "openingsIntro": Wording(
            "Les ouvertures récentes de ce dossier, telles que le journal des accès les inscrit : quand, qui, pour quoi. "
                + "Un bris de vitre est marqué pour révision ; un accès refusé n'a rien montré.",
            en: "The recent openings of this record, as the access log keeps them: when, who, for what. "
                + "A break-glass opening is marked for review; a refused access showed nothing."),
        "openingsCaption": Wording("Les plus récentes d'abord", en: "Most recent first"),
        "openingsNone": Wording("Aucune ouverture inscrite pour l'instant.", en: "No opening recorded yet."),
        "when": Wording("Quand", en: "When"),
        "who": Wording("Qui", en: "Who"),
        "what": Wording("Vue et catégories", en: "View and categories"),
        "purpose": Wording("Motif", en: "Purpose"),
        "outcome": Wording("Issue", en: "Outcome"),
        "permitted": Wording("permis", en: "permitted"),
        "refused": Wording("refusé", en: "refused"),
        "brokeGlass": Wording("bris de vitre — marqué pour révision", en: "break-glass — marked for review"),
        "allCategories": Wording("dossier complet", en: "whole record"),
        "noCategories": Wording("rien", en: "nothing"),
        "reason-identity not proven": Wording("identité non prouvée", en: "identity not proven"),
        "reason-unknown actor": Wording("identifiant inconnu", en: "unknown id"),
        "reason-revoked actor": Wording("accès révoqué", en: "revoked access"),
        "reason-role not permitted": Wording("rôle sans accès à cette vue", en: "role without access to this view"),
        "reason-refused": Wording("refusé", en: "refused"),
        "reason-not in the care team": Wording("hors de l'équipe de suivi", en: "not in the care team"),
        "reason-refused by the participant": Wording("refus de la personne", en: "refused by the participant"),
        "reason-no consent in force": Wording("aucun consentement en vigueur", en: "no consent in force"),
        "reason-not of the reader's organization": Wording("dossier d'une autre organisation", en: "another organization's record"),
        "reason-break-glass justification too short": Wording("justification trop courte", en: "justification too short"),
        "reason-unknown participant": Wording("dossier inconnu", en: "unknown record"),
        "reason-erased participant": Wording("dossier effacé", en: "erased record"),
    ]

    /// A text of the journey page's group, read by Swift (a chart, a vocabulary term of the access log).
    static func journeyWord(_ key: String, _ language: Language) -> String { journey[key]?(language) ?? key }
}
