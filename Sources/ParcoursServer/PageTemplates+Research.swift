extension PageTemplates {
    /// The researcher's workspace: the request form and her exports, one export's manifest.
    static let research: [(String, String)] = [("research", researchPage), ("researchField", researchField), ("researchExport", researchExport)]

    static let researchPage = """
    <h1>{{t.research.title}}</h1>
    <p class="guidance">{{t.research.intro}}</p>
    {{#hasErrors}}
    <section class="error" role="alert" aria-labelledby="errors"><h2 id="errors">{{t.research.nothingMade}}</h2>
    <ul>{{#errors}}<li><a href="#{{anchor}}">{{label}}{{t.typography.colon}}{{message}}</a></li>{{/errors}}</ul></section>
    {{/hasErrors}}
    <section aria-labelledby="request"><h2 id="request">{{t.research.requestHeading}}</h2>
    <form method="post" action="/recherche" class="act" id="demande">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    {{#projectField}}{{> researchField}}{{/projectField}}
    <fieldset class="choices" id="kind"{{#kindError}} aria-describedby="kind-error"{{/kindError}}><legend>{{t.research.kind}}</legend>
    {{#kinds}}<span class="check"><input type="radio" id="kind-{{value}}" name="kind" value="{{value}}" aria-describedby="kind-{{value}}-hint"{{#checked}} checked{{/checked}}> <label for="kind-{{value}}">{{label}}</label>
    <span class="hint" id="kind-{{value}}-hint">{{hint}}</span></span>
    {{/kinds}}{{#kindError}}<span class="field-error" id="kind-error">{{.}}</span>{{/kindError}}</fieldset>
    {{#kField}}{{> researchField}}{{/kField}}
    {{#maxSuppressedField}}{{> researchField}}{{/maxSuppressedField}}
    <p class="field check"><input type="checkbox" id="months" name="months" value="true" aria-describedby="months-hint"{{#months}} checked{{/months}}> <label for="months">{{t.research.months}}</label>
    <span class="hint" id="months-hint">{{t.research.monthsHint}}</span></p>
    {{#epsilonField}}{{> researchField}}{{/epsilonField}}
    <p><button type="submit" aria-describedby="submit-hint">{{t.research.submit}}</button> <span class="hint" id="submit-hint">{{t.research.submitHint}}</span></p>
    </form>
    </section>
    <section aria-labelledby="mine"><h2 id="mine">{{t.research.mine}}</h2>
    {{^hasExports}}<p>{{t.research.none}}</p>{{/hasExports}}
    {{#hasExports}}
    <table class="exports">
    <caption>{{t.research.mineCaption}}</caption>
    <thead><tr><th scope="col">{{t.research.requestedAt}}</th><th scope="col">{{t.research.project}}</th><th scope="col">{{t.research.what}}</th><th scope="col">{{t.research.measured}}</th><th scope="col"><span class="visually-hidden">{{t.research.manifestOf}}</span></th></tr></thead>
    <tbody>
    {{#exports}}<tr><td>{{requestedAt}}</td><th scope="row">{{project}}</th><td>{{kind}}</td><td>{{measured}}</td>
    <td><a href="/recherche/exports/{{id}}">{{t.research.open}}<span class="visually-hidden">{{t.typography.colon}}{{t.research.manifestOf}} {{project}}, {{requestedAt}}</span></a></td></tr>
    {{/exports}}
    </tbody>
    </table>
    {{/hasExports}}
    </section>
    """

    /// One typed field of the request: its label, its hint (what it accepts), its refusal.
    static let researchField = """
    <p class="field"><label for="{{id}}">{{label}}</label>
    <span class="hint" id="{{id}}-hint">{{hint}}</span>
    <input id="{{id}}" name="{{id}}" value="{{value}}" maxlength="64"{{#inputmode}} inputmode="{{.}}"{{/inputmode}}{{#required}} required{{/required}} aria-describedby="{{id}}-hint{{#error}} {{id}}-error{{/error}}"{{#error}} aria-invalid="true"{{/error}}>
    {{#error}}<span class="field-error" id="{{id}}-error">{{.}}</span>{{/error}}</p>
    """

    static let researchExport = """
    <h1>{{t.research.manifestOf}} <span class="pseudonym">{{project}}</span></h1>
    {{#made}}<p class="notice" role="status">{{t.research.made}}</p>{{/made}}
    <div class="identity">
    <dl class="manifest">
    <dt>{{t.research.project}}</dt><dd>{{project}}</dd>
    <dt>{{t.research.requestedAt}}</dt><dd>{{requestedAt}}</dd>
    <dt>{{t.research.exportedOn}}</dt><dd>{{exportedOn}}</dd>
    <dt>{{t.research.what}}</dt><dd>{{kind}}</dd>
    <dt>{{t.research.statement}}</dt><dd><strong id="statement">{{statement}}</strong></dd>
    {{#deidentified}}
    <dt>{{t.research.kAsked}}</dt><dd>{{kAsked}}</dd>
    <dt>{{t.research.kAchieved}}</dt><dd id="k-achieved">{{kAchieved}}</dd>
    <dt>{{t.research.lAchieved}}</dt><dd id="l-achieved">{{lAchieved}}</dd>
    <dt>{{t.research.classes}}</dt><dd>{{classes}}</dd>
    <dt>{{t.research.eligible}}</dt><dd>{{eligible}}</dd>
    <dt>{{t.research.exported}}</dt><dd id="exported">{{exported}}</dd>
    <dt>{{t.research.suppressed}}</dt><dd id="suppressed">{{suppressed}}</dd>
    <dt>{{t.research.maxSuppressed}}</dt><dd>{{maxSuppressed}}</dd>
    <dt>{{t.research.timeUnit}}</dt><dd>{{timeUnit}}</dd>
    {{/deidentified}}
    {{#aggregate}}
    <dt>{{t.research.epsilonTotal}}</dt><dd id="epsilon">{{epsilon}}</dd>
    <dt>{{t.research.epsilonTables}}</dt><dd>{{#tables}}{{file}}{{t.typography.colon}}{{epsilon}}<br>{{/tables}}</dd>
    <dt>{{t.research.mechanism}}</dt><dd lang="en">{{mechanism}}</dd>
    {{/aggregate}}
    <dt>{{t.research.manifestSHA256}}</dt><dd><code id="manifest-sha256" class="digest">{{manifestSHA256}}</code></dd>
    </dl>
    </div>
    {{#deidentified}}
    <section aria-labelledby="generalized"><h2 id="generalized">{{t.research.generalized}}</h2>
    <table class="generalization">
    <caption>{{t.research.generalizedCaption}}</caption>
    <thead><tr><th scope="col">{{t.research.quasiIdentifier}}</th><th scope="col">{{t.research.precision}}</th></tr></thead>
    <tbody>{{#generalization}}<tr><th scope="row">{{name}}</th><td>{{precision}}</td></tr>{{/generalization}}</tbody>
    </table>
    </section>
    {{/deidentified}}
    <section aria-labelledby="reason"><h2 id="reason">{{t.research.reason}}</h2>
    <p lang="en" class="guidance">{{reason}}</p>
    </section>
    <section aria-labelledby="files"><h2 id="files">{{t.research.files}}</h2>
    <p>{{t.research.filesIntro}}</p>
    <ul class="files">{{#files}}<li><a href="{{path}}" download="{{name}}">{{t.research.download}} {{name}}</a> <span class="hint">SHA-256 <code class="digest">{{sha256}}</code></span></li>{{/files}}</ul>
    </section>
    <p><a href="/recherche">{{t.research.back}}</a></p>
    """
}
