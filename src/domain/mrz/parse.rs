//! Field decoding by the `mrz` crate: its refusals as [`MrzReadError`]s, its
//! check results as verdicts, and its dates as chrono dates.

use chrono::NaiveDate;

use super::{CheckField, CheckVerdict, MrzFormat, MrzReadError};

/// Parses the zone with the `mrz` crate, translating its refusals.
pub(super) fn parse(
    format: MrzFormat,
    cells: &[Vec<char>],
    options: &::mrz::ParseOptions,
) -> Result<::mrz::MrzData, MrzReadError> {
    let lines: Vec<String> = cells.iter().map(|line| line.iter().collect()).collect();
    let result = match (format, lines.as_slice()) {
        (MrzFormat::Td3, [first, second]) => ::mrz::parse_td3_with(first, second, options),
        (MrzFormat::Td2, [first, second]) => ::mrz::parse_td2_with(first, second, options),
        (MrzFormat::Td1, [first, second, third]) => {
            ::mrz::parse_td1_with(first, second, third, options)
        }
        _ => {
            return Err(MrzReadError::Incomplete {
                format,
                lines_found: lines.len(),
                lines_expected: format.line_count(),
            })
        }
    };
    result.map_err(|error| match error {
        ::mrz::MrzError::BadLength { expected, got } => MrzReadError::BadLength {
            format,
            line: 1,
            length: got,
            expected,
        },
        ::mrz::MrzError::BadCharacter {
            character,
            line,
            position,
        } => MrzReadError::BadCharacter {
            line: line.unwrap_or(0) + 1,
            position: position + 1,
            character,
        },
        ::mrz::MrzError::BadDocumentCode(code) => MrzReadError::BadDocumentCode { format, code },
        ::mrz::MrzError::LeadingFiller { line, position, .. } => MrzReadError::LeadingFiller {
            line: line + 1,
            position: position + 1,
        },
        _ => MrzReadError::NotAnMrz,
    })
}

/// The crate's check results as verdicts, in zone order.
pub(super) fn verdicts(checks: &::mrz::Checks) -> Vec<CheckVerdict> {
    [
        (CheckField::DocumentNumber, checks.document_number),
        (CheckField::BirthDate, checks.date_of_birth),
        (CheckField::ExpiryDate, checks.date_of_expiry),
        (CheckField::PersonalNumber, checks.personal_number),
        (CheckField::Composite, checks.composite),
    ]
    .into_iter()
    .filter_map(|(field, ok)| ok.map(|ok| CheckVerdict { field, ok }))
    .collect()
}

/// Whether repairs turned a passing composite check into a failing one.
pub(super) fn composite_lost(before: &::mrz::Checks, after: &::mrz::Checks) -> bool {
    before.composite == Some(true) && after.composite != Some(true)
}

/// Converts a crate date into a chrono date.
pub(super) fn naive_date(date: ::mrz::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(date.year, date.month, date.day)
}

/// The birth date, moved to the previous century if it would be after `today`.
pub(super) fn birth_date(date: ::mrz::MrzDate, today: NaiveDate) -> Option<NaiveDate> {
    let date = date.calendar()?;
    let candidate = naive_date(date)?;
    if candidate <= today {
        Some(candidate)
    } else {
        NaiveDate::from_ymd_opt(date.year - 100, date.month, date.day)
    }
}
