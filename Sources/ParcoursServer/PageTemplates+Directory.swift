/// The administrator's pages and the one-time link's page (`Catalogue.directory`'s words).
extension PageTemplates {
    static let directoryTemplates: [(String, String)] = [
        ("directory", directory), ("directoryActor", directoryActor), ("enrolmentLink", enrolmentLink), ("welcome", welcome),
        ("fieldErrors", fieldErrors), ("roleChoices", roleChoices),
    ]

    /// The summary of a form's refusals, each a link to its field; nothing was written.
    static let fieldErrors = """
    {{#hasErrors}}
    <section class="error" role="alert" aria-labelledby="errors"><h2 id="errors">{{t.directory.nothingRecorded}}</h2>
    <ul>{{#errors}}<li><a href="#{{field}}">{{label}}{{t.typography.colon}}{{message}}</a></li>{{/errors}}</ul></section>
    {{/hasErrors}}
    """

    static let directory = """
    <h1>{{t.directory.title}}</h1>
    <p>{{t.directory.intro}}</p>
    <table class="directory">
    <caption>{{t.directory.caption}}</caption>
    <thead><tr><th scope="col">{{t.directory.id}}</th><th scope="col">{{t.directory.name}}</th><th scope="col">{{t.directory.organization}}</th>
    <th scope="col">{{t.directory.roles}}</th><th scope="col">{{t.directory.state}}</th></tr></thead>
    <tbody>
    {{#actors}}<tr><th scope="row"><a href="/administration/acteurs/{{id}}">{{id}}</a></th><td>{{name}}</td><td>{{organization}}</td><td>{{roles}}</td>
    <td>{{#active}}{{t.directory.active}}{{/active}}{{^active}}{{t.directory.revoked}}{{/active}}{{#linkWaitsUntil}} — {{t.directory.linkWaits}} {{.}}{{/linkWaitsUntil}}</td></tr>
    {{/actors}}
    </tbody>
    </table>
    <section aria-labelledby="backup"><h2 id="backup">{{t.directory.backupHeading}}</h2>
    <p>{{t.directory.backupExplain}}</p>
    {{#backedUp}}<p class="notice" role="status">{{t.directory.backedUp}} <code>{{.}}</code></p>{{/backedUp}}
    {{#backups}}<form method="post" action="/administration/sauvegarde"><input type="hidden" name="_csrf" value="{{csrf}}">
    <p><button type="submit">{{t.directory.backup}}</button></p></form>{{/backups}}
    {{^backups}}<p>{{t.directory.noBackups}}</p>{{/backups}}
    </section>
    <section aria-labelledby="enrol"><h2 id="enrol">{{t.directory.enrolHeading}}</h2>
    <p>{{t.directory.enrolIntro}}</p>
    {{> fieldErrors}}
    <form method="post" action="/administration/acteurs" class="act">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <p class="field"><label for="actor">{{t.directory.id}}</label> <span class="hint" id="actor-hint">{{t.directory.idHint}}</span>
    <input id="actor" name="actor" value="{{actor}}" maxlength="64" required aria-describedby="actor-hint{{#actorError}} actor-error{{/actorError}}"{{#actorError}} aria-invalid="true"{{/actorError}}>
    {{#actorError}}<span class="field-error" id="actor-error">{{.}}</span>{{/actorError}}</p>
    <p class="field"><label for="name">{{t.directory.name}}</label>
    <input id="name" name="name" value="{{name}}" maxlength="200" required{{#nameError}} aria-invalid="true" aria-describedby="name-error"{{/nameError}}>
    {{#nameError}}<span class="field-error" id="name-error">{{.}}</span>{{/nameError}}</p>
    <p class="field"><label for="organization">{{t.directory.organization}}</label>
    <input id="organization" name="organization" value="{{organization}}" maxlength="200" required{{#organizationError}} aria-invalid="true" aria-describedby="organization-error"{{/organizationError}}>
    {{#organizationError}}<span class="field-error" id="organization-error">{{.}}</span>{{/organizationError}}</p>
    {{> roleChoices}}
    <p><button type="submit">{{t.directory.enrol}}</button></p>
    </form>
    </section>
    """

    /// The roles as boxes to tick, with their refusal.
    static let roleChoices = """
    <fieldset class="choices" id="roles"{{#rolesError}} aria-describedby="roles-error"{{/rolesError}}><legend>{{t.directory.roles}}</legend>
    {{#roleOptions}}<span class="check"><input type="checkbox" id="role-{{value}}" name="roles" value="{{value}}"{{#checked}} checked{{/checked}}> <label for="role-{{value}}">{{label}}</label></span>
    {{/roleOptions}}
    {{#rolesError}}<span class="field-error" id="roles-error">{{.}}</span>{{/rolesError}}
    </fieldset>
    """

