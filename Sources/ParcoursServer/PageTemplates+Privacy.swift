/// The privacy officer's pages: the logs' integrity, the access log's search and proofs,
/// the review queue. Values are escaped; no script (a running verification's page asks the
/// browser to reload it with the `Refresh` header).
extension PageTemplates {
    static let privacy: [(String, String)] = [
        ("privacyHome", privacyHome), ("privacyCheckpoints", privacyCheckpoints), ("privacyVerification", privacyVerification),
        ("privacyAccess", privacyAccess), ("privacyProof", privacyProof), ("privacyReview", privacyReview),
        ("privacyRegisters", privacyRegisters),
    ]

    static let privacyHome = """
    <h1>{{t.privacy.title}}</h1>
    <p>{{t.privacy.intro}}</p>
    {{> fieldErrors}}
    <nav aria-labelledby="sections"><h2 id="sections">{{t.privacy.sections}}</h2>
    <ul><li><a href="/confidentialite/acces">{{t.privacy.accessLink}}</a></li><li><a href="/confidentialite/revue">{{t.privacy.reviewLink}}</a></li>
    <li><a href="/confidentialite/registres">{{t.privacy.registersLink}}</a></li></ul></nav>
    <section aria-labelledby="checkpoints"><h2 id="checkpoints">{{t.privacy.checkpoints}}</h2>
    {{> privacyCheckpoints}}
    </section>
    <section aria-labelledby="verify"><h2 id="verify">{{t.privacy.verify}}</h2>
    <p>{{t.privacy.verifyExplain}}</p>
    <form method="post" action="/confidentialite/verification">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <p><button type="submit">{{t.privacy.verifyButton}}</button></p>
    </form>
    </section>
    {{> privacyExportForm}}
    <section aria-labelledby="downloads"><h2 id="downloads">{{t.privacy.downloads}}</h2>
    <p>{{t.privacy.fhirExplain}}</p>
    <form method="get" action="/confidentialite/telechargements/audit-fhir" class="caseload-view">
    <p><label for="fhir-from">{{t.privacy.from}}</label><input id="fhir-from" name="from" type="date"></p>
    <p><label for="fhir-to">{{t.privacy.to}}</label><input id="fhir-to" name="to" type="date"></p>
    <p><button type="submit">{{t.privacy.fhirButton}}</button></p>
    </form>
    {{> privacyReportForm}}
    </section>
    """

    static let privacyCheckpoints = """
    <table class="checkpoints">
    <caption>{{t.privacy.checkpointsCaption}}</caption>
    <thead><tr><th scope="col">{{t.privacy.log}}</th><th scope="col">{{t.privacy.size}}</th><th scope="col">{{t.privacy.root}}</th><th scope="col">{{t.privacy.witnesses}}</th></tr></thead>
    <tbody>
    {{#checkpoints}}
    <tr><th scope="row">{{log}}</th>
    {{#signed}}<td>{{size}}</td><td><code>{{root}}</code></td><td>{{witnesses}}</td>{{/signed}}
    {{^signed}}<td colspan="3">{{t.privacy.noCheckpoint}}</td>{{/signed}}</tr>
    {{/checkpoints}}
    </tbody>
    </table>
    <p class="hint">{{t.privacy.checkpointTime}}</p>
    {{#hasAlarms}}
    <table class="checkpoints">
    <caption>{{t.privacy.witnessAlarms}} — {{t.privacy.witnessAlarmsCaption}}</caption>
    <thead><tr><th scope="col">{{t.privacy.alarmAt}}</th><th scope="col">{{t.privacy.witnesses}}</th><th scope="col">{{t.privacy.log}}</th><th scope="col">{{t.privacy.size}}</th><th scope="col">{{t.privacy.alarmStatus}}</th><th scope="col">{{t.privacy.alarmReason}}</th></tr></thead>
    <tbody>
    {{#alarms}}<tr><td>{{at}}</td><td>{{witness}}</td><td>{{log}}</td><td>{{size}}</td><td>{{status}}</td><td>{{reason}}</td></tr>{{/alarms}}
    </tbody>
    </table>
    {{/hasAlarms}}
    """

