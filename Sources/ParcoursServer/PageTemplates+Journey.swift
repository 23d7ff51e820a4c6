/// The journey page's parts drawn from the path: the chart through both models and its table,
/// the rulers, and the care team's panel of who opened the record. Partials of
/// `PageTemplates.journey`; the charts are SVG the server drew, every text in them escaped.
/// Beside them, the whole timeline's page and the parts it shares with the journey's.
extension PageTemplates {
    /// A participant's whole timeline, most recent first; the journey page shows its latest acts.
    static let timeline = """
    <article class="journey">
    <header class="identity">
    <h1>{{name}} <span class="pseudonym">{{participant}}</span></h1>
    {{> glassBanner}}
    <p class="actions"><a href="/participants/{{participant}}">{{t.record.backToJourney}}</a></p>
    </header>
    <section aria-labelledby="timeline"><h2 id="timeline">{{t.record.timelineTitle}} ({{actCount}})</h2>
    {{#partial}}<p class="notice" role="note">{{t.record.partial}} {{shown}}.</p>{{/partial}}
    {{> timelineList}}
    </section>
    </article>
    """

    /// The timeline's acts, the most recent first, numbered from the first act on; corrections marked (`RecordRows.timeline`).
    static let timelineList = """
    <ol class="timeline" reversed start="{{actCount}}">{{{timelineRows}}}</ol>
    """

    /// While the glass is broken for this record: the banner, its time limit, and the button that closes it.
    static let glassBanner = """
    {{#brokeGlass}}<div class="glass" role="alert"><p>{{t.record.glass}}</p>
    {{#glassUntil}}<form method="post" action="/participants/{{participant}}/bris-de-vitre/fin"><input type="hidden" name="_csrf" value="{{csrf}}">
    <p>{{t.record.glassUntil}} {{time}}, {{t.record.glassEachRead}} <button type="submit">{{t.record.glassClose}}</button></p></form>{{/glassUntil}}</div>{{/brokeGlass}}
    """

    static let journeyPath = """
    {{#showPath}}
    <figure class="chart-figure">
    {{{pathChart}}}
    <figcaption>{{t.journey.pathCaption}}</figcaption>
    </figure>
    {{#hasAssessments}}
    <table class="assessments">
    <caption>{{t.journey.tableCaption}}</caption>
    <thead><tr><th scope="col">{{t.journey.date}}</th><th scope="col">{{t.journey.wheelStage}}</th><th scope="col">{{t.journey.engagementStep}}</th>
    <th scope="col">{{t.journey.importance}}</th><th scope="col">{{t.journey.confidence}}</th></tr></thead>
    <tbody>
    {{{assessmentRows}}}</tbody>
    </table>
    <h3>{{t.journey.rulersHeading}}</h3>
    <figure class="chart-figure">
    {{{rulerChart}}}
    <figcaption>{{t.journey.rulersCaption}}</figcaption>
    </figure>
    {{/hasAssessments}}
    {{/showPath}}
    """

    static let journeyOpenings = """
    {{#openings}}
    <section class="openings" aria-labelledby="openings"><h2 id="openings">{{t.journey.openingsHeading}}</h2>
    <p>{{t.journey.openingsIntro}}</p>
    {{^hasEntries}}<p>{{t.journey.openingsNone}}</p>{{/hasEntries}}
    {{#hasEntries}}
    <table>
    <caption>{{t.journey.openingsCaption}}</caption>
    <thead><tr><th scope="col">{{t.journey.when}}</th><th scope="col">{{t.journey.who}}</th><th scope="col">{{t.journey.what}}</th>
    <th scope="col">{{t.journey.purpose}}</th><th scope="col">{{t.journey.outcome}}</th></tr></thead>
    <tbody>
    {{{openingRows}}}</tbody>
    </table>
    {{/hasEntries}}
    </section>
    {{/openings}}
    """
}
