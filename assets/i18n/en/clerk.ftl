### The counter window as a clerk sees it: representatives, drafts, notices, history, the PDF viewer (issues 14, 15).

clerk-basis-legal = Legal representative (parent, guardian)
clerk-basis-power-of-attorney = By a notarized power of attorney
clerk-discard-draft = Discard…
clerk-discard-title = Discard the draft?
clerk-discard-question = The draft of { $name } will be deleted; it cannot be restored.
clerk-discard-confirm = Discard the draft
clerk-discard-keep = Keep it
clerk-draft-discarded = Draft discarded
clerk-draft-no-name = (no name yet)