    static let privacyVerification = """
    <h1>{{#export}}{{t.privacyForms.exportVerificationTitle}}{{/export}}{{^export}}{{t.privacy.verificationTitle}}{{/export}}</h1>
    <p>{{t.privacy.started}}{{t.typography.colon}}{{started}}{{#finished}} — {{t.privacy.finished}}{{t.typography.colon}}{{finished}}{{/finished}}</p>
    {{#running}}
    <div role="status">
    <p>{{t.privacy.running}}</p>
    <p><label for="progression">{{t.privacy.progressLabel}}</label>
    <progress id="progression" value="{{checked}}" max="{{total}}">{{checked}} {{t.privacy.of}} {{total}}</progress>
    {{checked}} {{t.privacy.of}} {{total}}</p>
    </div>
    <p class="hint">{{t.privacy.refreshing}} <a href="/confidentialite/verification/{{id}}">{{t.privacy.refreshNow}}</a></p>
    {{/running}}
    {{#intact}}
    <section class="notice" role="status" aria-labelledby="verdict">
    <h2 id="verdict">{{#export}}{{t.privacyForms.exportIntact}}{{/export}}{{^export}}{{t.privacy.intact}}{{/export}}</h2>
    <p>{{#export}}{{t.privacyForms.exportIntactDetail}}{{/export}}{{^export}}{{t.privacy.intactDetail}}{{/export}}</p>
    <table>
    <thead><tr><th scope="col">{{t.privacy.log}}</th><th scope="col">{{t.privacy.size}}</th><th scope="col">{{t.privacy.root}}</th></tr></thead>
    <tbody>{{#logs}}<tr><th scope="row">{{log}}</th><td>{{size}}</td><td><code>{{root}}</code></td></tr>{{/logs}}</tbody>
    </table>
    {{^export}}<p>{{t.privacy.checkpointsChecked}}{{t.typography.colon}}{{checkpointsChecked}}. {{t.privacy.dataKeys}}{{t.typography.colon}}{{dataKeys}}.</p>{{/export}}
    </section>
    {{/intact}}
    {{#damaged}}
    <section class="glass" role="alert" aria-labelledby="verdict"><h2 id="verdict">{{t.privacy.damaged}}</h2>
    <dl class="facts">
    <dt>{{t.privacy.damagedLog}}</dt><dd>{{log}}</dd>
    <dt>{{t.privacy.damagedSeq}}</dt><dd>{{seq}}</dd>
    <dt>{{t.privacy.damagedReason}}</dt><dd lang="en">{{reason}}</dd>
    </dl>
    <p>{{#export}}{{t.privacyForms.exportDamagedNext}}{{/export}}{{^export}}{{t.privacy.damagedNext}}{{/export}}</p>
    </section>
    {{/damaged}}
    {{#unreadable}}<p class="notice" role="status">{{#export}}{{t.privacyForms.exportUnreadable}}{{/export}}{{^export}}{{t.privacy.unreadable}}{{/export}}</p>{{/unreadable}}
    <p><a href="/confidentialite">{{t.privacy.back}}</a></p>
    """

    static let privacyAccess = """
    <h1>{{t.privacy.accessTitle}}</h1>
    <p>{{t.privacy.accessIntro}}</p>
    <form method="get" action="/confidentialite/acces" class="caseload-view" aria-label="{{t.privacy.filters}}">
    <p><label for="participant">{{t.privacy.participant}}</label><input id="participant" name="participant" value="{{search.participant}}" maxlength="32"></p>
    <p><label for="actor">{{t.privacy.actor}}</label><input id="actor" name="actor" value="{{search.actor}}" maxlength="64"></p>
    <p><label for="from">{{t.privacy.from}}</label><input id="from" name="from" type="date" value="{{search.from}}"></p>
    <p><label for="to">{{t.privacy.to}}</label><input id="to" name="to" type="date" value="{{search.to}}"></p>
    <p><label for="view">{{t.privacy.view}}</label><select id="view" name="view"><option value="">{{t.privacy.any}}</option>{{#views}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/views}}</select></p>
    <p><label for="purpose">{{t.privacy.purpose}}</label><select id="purpose" name="purpose"><option value="">{{t.privacy.any}}</option>{{#purposes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/purposes}}</select></p>
    <p><label for="outcome">{{t.privacy.outcome}}</label><select id="outcome" name="outcome"><option value="">{{t.privacy.any}}</option>{{#outcomes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/outcomes}}</select></p>
    <p><button type="submit">{{t.privacy.search}}</button></p>
    </form>
    <p role="status">{{matched}} {{matchedWord}}{{#capped}} {{t.privacy.capped}} {{shown}}.{{/capped}}</p>
    {{#hasRecords}}
    <table class="access-log">
    <caption>{{t.privacy.accessCaption}}</caption>
    <thead><tr><th scope="col">{{t.privacy.seq}}</th><th scope="col">{{t.privacy.when}}</th><th scope="col">{{t.privacy.who}}</th><th scope="col">{{t.privacy.about}}</th>
    <th scope="col">{{t.privacy.view}}</th><th scope="col">{{t.privacy.purpose}}</th><th scope="col">{{t.privacy.outcome}}</th><th scope="col">{{t.privacy.proof}}</th></tr></thead>
    <tbody>
    {{#records}}
    <tr><th scope="row">{{seq}}</th><td>{{when}}</td><td>{{actor}}{{#role}} <span class="role">({{role}})</span>{{/role}}</td><td>{{participant}}</td>
    <td>{{view}}</td><td>{{purpose}}</td><td>{{outcome}}{{#review}} <strong class="flag">{{t.privacy.toReview}}</strong>{{/review}}</td>
    <td><a href="/confidentialite/acces/{{seq}}/preuve">{{t.privacy.proofLink}}<span class="visually-hidden"> {{t.privacy.proofOf}} {{seq}}</span></a></td></tr>
    {{/records}}
    </tbody>
    </table>
    {{/hasRecords}}
    {{^hasRecords}}<p>{{t.privacy.noneMatched}}</p>{{/hasRecords}}
    <p><a href="/confidentialite">{{t.privacy.back}}</a></p>
    """

