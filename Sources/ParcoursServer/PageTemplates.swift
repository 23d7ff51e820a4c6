import Mustache

/// The pages' Mustache templates, compiled once. Every `{{value}}` is HTML-escaped; only
/// `{{{content}}}`, a page the layout wraps, is inserted as rendered. No inline script or style.
enum PageTemplates {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in [("layout", layout), ("signIn", signIn), ("caseload", caseload), ("journey", journey), ("problem", problem),
                                 ("breakGlass", breakGlass), ("secondFactor", secondFactor), ("sessions", sessions),
                                 ("journeyPath", journeyPath), ("journeyOpenings", journeyOpenings)] + recording {
            do { try library.register(text, named: name) } catch { fatalError("template \(name) does not parse: \(error)") }
        }
        return library
    }()

    static func render(_ name: String, _ values: [String: Any]) -> String {
        library.render(values, withTemplate: name) ?? ""
    }

    static let layout = """
    <!doctype html>
    <html lang="{{lang}}">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} — Parcours</title>
    <link rel="stylesheet" href="/style.css">
    </head>
    <body>
    <a class="skip" href="#contenu">{{t.layout.skip}}</a>
    <header class="banner">
    <p class="brand"><a href="/">Parcours</a> <span>SPHÈRES</span></p>
    {{#signedIn}}{{#full}}
    <nav aria-label="{{t.layout.mainNavigation}}"><a href="/">{{t.layout.caseload}}</a> <a href="/sessions">{{t.layout.sessions}}</a></nav>
    {{/full}}{{/signedIn}}
    {{#switch}}
    <form method="post" action="/langue" class="language">
    <input type="hidden" name="langue" value="{{code}}">
    <input type="hidden" name="retour" value="{{returnTo}}">
    <button type="submit" lang="{{code}}" aria-label="{{t.layout.language}} : {{name}}">{{name}}</button>
    </form>
    {{/switch}}
    {{#signedIn}}
    <form method="post" action="/deconnexion" class="sign-out">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <span>{{actor}}</span> <button type="submit">{{t.layout.signOut}}</button>
    </form>
    {{/signedIn}}
    </header>
    {{#signedIn}}{{#full}}
    <div id="idle-warning" class="idle-warning" role="alert" hidden data-idle-seconds="{{idleSeconds}}" data-warn-seconds="{{warnSeconds}}">
    <form method="post" action="/session/prolonger">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <p>{{t.layout.idleWarning}}</p>
    <button type="submit">{{t.layout.stay}}</button>
    </form>
    </div>
    {{/full}}{{/signedIn}}
    <main id="contenu">
    {{{content}}}
    </main>
    {{#signedIn}}<script src="/session.js" defer></script>{{/signedIn}}
    </body>
    </html>
    """

    static let signIn = """
    <h1>{{t.signIn.title}}</h1>
    {{#failed}}<p class="error" role="alert">{{t.signIn.failed}}</p>{{/failed}}
    {{#ended}}<p class="notice" role="status">{{t.signIn.ended}}</p>{{/ended}}
    <form method="post" action="/connexion" class="sign-in">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <p><label for="actor">{{t.signIn.actor}}</label>
    <input id="actor" name="actor" autocomplete="username" required maxlength="64" value="{{actor}}"></p>
    <p><label for="passphrase">{{t.signIn.passphrase}}</label>
    <input id="passphrase" name="passphrase" type="password" autocomplete="current-password" required maxlength="1024"></p>
    <p><label for="code">{{t.signIn.code}}</label>
    <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="7" aria-describedby="code-hint">
    <span class="hint" id="code-hint">{{t.signIn.codeHint}}</span></p>
    <p><button type="submit">{{t.signIn.submit}}</button></p>
    </form>
    """

    static let secondFactor = """
    <h1>{{t.secondFactor.title}}</h1>
    <p>{{t.secondFactor.why}}</p>
    <ol class="steps">
    <li>{{t.secondFactor.stepApp}}</li>
    <li>{{t.secondFactor.stepKey}}
    <p class="typed-key" aria-label="{{t.secondFactor.keyLabel}}"><code>{{typedKey}}</code></p>
    <p class="hint">{{t.secondFactor.orLink}} <a href="{{url}}">{{t.secondFactor.link}}</a></p></li>
    <li>{{t.secondFactor.stepCode}}</li>
    </ol>
    {{#failed}}<p class="error" role="alert" id="code-error">{{t.secondFactor.failed}}</p>{{/failed}}
    <form method="post" action="/connexion/second-facteur" class="sign-in">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <p><label for="code">{{t.secondFactor.code}}</label>
    <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="7" required{{#failed}} aria-invalid="true" aria-describedby="code-error"{{/failed}}></p>
    <p><button type="submit">{{t.secondFactor.submit}}</button></p>
    </form>
    """

    static let sessions = """
    <h1>{{t.sessions.title}}</h1>
    {{#ended}}<p class="notice" role="status">{{t.sessions.ended}}</p>{{/ended}}
    <p>{{t.sessions.explain}}</p>
    <table class="sessions">
    <caption>{{t.sessions.caption}}</caption>
    <thead><tr><th scope="col">{{t.sessions.device}}</th><th scope="col">{{t.sessions.since}}</th><th scope="col">{{t.sessions.lastSeen}}</th><th scope="col"><span class="visually-hidden">{{t.sessions.action}}</span></th></tr></thead>
    <tbody>
    {{#sessions}}
    <tr><td>{{device}}{{#current}} <strong class="flag-calm">{{t.sessions.current}}</strong>{{/current}}</td><td>{{since}}</td><td>{{lastSeen}}</td>
    <td><form method="post" action="/sessions/fin"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="session" value="{{handle}}">
    <button type="submit">{{#current}}{{t.sessions.endCurrent}}{{/current}}{{^current}}{{t.sessions.end}}{{/current}}</button></form></td></tr>
    {{/sessions}}
    </tbody>
    </table>
    """

    static let caseload = """
    <h1>Ma charge de cas</h1>
    {{#mayAdmit}}<p class="actions"><a href="/admission">{{t.forms.admit}}</a></p>{{/mayAdmit}}
    {{^entries}}<p>Personne n'est suivi par vous pour l'instant.</p>{{/entries}}
    {{#hasEntries}}
    <table class="caseload">
    <caption>Les personnes que vous suivez : suivis ouverts d'abord, les plus longtemps sans contact en premier.</caption>
    <thead><tr><th scope="col">Personne</th><th scope="col">Étape</th><th scope="col">Roue</th><th scope="col">Dernier contact</th>
    <th scope="col">Prochaine révision du plan</th><th scope="col">Orientations ouvertes</th><th scope="col">Sécurité</th>
    <th scope="col">Avertissements</th><th scope="col">Suivi</th></tr></thead>
    <tbody>
    {{#entries}}
    <tr{{#attention}} class="attention"{{/attention}}>
    <th scope="row"><a href="/participants/{{participant}}">{{participant}}</a></th>
    <td>{{step}}</td><td>{{stage}}</td>
    <td>{{lastContact}}{{#silent}} <strong class="flag">sans contact depuis {{silentDays}} jours</strong>{{/silent}}</td>
    <td>{{nextReview}}{{#overdue}} <strong class="flag">révision due</strong>{{/overdue}}</td>
    <td>{{openReferrals}}</td><td>{{safety}}</td><td>{{openWarnings}}</td><td>{{followUp}}</td>
    </tr>
    {{/entries}}
    </tbody>
    </table>
    {{/hasEntries}}
    """

    static let journey = """
    <article class="journey">
    <header class="identity">
    <h1>{{name}} <span class="pseudonym">{{participant}}</span></h1>
    <dl>
    <dt>Âge</dt><dd>{{age}}</dd>
    <dt>Étape actuelle</dt><dd>{{step}}</dd>
    <dt>Stade de la roue</dt><dd>{{stage}}</dd>
    <dt>Équipe de suivi</dt><dd>{{careTeam}}</dd>
    <dt>Suivi</dt><dd>{{followUp}}</dd>
    </dl>
    {{#partial}}<p class="notice" role="note">Vous voyez une partie du dossier : {{shown}}.</p>{{/partial}}
    {{#brokeGlass}}<div class="glass" role="alert"><p>Accès par bris de vitre : votre justification est inscrite au journal des accès et sera révisée.</p>
    {{#glassUntil}}<form method="post" action="/participants/{{participant}}/bris-de-vitre/fin"><input type="hidden" name="_csrf" value="{{csrf}}">
    <p>Ce dossier reste ouvert pour vous jusqu'au {{time}}, chaque consultation inscrite au journal. <button type="submit">Refermer maintenant</button></p></form>{{/glassUntil}}</div>{{/brokeGlass}}
    {{^brokeGlass}}<p class="actions"><a href="/participants/{{participant}}/evaluation">Consigner une évaluation de l'étape</a> <a href="/participants/{{participant}}/actes">{{t.forms.recordAnAct}}</a></p>{{/brokeGlass}}
    </header>
    {{#recorded}}
    <section class="notice" role="status" aria-labelledby="recorded"><h2 id="recorded">{{recorded}}</h2>
    {{#hasRecordedWarnings}}<p>Avertissements — des repères, pas des refus :</p>
    <ul>{{#recordedWarnings}}<li>{{.}}</li>{{/recordedWarnings}}</ul>{{/hasRecordedWarnings}}
    </section>
    {{/recorded}}
    {{#hasWarnings}}
    <section aria-labelledby="warnings"><h2 id="warnings">Avertissements ouverts</h2>
    <ul>{{#warnings}}<li>{{message}} <span class="since">(depuis le {{since}})</span></li>{{/warnings}}</ul></section>
    {{/hasWarnings}}
    <section aria-labelledby="path"><h2 id="path">Le parcours dans la roue</h2>
    {{> journeyPath}}
    {{^episodes}}<p>Aucune évaluation de l'étape pour l'instant.</p>{{/episodes}}
    <ol class="path">{{#episodes}}<li><span class="stage stage-{{key}}">{{stage}}</span> du {{from}}{{#to}} au {{to}}{{/to}}{{^to}}, à ce jour{{/to}}</li>{{/episodes}}</ol>
    {{#hasRelapses}}<h3>Chutes</h3>
    <p>Une chute fait partie du parcours : elle dit ce qui a aidé et ce qui peut aider.</p>
    <ul>{{#relapses}}<li>{{kind}}, à partir du {{startedOn}}{{#endedOn}} jusqu'au {{endedOn}}{{/endedOn}}{{#whatHelped}} — ce qui a aidé : {{whatHelped}}{{/whatHelped}}</li>{{/relapses}}</ul>
    {{/hasRelapses}}
    </section>
    {{#plan}}
    <section aria-labelledby="plan"><h2 id="plan">Plan d'action en vigueur</h2>
    <p>Révisé le {{on}}{{#reviewOn}} ; prochaine révision le {{reviewOn}}{{/reviewOn}}.</p></section>
    {{/plan}}
    {{#safety}}
    <section aria-labelledby="safety"><h2 id="safety">Sécurité</h2><p>Évaluée le {{on}} : danger {{level}}.</p></section>
    {{/safety}}
    {{#hasReferrals}}
    <section aria-labelledby="referrals"><h2 id="referrals">Orientations</h2>
    <ul>{{#referrals}}<li>{{on}} : {{kind}} — {{status}}</li>{{/referrals}}</ul></section>
    {{/hasReferrals}}
    <section aria-labelledby="timeline"><h2 id="timeline">Chronologie</h2>
    <ol class="timeline">{{#timeline}}<li><time>{{day}}</time> <strong>{{act}}</strong> — {{summary}}{{#corrected}} <em>(corrigé)</em>{{/corrected}}</li>{{/timeline}}</ol>
    </section>
    {{> journeyOpenings}}
    </article>
    """

    static let breakGlass = """
    <h1>Accès refusé</h1>
    <p>Accès refusé — {{reason}}. Ce refus est inscrit au journal des accès.</p>
    <section aria-labelledby="glass"><h2 id="glass">Briser la vitre</h2>
    <p>En cas de besoin (un danger, une urgence), vous pouvez ouvrir ce dossier avec une justification écrite.
    Elle est inscrite au journal des accès et l'accès est marqué pour révision par la responsable de la protection des renseignements.</p>
    {{#tooShort}}<p class="error" role="alert" id="justification-error">La justification écrite doit compter au moins {{minimum}} caractères.</p>{{/tooShort}}
    <form method="post" action="/participants/{{participant}}/bris-de-vitre" class="glass-form">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <p><label for="justification">Justification (au moins {{minimum}} caractères)</label>
    <textarea id="justification" name="justification" rows="3" required minlength="{{minimum}}" maxlength="1000"{{#tooShort}} aria-invalid="true" aria-describedby="justification-error"{{/tooShort}}>{{justification}}</textarea></p>
    <p><button type="submit">Ouvrir le dossier en brisant la vitre</button> <a href="/">Retour à ma charge de cas</a></p>
    </form>
    </section>
    """

    static let problem = """
    <h1>{{heading}}</h1>
    <p>{{message}}</p>
    <p><a href="/">Retour à ma charge de cas</a></p>
    """
}
