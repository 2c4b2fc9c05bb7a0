## The working calendar: holiday names and the errors of an imported calendar file.

holiday-new-year = New Year
holiday-orthodox-christmas = Orthodox Christmas
holiday-womens-day = International Women's Day
holiday-nauryz = Nauryz
holiday-unity-day = Unity Day of the People of Kazakhstan
holiday-defender-day = Defender of the Fatherland Day
holiday-victory-day = Victory Day
holiday-capital-day = Capital Day
holiday-constitution-day = Constitution Day
holiday-republic-day = Republic Day
holiday-independence-day = Independence Day
calendar-error-json = the calendar file is not valid JSON of the expected shape (line { $line }, column { $column }: { $detail }); expected {"{"}"year": 2025, "days": [{"{"}"date": "YYYY-MM-DD", "kind": "working" or "holiday", "note": "..."{"}"}]{"}"}
calendar-error-year-out-of-range = the calendar file is for the year { $year }; expected a year from { $min } to { $max }
calendar-error-date-outside-year = entry { $entry } in "days" has the date { $date }, which is not in the year { $year }; expected a date from { $year }-01-01 to { $year }-12-31
calendar-error-duplicate-date = entry { $entry } in "days" repeats the date { $date }, already listed in entry { $first }; expected each date at most once
