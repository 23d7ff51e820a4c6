import Mustache

/// The pages' Mustache templates, compiled once for each language: the catalogue's words
/// (`{{t.page.key}}`) are put into the template text then, escaped, so a page's rendering only
/// looks up its own values. Every `{{value}}` is HTML-escaped (`MarkupContentType`); only charts
/// and rows the server wrote are inserted as rendered, with `{{{…}}}` (the longest as `Markup`,
/// which `PageAssembly` puts into the answer without Mustache). No inline script or style.
///
/// What every request or the most frequent one shows is written without Mustache, with a
/// `MarkupWriter`: the layout around every page (`PageLayout`), and the journey's pages (`JourneyPage`).
enum PageTemplates {
    static let templates: [(String, String)] = [
        ("signIn", signIn), ("caseload", caseload), ("problem", problem),
        ("breakGlass", breakGlass), ("secondFactor", secondFactor), ("sessions", sessions),
    ] + recording
    // Each workspace's templates, one line each.
        + directoryTemplates
        + program
        + research
        + privacy + privacyForms

    private static let libraries: [Language: MustacheLibrary] = {
        MustacheContentTypes.register(MarkupContentType(), named: MarkupContentType.name)
        return Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, library(in: $0)) })
    }()

    /// Every template with the words of `language` in it; a template that does not parse, or names a
    /// word the catalogue lacks, stops the server at its start.
    static func library(in language: Language) -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in templates {
            let worded: String
            do { worded = try Catalogue.words(in: text, language: language) } catch { fatalError("template \(name): \(error)") }
            guard !worded.utf8.contains(where: { $0 == PageAssembly.open || $0 == PageAssembly.close }) else {
                fatalError("template \(name) holds a character pages are put together with")
            }
            do { try library.register("{{% CONTENT_TYPE: \(MarkupContentType.name)}}" + worded, named: name) } catch {
                fatalError("template \(name) does not parse: \(error)")
            }
        }
        return library
    }

    static func render(_ name: String, _ values: [String: Any], in language: Language) -> String {
        libraries[language]!.render(values, withTemplate: name) ?? ""
    }

    static let signIn = """
    <h1>{{t.signIn.title}}</h1>
    {{#failed}}<p class="error" role="alert">{{t.signIn.failed}}</p>{{/failed}}
    {{#throttled}}<p class="error" role="alert">{{t.signIn.throttled}}</p>{{/throttled}}
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
    <h1>{{t.caseload.title}}</h1>
    {{#mayAdmit}}<p class="actions"><a href="/admission">{{t.forms.admit}}</a></p>{{/mayAdmit}}
    {{^followsSomeone}}<p>{{t.caseload.empty}}</p>{{/followsSomeone}}
    {{> caseloadList}}
    """

    /// A caseload's view form and table: the clinician's own page and the one a coordinator supervises.
    static let caseloadList = """
    {{#followsSomeone}}
    <form method="get" action="{{viewAction}}" class="caseload-view">
    <p><label for="vue">{{t.caseload.filter}}</label>
    <select id="vue" name="vue">{{#filters}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/filters}}</select></p>
    <p><label for="tri">{{t.caseload.order}}</label>
    <select id="tri" name="tri">{{#orders}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/orders}}</select></p>
    <p><button type="submit">{{t.caseload.show}}</button></p>
    </form>
    <p role="status">{{t.caseload.shown}} {{shownCount}} {{t.caseload.of}} {{totalCount}}.</p>
    {{^hasEntries}}<p>{{t.caseload.noneShown}}</p>{{/hasEntries}}
    {{/followsSomeone}}
    {{#hasEntries}}
    <table class="caseload">
    <caption>{{caption}}</caption>
    <thead><tr><th scope="col">{{t.caseload.person}}</th><th scope="col">{{t.caseload.step}}</th><th scope="col">{{t.caseload.stage}}</th>
    <th scope="col">{{t.caseload.lastContact}}</th><th scope="col">{{t.caseload.nextReview}}</th><th scope="col">{{t.caseload.openReferrals}}</th>
    <th scope="col">{{t.caseload.safety}}</th><th scope="col">{{t.caseload.warnings}}</th><th scope="col">{{t.caseload.followUp}}</th></tr></thead>
    <tbody>
    {{#entries}}
    <tr{{#attention}} class="attention"{{/attention}}>
    <th scope="row"><a href="/participants/{{participant}}">{{participant}}</a></th>
    <td>{{step}}</td><td>{{stage}}</td>
    <td>{{lastContact}}{{#silent}} <strong class="flag">{{t.caseload.silentBefore}} {{silentDays}} {{t.caseload.days}}</strong>{{/silent}}</td>
    <td>{{nextReview}}{{#overdue}} <strong class="flag">{{t.caseload.reviewDue}}</strong>{{/overdue}}</td>
    <td>{{openReferrals}}</td><td>{{safety}}</td><td>{{openWarnings}}</td><td>{{followUp}}</td>
    </tr>
    {{/entries}}
    </tbody>
    </table>
    {{/hasEntries}}
    """

    static let breakGlass = """
    <h1>{{t.breakGlass.title}}</h1>
    <p>{{t.breakGlass.refused}} {{reason}}. {{t.breakGlass.recorded}}</p>
    <section aria-labelledby="glass"><h2 id="glass">{{t.breakGlass.heading}}</h2>
    <p>{{t.breakGlass.explain}}</p>
    {{#tooShort}}<p class="error" role="alert" id="justification-error">{{t.breakGlass.tooShort}} {{minimum}} {{t.breakGlass.characters}}.</p>{{/tooShort}}
    {{#tooLong}}<p class="error" role="alert" id="justification-error">{{t.breakGlass.tooLong}} {{maximum}} {{t.breakGlass.characters}}.</p>{{/tooLong}}
    <form method="post" action="/participants/{{participant}}/bris-de-vitre" class="glass-form">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <p><label for="justification">{{t.breakGlass.label}} {{minimum}} {{t.breakGlass.characters}})</label>
    <textarea id="justification" name="justification" rows="3" required minlength="{{minimum}}" maxlength="{{maximum}}"{{#invalid}} aria-invalid="true" aria-describedby="justification-error"{{/invalid}}>{{justification}}</textarea></p>
    <p><button type="submit">{{t.breakGlass.submit}}</button> <a href="/">{{t.breakGlass.back}}</a></p>
    </form>
    </section>
    """

    static let problem = """
    <h1>{{heading}}</h1>
    <p>{{message}}</p>
    <p><a href="/">{{t.problem.back}}</a></p>
    """
}
