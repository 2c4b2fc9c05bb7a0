//! The messages of [`CalendarError`] in the administrator's language.

use super::{CalendarError, MAX_FILE_YEAR, MIN_FILE_YEAR};
use crate::domain::lang::Lang;

impl CalendarError {
    /// The message for the administrator in `lang`, naming the faulty entry
    /// and what was expected instead.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let kk = lang == Lang::Kk;
        match self {
            CalendarError::Json {
                line,
                column,
                detail,
            } => {
                // The expected shape is the same JSON in every language.
                let shape = "{\"year\": 2025, \"days\": [{\"date\": \"YYYY-MM-DD\", \"kind\": \
                             \"working\" | \"holiday\", \"note\": \"...\"}]}";
                if kk {
                    format!(
                        "күнтізбе файлы күтілген түрдегі JSON емес ({line}-жол, {column}-баған: \
                         {detail}); күтілетін түрі: {shape}"
                    )
                } else {
                    format!(
                        "файл календаря не является JSON ожидаемого вида (строка {line}, столбец \
                         {column}: {detail}); ожидается: {shape}"
                    )
                }
            }
            CalendarError::YearOutOfRange { year } => {
                if kk {
                    format!(
                        "күнтізбе файлы {year} жылға арналған; {MIN_FILE_YEAR} бен \
                         {MAX_FILE_YEAR} аралығындағы жыл күтіледі"
                    )
                } else {
                    format!(
                        "файл календаря составлен на {year} год; ожидается год от \
                         {MIN_FILE_YEAR} до {MAX_FILE_YEAR}"
                    )
                }
            }
            CalendarError::DateOutsideYear { index, date, year } => {
                let n = index.saturating_add(1);
                if kk {
                    format!(
                        "«days» тізіміндегі № {n} жазбаның {date} күні {year} жылға жатпайды; \
                         {year}-01-01 мен {year}-12-31 аралығындағы күн күтіледі"
                    )
                } else {
                    format!(
                        "в записи № {n} списка «days» дата {date} не относится к {year} году; \
                         ожидается дата с {year}-01-01 по {year}-12-31"
                    )
                }
            }
            CalendarError::DuplicateDate {
                index,
                first_index,
                date,
            } => {
                let n = index.saturating_add(1);
                let first = first_index.saturating_add(1);
                if kk {
                    format!(
                        "«days» тізіміндегі № {n} жазба {date} күнін қайталайды, ол № {first} \
                         жазбада бұрыннан бар; әр күн тек бір рет көрсетілуі тиіс"
                    )
                } else {
                    format!(
                        "запись № {n} списка «days» повторяет дату {date}, уже указанную в \
                         записи № {first}; каждая дата должна встречаться не более одного раза"
                    )
                }
            }
        }
    }
}
