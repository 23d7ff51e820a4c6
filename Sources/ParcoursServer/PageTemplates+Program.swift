/// The coordinator's pages: the program's picture (its period form, each chart followed by a
/// table of the same numbers) and the caseloads of her or his organization. The charts are
/// SVG the server drew, every text in them escaped.
extension PageTemplates {
    static let program: [(String, String)] = [
        ("program", programPicture), ("programPeriod", programPeriod), ("programCaseloads", programCaseloads),
        ("supervisedCaseload", supervisedCaseload),
        // The caseload's form and table, shared by the clinician's page (`caseload`) and the supervised one.
        ("caseloadList", caseloadList),
    ]

    static let programPicture = """
    <h1>{{t.program.title}}</h1>
    <p>{{t.program.intro}}</p>
    <p class="actions"><a href="/programme/charges">{{t.program.caseloadsLink}}</a></p>
    {{> programPeriod}}
    {{^picture}}<p>{{t.program.fixPeriod}}</p>{{/picture}}
    {{#picture}}
    <p role="status" class="period-shown">{{t.program.periodShown}} {{from}} {{t.program.periodTo}} {{to}}.</p>
    <dl class="figures">
    <div><dt>{{t.program.openFollowUps}}</dt><dd>{{openFollowUps}}</dd></div>
    <div><dt>{{t.program.closedFollowUps}}</dt><dd>{{closedFollowUps}}</dd></div>
    <div><dt>{{t.program.firstPlan}}</dt><dd>{{withPlan}} {{t.program.withPlan}} / {{admitted}} {{t.program.admitted}}{{#median}}{{t.typography.semicolon}}{{t.program.median}} {{.}} {{t.program.days}}{{/median}}{{#mean}}{{t.typography.semicolon}}{{t.program.mean}} {{.}} {{t.program.days}}{{/mean}}</dd></div>
    </dl>
    <section aria-labelledby="where"><h2 id="where">{{t.program.whereHeading}}</h2>
    <p>{{t.program.whereIntro}}</p>
    <figure class="chart-figure">{{{stageChart}}}</figure>
    <table class="figures-table"><caption>{{t.program.stageCaption}}</caption>
    <thead><tr><th scope="col">{{t.program.stage}}</th><th scope="col">{{t.program.people}}</th></tr></thead>
    <tbody>{{#stages}}<tr><th scope="row">{{label}}</th><td>{{count}}</td></tr>{{/stages}}</tbody></table>
    <figure class="chart-figure">{{{stepChart}}}</figure>
    <table class="figures-table"><caption>{{t.program.stepCaption}}</caption>
    <thead><tr><th scope="col">{{t.program.step}}</th><th scope="col">{{t.program.people}}</th></tr></thead>
    <tbody>{{#steps}}<tr><th scope="row">{{label}}</th><td>{{count}}</td></tr>{{/steps}}</tbody></table>
    </section>
    <section aria-labelledby="transitions"><h2 id="transitions">{{t.program.transitionsHeading}}</h2>
    <p>{{t.program.transitionsIntro}}</p>
    <figure class="chart-figure">{{{transitionChart}}}</figure>
    {{^transitions}}<p>{{t.program.noTransition}}.</p>{{/transitions}}
    {{#hasTransitions}}<table class="figures-table"><caption>{{t.program.transitionsCaption}}</caption>
    <thead><tr><th scope="col">{{t.program.month}}</th><th scope="col">{{t.program.fromStage}}</th><th scope="col">{{t.program.toStage}}</th><th scope="col">{{t.program.direction}}</th><th scope="col">{{t.program.count}}</th></tr></thead>
    <tbody>{{#transitions}}<tr><th scope="row">{{month}}</th><td>{{from}}</td><td>{{to}}</td><td>{{direction}}</td><td>{{count}}</td></tr>{{/transitions}}</tbody></table>{{/hasTransitions}}
    </section>
    <section aria-labelledby="relapses"><h2 id="relapses">{{t.program.relapsesHeading}}</h2>
    <p>{{t.program.relapsesIntro}}</p>
    <figure class="chart-figure">{{{relapseChart}}}</figure>
    <table class="figures-table"><caption>{{t.program.relapsesCaption}}</caption>
    <thead><tr><th scope="col">{{t.program.month}}</th><th scope="col">{{t.program.momentary}}</th><th scope="col">{{t.program.prolonged}}</th></tr></thead>
    <tbody>{{#relapses}}<tr><th scope="row">{{month}}</th><td>{{momentary}}</td><td>{{prolonged}}</td></tr>{{/relapses}}</tbody></table>
    </section>
    <section aria-labelledby="referrals"><h2 id="referrals">{{t.program.referralsHeading}}</h2>
    <figure class="chart-figure">{{{referralChart}}}</figure>
    {{^referrals}}<p>{{t.program.noReferral}}.</p>{{/referrals}}
    {{#hasReferrals}}<table class="figures-table"><caption>{{t.program.referralsCaption}}</caption>
    <thead><tr><th scope="col">{{t.program.resource}}</th><th scope="col">{{t.program.resourceKind}}</th><th scope="col">{{t.program.outcome}}</th><th scope="col">{{t.program.count}}</th></tr></thead>
    <tbody>{{#referrals}}<tr><th scope="row">{{resource}}</th><td>{{kind}}</td><td>{{outcome}}</td><td>{{count}}</td></tr>{{/referrals}}</tbody></table>{{/hasReferrals}}
    </section>
    <section aria-labelledby="silent"><h2 id="silent">{{t.program.silentHeading}}</h2>
    <p>{{t.program.silentIntro}} {{silentAfterDays}} {{t.program.silentIntroEnd}}</p>
    {{^silent}}<p>{{t.program.noSilent}}</p>{{/silent}}
    {{#hasSilent}}<table class="figures-table silent"><caption>{{t.program.silentCaption}}</caption>
    <thead><tr><th scope="col">{{t.program.participant}}</th><th scope="col">{{t.program.lastContact}}</th><th scope="col">{{t.program.daysSince}}</th></tr></thead>
    <tbody>{{#silent}}<tr><th scope="row">{{participant}}</th><td>{{lastContactOn}}</td><td>{{days}}</td></tr>{{/silent}}</tbody></table>{{/hasSilent}}
    </section>
    {{/picture}}
    """

