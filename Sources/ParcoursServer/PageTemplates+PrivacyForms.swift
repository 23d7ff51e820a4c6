/// The privacy officer's forms beyond the registers' first, as partials of her pages: an
/// export uploaded to verify and a participant's report to download (on her home), an
/// incident's update (under each incident of the register). No script.
extension PageTemplates {
    static let privacyForms: [(String, String)] = [
        ("privacyExportForm", privacyExportForm), ("privacyReportForm", privacyReportForm), ("privacyIncidentUpdate", privacyIncidentUpdate),
    ]

    static let privacyExportForm = """
    <section aria-labelledby="export-heading"><h2 id="export-heading">{{t.privacyForms.exportHeading}}</h2>
    <p>{{t.privacyForms.exportExplain}}</p>
    <form method="post" action="/confidentialite/verification-export" enctype="multipart/form-data">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <p class="field"><label for="export">{{t.privacyForms.exportFile}}</label> <span class="hint" id="export-hint">{{t.privacyForms.exportLimit}} {{exportLimit}} {{t.privacyForms.mebibytes}}.</span>
    <input type="file" id="export" name="export" accept=".zip,application/zip" required aria-describedby="export-hint{{#exportError}} export-error{{/exportError}}"{{#exportError}} aria-invalid="true"{{/exportError}}>
    {{#exportError}}<span class="field-error" id="export-error">{{.}}</span>{{/exportError}}</p>
    <p><button type="submit">{{t.privacyForms.exportButton}}</button></p>
    </form>
    </section>
    """

    static let privacyReportForm = """
    <h3 id="report-heading">{{t.privacyForms.reportHeading}}</h3>
    <p>{{t.privacyForms.reportExplain}}</p>
    <form method="post" action="/confidentialite/telechargements/rapport-participant" aria-labelledby="report-heading">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <p class="field"><label for="participant">{{t.privacyForms.reportParticipant}}</label>
    <input id="participant" name="participant" required maxlength="32" autocomplete="off" value="{{reportTyped}}"{{#participantError}} aria-invalid="true" aria-describedby="participant-error"{{/participantError}}>
    {{#participantError}}<span class="field-error" id="participant-error">{{.}}</span>{{/participantError}}</p>
    <p><button type="submit">{{t.privacyForms.reportButton}}</button></p>
    </form>
    """

    static let privacyIncidentUpdate = """
    <details class="incident-update"{{#update.open}} open{{/update.open}}><summary>{{t.privacyForms.updateSummary}}</summary>
    <p>{{t.privacyForms.updateExplain}}</p>
    {{#update.error}}<p class="error" role="alert" id="update-{{seq}}-error">{{t.privacyForms.updateRefused}} {{label}}{{t.typography.colon}}{{message}}</p>{{/update.error}}
    <form method="post" action="/confidentialite/registres/incidents/mise-a-jour" aria-label="{{t.privacyForms.updateSummary}} {{shortID}}">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <input type="hidden" name="incident" value="{{id}}">
    <input type="hidden" name="id" value="{{update.eventID}}">
    <p><label for="update-{{seq}}-riskAssessment">{{t.privacy.element6}}</label><textarea id="update-{{seq}}-riskAssessment" name="riskAssessment" rows="2" required maxlength="4000">{{update.riskAssessment}}</textarea></p>
    <p class="check"><input type="checkbox" id="update-{{seq}}-seriousInjuryRisk" name="seriousInjuryRisk" value="1"{{#update.seriousInjuryRisk}} checked{{/update.seriousInjuryRisk}}> <label for="update-{{seq}}-seriousInjuryRisk">{{t.privacy.seriousRisk}}</label></p>
    <fieldset><legend>{{t.privacy.element7}}</legend>
    <p><label for="update-{{seq}}-ministerNotifiedOn">{{t.privacy.minister}}</label><input id="update-{{seq}}-ministerNotifiedOn" name="ministerNotifiedOn" type="date" value="{{update.ministerNotifiedOn}}"></p>
    <p><label for="update-{{seq}}-commissionNotifiedOn">{{t.privacy.commission}}</label><input id="update-{{seq}}-commissionNotifiedOn" name="commissionNotifiedOn" type="date" value="{{update.commissionNotifiedOn}}"></p>
    <p><label for="update-{{seq}}-personsNotifiedOn">{{t.privacy.persons}}</label><input id="update-{{seq}}-personsNotifiedOn" name="personsNotifiedOn" type="date" value="{{update.personsNotifiedOn}}"></p>
    </fieldset>
    <p><label for="update-{{seq}}-measures">{{t.privacy.element8}}</label><textarea id="update-{{seq}}-measures" name="measures" rows="2" required maxlength="4000">{{update.measures}}</textarea></p>
    <p><button type="submit">{{t.privacyForms.updateButton}}</button></p>
    </form>
    </details>
    """
}
