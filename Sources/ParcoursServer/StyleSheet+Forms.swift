extension StyleSheet {
    /// The recording forms' styles. A relapse's form is drawn like every other: calm tones, no alarm.
    static let forms = """
    .guidance p { max-width: 48rem; }
    .caution { max-width: 48rem; background: var(--flag-bg); border-left: 4px solid var(--flag); padding: .5rem 1rem; }
    form.act .field { margin: 0 0 1rem; }
    .hint { display: block; color: var(--muted); font-size: .9rem; margin-bottom: .25rem; max-width: 40rem; }
    .optional { font-weight: 400; color: var(--muted); }
    .check label { display: inline; font-weight: 400; }
    .check input { width: auto; }
    fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 0 0 1rem; padding: .5rem 1rem; max-width: 48rem; }
    fieldset.row { border-style: dashed; }
    legend { font-weight: 600; padding: 0 .25rem; }
    .choices .check { display: block; margin: .25rem 0; }
    button.secondary { background: #fff; color: var(--accent); }
    .implicit-submit { position: absolute; left: -999px; }
    ul.acts { padding-left: 1.25rem; } ul.acts li { margin-bottom: .35rem; }
    .actions a + a { margin-left: 1rem; }
    """
}
