/// The pages' only style sheet, served by the server itself (no CDN; CSP `style-src 'self'`).
/// Relapses are drawn in the same calm tones as every stage: part of the path, never an alarm.
enum StyleSheet {
    static let css = """
    :root { --ink: #1d2430; --muted: #56606f; --line: #c9d1dc; --accent: #1f5f8b; --soft: #eef3f8; --flag: #7a4d00; --flag-bg: #fff4dd; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: #fff; }
    a { color: var(--accent); }
    a:focus, button:focus, input:focus { outline: 3px solid #f2b400; outline-offset: 2px; }
    .banner { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; padding: .75rem 1.5rem; background: var(--soft); border-bottom: 1px solid var(--line); }
    .brand { margin: 0; font-weight: 700; } .brand span { color: var(--muted); font-weight: 400; margin-left: .5rem; }
    .banner nav { display: flex; gap: 1.25rem; }
    .skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .25rem .5rem; }
    .language { margin: 0 0 0 auto; } .language button { background: #fff; color: var(--accent); }
    .sign-out { display: flex; gap: .5rem; align-items: center; margin: 0; }
    main { padding: 1.5rem; max-width: 72rem; }
    h1 { font-size: 1.6rem; margin-top: 0; } h2 { font-size: 1.25rem; margin-top: 2rem; }
    label { display: block; font-weight: 600; margin-bottom: .25rem; }
    input { font: inherit; padding: .5rem; border: 1px solid var(--muted); border-radius: 4px; width: min(100%, 24rem); }
    button { font: inherit; padding: .5rem 1rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
    .error { color: #8a1c1c; background: #fdecec; border-left: 4px solid #8a1c1c; padding: .5rem 1rem; }
    .notice { background: var(--soft); border-left: 4px solid var(--accent); padding: .5rem 1rem; }
    table { border-collapse: collapse; width: 100%; } caption { text-align: left; color: var(--muted); padding-bottom: .5rem; }
    th, td { text-align: left; padding: .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    tr.attention th { border-left: 4px solid var(--flag); }
    .flag { display: inline-block; color: var(--flag); background: var(--flag-bg); font-weight: 600; font-size: .875rem; padding: 0 .35rem; border-radius: 3px; }
    .identity dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
    .identity dt { font-weight: 600; } .identity dd { margin: 0; }
    th[scope=row] a { white-space: nowrap; }
    .pseudonym { font-size: 1rem; color: var(--muted); font-weight: 400; margin-left: .5rem; }
    .path li, .timeline li { margin-bottom: .35rem; }
    .stage { display: inline-block; padding: 0 .4rem; border-radius: 3px; background: var(--soft); border: 1px solid var(--line); }
    select, textarea { font: inherit; padding: .5rem; border: 1px solid var(--muted); border-radius: 4px; width: min(100%, 32rem); }
    .field-error { display: block; color: #8a1c1c; font-weight: 600; margin-top: .25rem; }
    [aria-invalid=true] { border: 2px solid #8a1c1c; }
    .actions a { font-weight: 600; }
    .glass { background: var(--flag-bg); border-left: 4px solid var(--flag); padding: .5rem 1rem; font-weight: 600; }
    .caseload-view { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; } .caseload-view p { margin: 0; }
    .hint { display: block; color: var(--muted); font-size: .9rem; margin-top: .25rem; }
    .typed-key code { font-size: 1.25rem; letter-spacing: .05em; background: var(--soft); padding: .25rem .5rem; border-radius: 4px; }
    .idle-warning { background: var(--flag-bg); border-bottom: 2px solid var(--flag); padding: .75rem 1.5rem; }
    .idle-warning[hidden] { display: none; } .idle-warning p { margin: 0 0 .5rem; }
    .flag-calm { font-size: .875rem; background: var(--soft); padding: 0 .35rem; border-radius: 3px; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    time { font-variant-numeric: tabular-nums; color: var(--muted); }
    .chart-figure { margin: 1rem 0; } .chart { width: 100%; max-width: 48rem; height: auto; display: block; }
    .chart-figure figcaption { color: var(--muted); font-size: .875rem; margin-top: .25rem; }
    .assessments, .openings table { margin: 1rem 0; font-variant-numeric: tabular-nums; }
    .openings .role { color: var(--muted); } .openings tr.review td:first-child { border-left: 4px solid var(--flag); }
    """
}
