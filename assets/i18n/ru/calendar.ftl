## The working calendar: holiday names and the errors of an imported calendar file.

holiday-new-year = Новый год
holiday-orthodox-christmas = Православное Рождество
holiday-womens-day = Международный женский день
holiday-nauryz = Наурыз мейрамы
holiday-unity-day = Праздник единства народа Казахстана
holiday-defender-day = День защитника Отечества
holiday-victory-day = День Победы
holiday-capital-day = День Столицы
holiday-constitution-day = День Конституции Республики Казахстан
holiday-republic-day = День Республики
holiday-independence-day = День Независимости
calendar-error-json = файл календаря не является JSON ожидаемого вида (строка { $line }, столбец { $column }: { $detail }); ожидается: {"{"}"year": 2025, "days": [{"{"}"date": "YYYY-MM-DD", "kind": "working" | "holiday", "note": "..."{"}"}]{"}"}
calendar-error-year-out-of-range = файл календаря составлен на { $year } год; ожидается год от { $min } до { $max }
calendar-error-date-outside-year = в записи № { $entry } списка «days» дата { $date } не относится к { $year } году; ожидается дата с { $year }-01-01 по { $year }-12-31
calendar-error-duplicate-date = запись № { $entry } списка «days» повторяет дату { $date }, уже указанную в записи № { $first }; каждая дата должна встречаться не более одного раза
