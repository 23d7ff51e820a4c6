extension PageTemplates {
    /// The recording pages' templates: the list of acts, the generic form and its fields (partials).
    static let recording: [(String, String)] = [("actList", actList), ("actForm", actForm), ("formField", formField), ("aria", aria)]

    static let actList = """
    <h1>{{t.forms.listTitle}} <span class="pseudonym">{{participant}}</span></h1>
    <p>{{t.forms.listIntro}}</p>
    {{#closed}}<p class="notice" role="note">{{t.forms.closedNote}}</p>{{/closed}}
    {{^hasActs}}<p class="notice">{{t.forms.nothingToRecord}}</p>{{/hasActs}}
    {{#moments}}
    <section class="moment" aria-labelledby="moment-{{key}}"><h2 id="moment-{{key}}">{{title}}</h2>
    {{#note}}<p>{{.}}</p>{{/note}}
    {{#hasActs}}<ul class="acts">{{#acts}}<li><a href="{{path}}">{{title}}</a></li>{{/acts}}</ul>{{/hasActs}}
    </section>
    {{/moments}}
    <p><a href="/participants/{{participant}}">{{t.forms.backToJourney}}</a></p>
    """

    static let actForm = """
    <h1>{{title}}{{#participant}} <span class="pseudonym">{{.}}</span>{{/participant}}</h1>
    {{#hasErrors}}
    <section class="error" role="alert" aria-labelledby="errors"><h2 id="errors">{{t.forms.nothingRecorded}}</h2>
    <ul>{{#errors}}<li><a href="#{{anchor}}">{{label}}{{t.typography.colon}}{{message}}</a></li>{{/errors}}</ul></section>
    {{/hasErrors}}
    <div class="guidance">{{#guidance}}<p>{{.}}</p>{{/guidance}}</div>
    {{#caution}}<p class="caution" role="note"><strong>{{t.forms.caution}}</strong> {{.}}</p>{{/caution}}
    <form method="post" action="{{action}}" class="act" id="acte">
    {{#hasGroups}}<button type="submit" class="implicit-submit" tabindex="-1" aria-hidden="true">{{t.forms.submit}}</button>{{/hasGroups}}
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <input type="hidden" name="id" value="{{id}}">
    <input type="hidden" name="openedAt" value="{{openedAt}}">
    {{#fields}}{{> formField}}{{/fields}}
    <p><button type="submit">{{t.forms.submit}}</button> <a href="{{cancel}}">{{t.forms.cancel}}</a></p>
    </form>
    """

    /// One field; a group's rows are fields too. Every field's values carry every key, so a row
    /// never reads its group's.
    static let formField = """
    {{#isHidden}}<input type="hidden" name="{{name}}" value="{{value}}">{{/isHidden}}
    {{#isSingle}}<p class="field"><label for="{{id}}">{{label}}{{^required}} <span class="optional">{{t.forms.optional}}</span>{{/required}}</label>
    {{#hint}}<span class="hint" id="{{hintId}}">{{.}}</span>{{/hint}}
    {{#isText}}<input id="{{id}}" name="{{name}}" value="{{value}}" maxlength="300"{{#requiredAttribute}} required{{/requiredAttribute}}{{#suggestionsId}} list="{{.}}"{{/suggestionsId}}{{> aria}}>{{#suggestionsId}}<datalist id="{{.}}">{{#suggestions}}<option value="{{.}}"></option>{{/suggestions}}</datalist>{{/suggestionsId}}{{/isText}}
    {{#isLongText}}<textarea id="{{id}}" name="{{name}}" rows="3" maxlength="4000"{{#requiredAttribute}} required{{/requiredAttribute}}{{> aria}}>{{value}}</textarea>{{/isLongText}}
    {{#isLines}}<textarea id="{{id}}" name="{{name}}" rows="3" maxlength="4000"{{#requiredAttribute}} required{{/requiredAttribute}}{{> aria}}>{{value}}</textarea>{{/isLines}}
    {{#isNumber}}<input id="{{id}}" name="{{name}}" type="number" min="{{min}}" max="{{max}}" value="{{value}}"{{#requiredAttribute}} required{{/requiredAttribute}}{{> aria}}>{{/isNumber}}
    {{#isDay}}<input id="{{id}}" name="{{name}}" type="date" value="{{value}}"{{#requiredAttribute}} required{{/requiredAttribute}}{{> aria}}>{{/isDay}}
    {{#isInstant}}<input id="{{id}}" name="{{name}}" type="datetime-local" value="{{value}}"{{#requiredAttribute}} required{{/requiredAttribute}}{{> aria}}>{{/isInstant}}
    {{#isChoice}}<select id="{{id}}" name="{{name}}"{{#requiredAttribute}} required{{/requiredAttribute}}{{> aria}}>{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>{{/isChoice}}
    {{#error}}<span class="field-error" id="{{errorId}}">{{.}}</span>{{/error}}</p>{{/isSingle}}
    {{#isYesNo}}<p class="field check"><input type="checkbox" id="{{id}}" name="{{name}}" value="true"{{#checked}} checked{{/checked}}{{> aria}}> <label for="{{id}}">{{label}}</label>
    {{#hint}}<span class="hint" id="{{hintId}}">{{.}}</span>{{/hint}}{{#error}}<span class="field-error" id="{{errorId}}">{{.}}</span>{{/error}}</p>{{/isYesNo}}
    {{#isChoices}}<fieldset class="choices" id="{{id}}"{{#describedBy}} aria-describedby="{{.}}"{{/describedBy}}><legend>{{label}}{{^required}} <span class="optional">{{t.forms.optional}}</span>{{/required}}</legend>
    {{#hint}}<span class="hint" id="{{hintId}}">{{.}}</span>{{/hint}}
    {{#options}}<span class="check"><input type="checkbox" id="{{optionId}}" name="{{name}}" value="{{value}}"{{#checked}} checked{{/checked}}{{#invalid}} aria-invalid="true"{{/invalid}}> <label for="{{optionId}}">{{label}}</label></span>
    {{/options}}{{#error}}<span class="field-error" id="{{errorId}}">{{.}}</span>{{/error}}</fieldset>{{/isChoices}}
    {{#isGroup}}<fieldset class="group" id="{{id}}"{{#describedBy}} aria-describedby="{{.}}"{{/describedBy}}><legend>{{label}}</legend>
    {{#hint}}<p class="hint" id="{{hintId}}">{{.}}</p>{{/hint}}{{#error}}<p class="field-error" id="{{errorId}}">{{.}}</p>{{/error}}
    <input type="hidden" name="{{rowsName}}" value="{{rowsCount}}">
    {{#rows}}<fieldset class="row"><legend>{{legend}}</legend>
    {{#fields}}{{> formField}}{{/fields}}</fieldset>
    {{/rows}}<p><button type="submit" name="_ajouter" value="{{name}}" class="secondary" formnovalidate>{{addLabel}}</button></p></fieldset>{{/isGroup}}
    """

    /// A field's state for assistive technologies: in error, and what describes it.
    static let aria = #"{{#invalid}} aria-invalid="true"{{/invalid}}{{#describedBy}} aria-describedby="{{.}}"{{/describedBy}}"#
}
