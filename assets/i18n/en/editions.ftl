## The editions of the Rules: what the window, the About dialog and the printed documents say about them.

edition-start-to-be-confirmed = (date to be confirmed)
edition-pdf-none-in-force = No edition of the Rules was in force on the application day; the document cannot be worded.
edition-mrz-differs = The MRZ reads otherwise: { $value }. Check the field against the passport's visual zone.
