### The counter window as a clerk sees it: representatives, drafts, notices, history, the PDF viewer (issues 14, 15).

clerk-basis-legal = Legal representative (parent, guardian)
clerk-basis-power-of-attorney = By a notarized power of attorney
