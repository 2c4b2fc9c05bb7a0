## The working calendar: holiday names and the errors of an imported calendar file.

holiday-new-year = Жаңа жыл
holiday-orthodox-christmas = Православиелік Рождество
holiday-womens-day = Халықаралық әйелдер күні
holiday-nauryz = Наурыз мейрамы
holiday-unity-day = Қазақстан халқының бірлігі мерекесі
holiday-defender-day = Отан қорғаушы күні
holiday-victory-day = Жеңіс күні
holiday-capital-day = Астана күні
holiday-constitution-day = Қазақстан Республикасының Конституциясы күні
holiday-republic-day = Республика күні
holiday-independence-day = Тәуелсіздік күні
calendar-error-json = күнтізбе файлы күтілген түрдегі JSON емес ({ $line }-жол, { $column }-баған: { $detail }); күтілетін түрі: {"{"}"year": 2025, "days": [{"{"}"date": "YYYY-MM-DD", "kind": "working" | "holiday", "note": "..."{"}"}]{"}"}
calendar-error-year-out-of-range = күнтізбе файлы { $year } жылға арналған; { $min } бен { $max } аралығындағы жыл күтіледі
calendar-error-date-outside-year = «days» тізіміндегі № { $entry } жазбаның { $date } күні { $year } жылға жатпайды; { $year }-01-01 мен { $year }-12-31 аралығындағы күн күтіледі
calendar-error-duplicate-date = «days» тізіміндегі № { $entry } жазба { $date } күнін қайталайды, ол № { $first } жазбада бұрыннан бар; әр күн тек бір рет көрсетілуі тиіс