    static let directoryActor = """
    <h1>{{t.directory.actorTitle}} <span class="pseudonym">{{id}}</span></h1>
    <dl>
    <dt>{{t.directory.name}}</dt><dd>{{name}}</dd>
    <dt>{{t.directory.organization}}</dt><dd>{{organization}}</dd>
    <dt>{{t.directory.roles}}</dt><dd>{{roles}}</dd>
    <dt>{{t.directory.state}}</dt><dd>{{#active}}{{t.directory.active}}{{/active}}{{^active}}{{t.directory.revoked}}{{/active}}{{#linkWaitsUntil}} — {{t.directory.linkWaits}} {{.}}{{/linkWaitsUntil}}</dd>
    </dl>
    {{#notice}}<p class="notice" role="status">{{.}}</p>{{/notice}}
    {{> fieldErrors}}
    {{#active}}
    <section aria-labelledby="roles-heading"><h2 id="roles-heading">{{t.directory.rolesHeading}}</h2>
    <form method="post" action="/administration/acteurs/{{id}}/roles" class="act">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    {{> roleChoices}}
    <p><button type="submit">{{t.directory.changeRoles}}</button></p>
    </form></section>
    <section aria-labelledby="key-heading"><h2 id="key-heading">{{t.directory.keyHeading}}</h2>
    <p>{{t.directory.keyExplain}}</p>
    <form method="post" action="/administration/acteurs/{{id}}/cle">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <p><button type="submit">{{t.directory.rotate}}</button></p>
    </form></section>
    <section aria-labelledby="sessions-heading"><h2 id="sessions-heading">{{t.directory.sessionsHeading}}</h2>
    {{^hasSessions}}<p>{{t.directory.noSessions}}</p>{{/hasSessions}}
    {{#hasSessions}}<table class="sessions">
    <caption>{{t.sessions.caption}}</caption>
    <thead><tr><th scope="col">{{t.sessions.device}}</th><th scope="col">{{t.sessions.since}}</th><th scope="col">{{t.sessions.lastSeen}}</th><th scope="col"><span class="visually-hidden">{{t.sessions.action}}</span></th></tr></thead>
    <tbody>
    {{#sessions}}<tr><td>{{device}}</td><td>{{since}}</td><td>{{lastSeen}}</td>
    <td><form method="post" action="/administration/acteurs/{{id}}/sessions/fin"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="session" value="{{handle}}">
    <button type="submit">{{t.sessions.end}}</button></form></td></tr>
    {{/sessions}}
    </tbody>
    </table>{{/hasSessions}}
    </section>
    <section aria-labelledby="revoke-heading"><h2 id="revoke-heading">{{t.directory.revokeHeading}}</h2>
    <p>{{t.directory.revokeExplain}}</p>
    <form method="post" action="/administration/acteurs/{{id}}/revocation" class="act">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <p class="field"><label for="reason">{{t.directory.reason}}</label>
    <input id="reason" name="reason" value="{{reason}}" maxlength="200" required{{#reasonError}} aria-invalid="true" aria-describedby="reason-error"{{/reasonError}}>
    {{#reasonError}}<span class="field-error" id="reason-error">{{.}}</span>{{/reasonError}}</p>
    <p><button type="submit">{{t.directory.revoke}}</button></p>
    </form></section>
    {{/active}}
    {{^active}}<p>{{t.directory.revokedNotice}}</p>{{/active}}
    <p><a href="/administration">{{t.directory.backToDirectory}}</a></p>
    """

    static let enrolmentLink = """
    <h1>{{t.directory.linkHeading}}</h1>
    <p>{{t.directory.linkFor}} <strong>{{actor}}</strong>.</p>
    <p class="link"><code id="link">{{url}}</code></p>
    <p>{{t.directory.linkExplain}} {{expires}}.</p>
    <p class="notice" role="note">{{t.directory.linkOnce}}</p>
    <p><a href="/administration/acteurs/{{actor}}">{{t.directory.backToDirectory}}</a></p>
    """

    static let welcome = """
    <h1>{{t.directory.welcomeTitle}}</h1>
    <p>{{t.directory.welcomeIntro}}</p>
    {{> fieldErrors}}
    <form method="post" action="{{action}}" class="sign-in">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <p>{{t.directory.yourId}}{{t.typography.colon}}<strong>{{actor}}</strong></p>
    <input type="hidden" name="username" value="{{actor}}" autocomplete="username">
    <p class="field"><label for="passphrase">{{t.directory.passphrase}}</label> <span class="hint" id="passphrase-hint">{{t.directory.passphraseHint}}</span>
    <input id="passphrase" name="passphrase" type="password" autocomplete="new-password" required minlength="10" maxlength="1024" aria-describedby="passphrase-hint{{#passphraseError}} passphrase-error{{/passphraseError}}"{{#passphraseError}} aria-invalid="true"{{/passphraseError}}>
    {{#passphraseError}}<span class="field-error" id="passphrase-error">{{.}}</span>{{/passphraseError}}</p>
    <p class="field"><label for="confirmation">{{t.directory.confirm}}</label>
    <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required maxlength="1024"{{#confirmationError}} aria-invalid="true" aria-describedby="confirmation-error"{{/confirmationError}}>
    {{#confirmationError}}<span class="field-error" id="confirmation-error">{{.}}</span>{{/confirmationError}}</p>
    <p><button type="submit">{{t.directory.choose}}</button></p>
    </form>
    """
}