    static let privacyProof = """
    <h1>{{t.privacy.proofTitle}} — {{t.privacy.seq}} {{seq}}</h1>
    <p>{{t.privacy.proofIntro}}</p>
    {{#verifies}}<p class="notice" role="status">{{t.privacy.proofValid}}</p>{{/verifies}}
    {{^verifies}}<p class="glass" role="alert">{{t.privacy.proofInvalid}}</p>{{/verifies}}
    <dl class="proof facts">
    <dt>{{t.privacy.seq}}</dt><dd>{{seq}}</dd>
    <dt>{{t.privacy.treeSize}}</dt><dd>{{size}}</dd>
    <dt>{{t.privacy.leafHash}}</dt><dd><code>{{leafHash}}</code></dd>
    <dt>{{t.privacy.root}}</dt><dd><code>{{root}}</code></dd>
    <dt>{{t.privacy.path}}</dt><dd>{{#hasPath}}<ol>{{#path}}<li><code>{{.}}</code></li>{{/path}}</ol>{{/hasPath}}{{^hasPath}}{{t.privacy.emptyPath}}{{/hasPath}}</dd>
    </dl>
    {{#checkpoint}}<h2>{{t.privacy.signedBy}}</h2>
    <pre class="signed-note">{{note}}</pre>
    <p>{{t.privacy.witnesses}}{{t.typography.colon}}{{witnesses}}</p>{{/checkpoint}}
    {{^checkpoint}}<p class="notice">{{t.privacy.unsigned}}</p>{{/checkpoint}}
    <p><a href="/confidentialite/acces">{{t.privacy.accessBack}}</a></p>
    """

