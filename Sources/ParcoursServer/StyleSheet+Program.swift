extension StyleSheet {
    /// The coordinator's pages: the period form, the picture's key figures and its tables.
    /// The charts keep the one calm palette; nothing here is an alarm colour.
    static let program = """
    form.period { margin: 1rem 0; padding: .5rem 1rem 1rem; background: var(--soft); border-radius: 4px; max-width: 48rem; }
    form.period h2 { margin-top: .5rem; }
    .period-fields { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; } .period-fields p { margin: 0; }
    .period-fields input { width: 12rem; }
    dl.figures { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; margin: 1rem 0; }
    dl.figures dt { color: var(--muted); font-size: .9rem; } dl.figures dd { margin: 0; font-size: 1.25rem; font-weight: 600; }
    .figures-table { max-width: 48rem; margin: .5rem 0 1.5rem; font-variant-numeric: tabular-nums; }
    .caseloads .role { color: var(--muted); font-weight: 400; margin-left: .5rem; }
    """
}