    /// The period form: each refused day said beside its field and summarized above it.
    static let programPeriod = """
    {{#hasProblems}}
    <section class="error" role="alert" aria-labelledby="period-problems"><h2 id="period-problems">{{t.program.periodRefused}}</h2>
    <ul>{{#problems}}<li><a href="#{{field}}">{{label}}{{t.typography.colon}}{{message}}</a></li>{{/problems}}</ul></section>
    {{/hasProblems}}
    <form method="get" action="/programme" class="period" aria-labelledby="period-heading">
    <h2 id="period-heading">{{t.program.periodHeading}}</h2>
    <p class="hint" id="period-hint">{{t.program.dayHint}}</p>
    <div class="period-fields">
    {{#fields}}<p class="field"><label for="{{field}}">{{label}}</label>
    <input id="{{field}}" name="{{field}}" type="date" value="{{value}}" aria-describedby="period-hint{{#message}} {{field}}-error{{/message}}"{{#message}} aria-invalid="true"{{/message}}>
    {{#message}}<span class="field-error" id="{{field}}-error">{{.}}</span>{{/message}}</p>
    {{/fields}}
    <p><button type="submit">{{t.program.show}}</button></p>
    </div>
    </form>
    """

    static let programCaseloads = """
    <h1>{{t.program.caseloadsTitle}}{{#organization}} <span class="pseudonym">{{.}}</span>{{/organization}}</h1>
    <p>{{t.program.caseloadsIntro}}</p>
    {{^hasClinicians}}<p>{{t.program.noClinician}}</p>{{/hasClinicians}}
    {{#hasClinicians}}
    <table class="caseloads">
    <caption>{{t.program.caseloadsCaption}}</caption>
    <thead><tr><th scope="col">{{t.program.clinician}}</th><th scope="col">{{t.program.openCount}}</th><th scope="col">{{t.program.overdueCount}}</th><th scope="col">{{t.program.silentCount}}</th></tr></thead>
    <tbody>
    {{#clinicians}}<tr{{#attention}} class="attention"{{/attention}}><th scope="row"><a href="/programme/charges/{{clinician}}">{{clinician}}</a>{{#name}} <span class="role">{{.}}</span>{{/name}}</th>
    <td>{{open}}</td><td>{{overdue}}</td><td>{{silent}}</td></tr>
    {{/clinicians}}
    </tbody>
    </table>
    {{/hasClinicians}}
    <p><a href="/programme">{{t.program.backToProgram}}</a></p>
    """

    static let supervisedCaseload = """
    <h1>{{t.program.supervisedTitle}} <span class="pseudonym">{{clinician}}</span></h1>
    <p>{{t.program.supervisedIntro}}</p>
    {{^followsSomeone}}<p>{{t.program.supervisedEmpty}}</p>{{/followsSomeone}}
    {{> caseloadList}}
    <p><a href="/programme/charges">{{t.program.backToCaseloads}}</a></p>
    """
}