    static let privacyReview = """
    <h1>{{t.privacy.reviewTitle}}</h1>
    <p>{{t.privacy.reviewIntro}}</p>
    {{#recorded}}<p class="notice" role="status">{{t.privacy.recordedReview}}</p>{{/recorded}}
    <section aria-labelledby="queue"><h2 id="queue">{{t.privacy.queue}} ({{queueCount}})</h2>
    {{^queue}}<p>{{t.privacy.queueEmpty}}</p>{{/queue}}
    {{#queue}}
    <article class="review-item" aria-labelledby="item-{{seq}}">
    <h3 id="item-{{seq}}">{{kind}} — {{t.privacy.seq}} {{seq}}</h3>
    <p>{{when}} · {{actor}}{{#participant}} · {{t.privacy.about}} {{participant}}{{/participant}} · <a href="/confidentialite/acces/{{seq}}/preuve">{{t.privacy.proofLink}}<span class="visually-hidden"> {{t.privacy.proofOf}} {{seq}}</span></a></p>
    {{#justification}}<p><strong>{{t.privacy.justification}}</strong> « {{justification}} »</p>{{/justification}}
    <form method="post" action="/confidentialite/revue">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <input type="hidden" name="seq" value="{{seq}}">
    <p><label for="comment-{{seq}}">{{t.privacy.comment}} ({{t.privacy.seq}} {{seq}})</label>
    <textarea id="comment-{{seq}}" name="comment" rows="2" required minlength="10" maxlength="2000" aria-describedby="hint-{{seq}}{{#error}} error-{{seq}}{{/error}}"{{#error}} aria-invalid="true"{{/error}}>{{typed}}</textarea>
    <span class="hint" id="hint-{{seq}}">{{t.privacy.commentHint}}</span>
    {{#error}}<span class="field-error" id="error-{{seq}}">{{t.privacy.commentTooShort}}</span>{{/error}}</p>
    <p><button type="submit">{{t.privacy.markReviewed}}</button></p>
    </form>
    </article>
    {{/queue}}
    </section>
    <section aria-labelledby="reviewed"><h2 id="reviewed">{{t.privacy.reviewed}} ({{reviewedCount}})</h2>
    {{^reviewed}}<p>{{t.privacy.reviewedEmpty}}</p>{{/reviewed}}
    {{#hasReviewed}}
    <table class="reviews">
    <thead><tr><th scope="col">{{t.privacy.seq}}</th><th scope="col">{{t.privacy.what}}</th><th scope="col">{{t.privacy.comment}}</th><th scope="col">{{t.privacy.reviewer}}</th><th scope="col">{{t.privacy.reviewedAt}}</th></tr></thead>
    <tbody>{{#reviewed}}<tr><th scope="row"><a href="/confidentialite/acces/{{seq}}/preuve">{{seq}}</a></th><td>{{kind}}</td><td>{{comment}}</td><td>{{reviewer}}</td><td>{{at}}</td></tr>{{/reviewed}}</tbody>
    </table>
    {{/hasReviewed}}
    </section>
    <p><a href="/confidentialite">{{t.privacy.back}}</a></p>
    """

