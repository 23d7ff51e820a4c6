/// The texts of the privacy officer's forms beyond the registers' first: an export uploaded
/// and verified, an incident of the register updated, a participant's report downloaded.
extension Catalogue {
    static let privacyForms: [String: Wording] = [
        // An export, uploaded and verified.
        "exportHeading": Wording("Vérifier un export du journal", en: "Verify an export of the log"),
        "exportExplain": Wording("Un export écrit par « parcours export log », compressé en zip (les cinq fichiers, à la racine ou dans un dossier). Il est vérifié comme le ferait n'importe qui, sans le magasin : chaque signature, chaque chaînage, l'arbre et les points de contrôle qu'il porte, signés par la clé de son log.vkey. Le fichier reste en mémoire le temps de la vérification ; il n'est jamais écrit sur le disque.",
                                 en: "An export written by “parcours export log”, zipped (the five files, at the top or in one folder). It is verified as anyone would, without the store: every signature, every link, the tree and the checkpoints it carries, signed by the key in its log.vkey. The file stays in memory while it is verified; it is never written to disk."),
        "exportFile": Wording("Export (fichier zip)", en: "Export (zip file)"),
        "exportLimit": Wording("Au plus", en: "At most"),
        "mebibytes": Wording("Mio", en: "MiB"),
        "exportButton": Wording("Téléverser et vérifier", en: "Upload and verify"),
        "exportMissingFile": Wording("Choisissez le fichier zip de l'export.", en: "Choose the export's zip file."),
        "exportTooLarge": Wording("Le fichier dépasse la taille permise ; vérifiez un export plus gros avec « parcours verify --export ».",
                                  en: "The file is larger than allowed; verify a larger export with “parcours verify --export”."),
        "exportNotAnArchive": Wording("Ce fichier n'est pas une archive zip lisible.", en: "This file is not a readable zip archive."),
        "exportUnsafePath": Wording("L'archive contient un chemin qui sort de son dossier (« .. », chemin absolu) : elle est refusée.",
                                    en: "The archive holds a path that leaves its folder (“..”, an absolute path): it is refused."),
        "exportUnexpected": Wording("L'archive contient autre chose que les cinq fichiers d'un export (log.vkey, events.jsonl, events.checkpoint, access.jsonl, access.checkpoint) dans un seul dossier.",
                                    en: "The archive holds something other than an export's five files (log.vkey, events.jsonl, events.checkpoint, access.jsonl, access.checkpoint) in one folder."),
        "exportMissing": Wording("Il manque à l'archive le fichier", en: "The archive lacks the file"),
        "exportExpanded": Wording("Décompressée, l'archive dépasserait la taille permise : elle est refusée.",
                                  en: "Unpacked, the archive would exceed the size allowed: it is refused."),
        "exportVerificationTitle": Wording("Vérification d'un export", en: "Verification of an export"),
        "exportIntact": Wording("Intact : les deux journaux de l'export sont intègres.", en: "Intact: both logs of the export are whole."),
        "exportIntactDetail": Wording("Chaque signature, chaque chaînage et chaque nœud de l'arbre concorde avec les points de contrôle de l'export, signés par la clé de son log.vkey. Comparez cette clé et ces racines à celles du programme.",
                                      en: "Every signature, every link and every tree node agrees with the export's checkpoints, signed by the key in its log.vkey. Compare that key and these roots with the program's."),
        "exportDamagedNext": Wording("Cet export n'est pas celui que le programme a signé, ou il a été modifié depuis. Conservez-le tel quel.",
                                     en: "This export is not the one the program signed, or it was changed since. Keep it as it is."),
        "exportUnreadable": Wording("L'export n'a pas pu être lu jusqu'au bout (un fichier illisible, une clé ou un point de contrôle mal formé) : aucun verdict.",
                                    en: "The export could not be read through (an unreadable file, a malformed key or checkpoint): no verdict."),
        // An incident of the register, updated.
        "updateSummary": Wording("Mettre à jour cet incident", en: "Update this incident"),
        "updateExplain": Wording("Changez ce qui a évolué (avis transmis, mesures prises, nouvelle évaluation) ; la mise à jour est inscrite au registre, l'incident d'origine reste lisible.",
                                 en: "Change what has moved on (notices sent, measures taken, a new assessment); the update is recorded in the register, the original incident stays readable."),
        "updateButton": Wording("Inscrire la mise à jour", en: "Record the update"),
        "updateRecorded": Wording("La mise à jour est inscrite au registre.", en: "The update is recorded in the register."),
        "updateRefused": Wording("Rien n'a été inscrit. À revoir —", en: "Nothing was recorded. To check —"),
        "nothingChanged": Wording("Aucun changement : modifiez au moins un élément.", en: "Nothing changed: change at least one element."),
        // A participant's report.
        "reportHeading": Wording("Rapport remis à une personne", en: "A participant's report"),
        "reportExplain": Wording("Sur demande de la personne : tout son dossier en français simple, les divulgations faites en vertu d'une obligation légale, et qui l'a consulté, quand et pourquoi. La demande est inscrite au journal des accès avant la lecture. Le fichier contient des renseignements personnels : remettez-le à la personne, puis supprimez-le.",
                                 en: "At the participant's request: the whole record in plain French, the disclosures made under a legal obligation, and who opened it, when and why. The request is recorded in the access log before the read. The file holds personal information: hand it to the person, then delete it."),
        "reportParticipant": Wording("Identifiant de la personne (ex. P-7Q4K2M)", en: "Participant's id (e.g. P-7Q4K2M)"),
        "reportButton": Wording("Télécharger le rapport (texte)", en: "Download the report (text)"),
        "reportBadID": Wording("un identifiant de personne, par exemple P-7Q4K2M", en: "a participant id, for example P-7Q4K2M"),
    ]
}
