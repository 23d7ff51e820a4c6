extension StyleSheet {
    /// The privacy officer's pages: facts as a grid, hashes and signed notes that wrap instead of widening the page.
    static let privacy = """
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
    .facts dt { font-weight: 600; } .facts dd { margin: 0; overflow-wrap: anywhere; }
    pre.signed-note { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--soft); padding: .75rem 1rem; border-radius: 4px; }
    .checkpoints code { overflow-wrap: anywhere; } .access-log td { overflow-wrap: break-word; }
    .review-item { border-top: 1px solid var(--line); padding-top: .5rem; }
    """
}