    static let privacyRegisters = """
    <h1>{{t.privacy.registersTitle}}</h1>
    <section aria-labelledby="communications"><h2 id="communications">{{t.privacy.communications}} ({{communicationCount}})</h2>
    {{#hasCommunications}}
    <table class="communications">
    <caption>{{t.privacy.communicationsCaption}}</caption>
    <thead><tr><th scope="col">{{t.privacy.on}}</th><th scope="col">{{t.privacy.kind}}</th><th scope="col">{{t.privacy.about}}</th><th scope="col">{{t.privacy.recipient}}</th>
    <th scope="col">{{t.privacy.categories}}</th><th scope="col">{{t.privacy.purpose}}</th><th scope="col">{{t.privacy.why}}</th><th scope="col">{{t.privacy.told}}</th><th scope="col">{{t.privacy.by}}</th></tr></thead>
    <tbody>{{#communications}}<tr><td>{{on}}</td><td>{{kind}}</td><td>{{participant}}</td><td>{{recipient}}</td><td>{{categories}}</td><td>{{purpose}}</td><td>{{justification}}</td><td>{{told}}</td><td>{{by}}</td></tr>{{/communications}}</tbody>
    </table>
    {{/hasCommunications}}
    {{^hasCommunications}}<p>{{t.privacy.communicationsEmpty}}</p>{{/hasCommunications}}
    </section>
    <section aria-labelledby="incidents"><h2 id="incidents">{{t.privacy.incidents}} ({{incidentCount}})</h2>
    {{^incidents}}<p>{{t.privacy.incidentsEmpty}}</p>{{/incidents}}
    {{#updatedIncident}}<p class="notice" role="status">{{t.privacyForms.updateRecorded}}</p>{{/updatedIncident}}
    {{#incidents}}
    <article aria-labelledby="incident-{{seq}}" class="review-item">
    <h3 id="incident-{{seq}}">{{t.privacy.incident}} {{shortID}} — {{recordedAt}}, {{t.privacy.recordedBy}} {{author}}{{#hasUpdates}} ({{updateCount}} {{updateWord}}){{/hasUpdates}}</h3>
    <dl class="facts">
    <dt>{{t.privacy.element1}}</dt><dd>{{information}}</dd>
    <dt>{{t.privacy.element2}}</dt><dd>{{circumstances}}</dd>
    <dt>{{t.privacy.element3}}</dt><dd>{{occurred}}</dd>
    <dt>{{t.privacy.element4}}</dt><dd>{{learned}}</dd>
    <dt>{{t.privacy.element5}}</dt><dd>{{persons}}</dd>
    <dt>{{t.privacy.element6}}</dt><dd>{{risk}}</dd>
    <dt>{{t.privacy.element7}}</dt><dd>{{notices}}</dd>
    <dt>{{t.privacy.element8}}</dt><dd>{{measures}}</dd>
    </dl>
    {{> privacyIncidentUpdate}}
    </article>
    {{/incidents}}
    <h3 id="new-incident">{{t.privacy.newIncident}}</h3>
    {{#incidentError}}<p class="error" role="alert" id="incident-error">{{t.privacy.incidentRefused}} {{label}}{{t.typography.colon}}{{message}}</p>{{/incidentError}}
    {{#recordedIncident}}<p class="notice" role="status">{{t.privacy.incidentRecorded}}</p>{{/recordedIncident}}
    <form method="post" action="/confidentialite/registres/incidents" aria-labelledby="new-incident">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <input type="hidden" name="id" value="{{form.id}}">
    <fieldset><legend>{{t.privacy.element1}}</legend>
    <div class="choices">{{#form.categories}}<span class="check"><input type="checkbox" id="category-{{value}}" name="categories" value="{{value}}"{{#checked}} checked{{/checked}}> <label for="category-{{value}}">{{label}}</label></span>{{/form.categories}}</div>
    <p><label for="informationDetail">{{t.privacy.informationDetail}}</label><input id="informationDetail" name="informationDetail" maxlength="2000" value="{{form.informationDetail}}"></p>
    </fieldset>
    <p><label for="circumstances">{{t.privacy.element2}}</label><textarea id="circumstances" name="circumstances" rows="2" required maxlength="4000">{{form.circumstances}}</textarea></p>
    <p><label for="occurredFrom">{{t.privacy.element3}} — {{t.privacy.fromDay}}</label><input id="occurredFrom" name="occurredFrom" type="date" required value="{{form.occurredFrom}}"></p>
    <p class="check"><input type="checkbox" id="occurredApproximate" name="occurredApproximate" value="1"{{#form.occurredApproximate}} checked{{/form.occurredApproximate}}> <label for="occurredApproximate">{{t.privacy.approximateDate}}</label></p>
    <p><label for="learnedOn">{{t.privacy.element4}}</label><input id="learnedOn" name="learnedOn" type="date" required value="{{form.learnedOn}}"></p>
    <p><label for="personsConcerned">{{t.privacy.element5}}</label><input id="personsConcerned" name="personsConcerned" type="number" min="0" required value="{{form.personsConcerned}}"></p>
    <p class="check"><input type="checkbox" id="personsApproximate" name="personsApproximate" value="1"{{#form.personsApproximate}} checked{{/form.personsApproximate}}> <label for="personsApproximate">{{t.privacy.approximateCount}}</label></p>
    <p><label for="riskAssessment">{{t.privacy.element6}}</label><textarea id="riskAssessment" name="riskAssessment" rows="2" required maxlength="4000">{{form.riskAssessment}}</textarea></p>
    <p class="check"><input type="checkbox" id="seriousInjuryRisk" name="seriousInjuryRisk" value="1"{{#form.seriousInjuryRisk}} checked{{/form.seriousInjuryRisk}}> <label for="seriousInjuryRisk">{{t.privacy.seriousRisk}}</label></p>
    <fieldset><legend>{{t.privacy.element7}}</legend>
    <p><label for="commissionNotifiedOn">{{t.privacy.commission}}</label><input id="commissionNotifiedOn" name="commissionNotifiedOn" type="date" value="{{form.commissionNotifiedOn}}"></p>
    <p><label for="personsNotifiedOn">{{t.privacy.persons}}</label><input id="personsNotifiedOn" name="personsNotifiedOn" type="date" value="{{form.personsNotifiedOn}}"></p>
    </fieldset>
    <p><label for="measures">{{t.privacy.element8}}</label><textarea id="measures" name="measures" rows="2" required maxlength="4000">{{form.measures}}</textarea></p>
    <p><button type="submit">{{t.privacy.recordIncident}}</button></p>
    </form>
    {{#hasProblems}}<h3>{{t.privacy.problems}}</h3><ul>{{#problems}}<li lang="en">seq {{seq}}: {{reason}}</li>{{/problems}}</ul>{{/hasProblems}}
    </section>
    <p><a href="/confidentialite">{{t.privacy.back}}</a></p>
    """
}
