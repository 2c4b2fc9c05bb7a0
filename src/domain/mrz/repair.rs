//! Look-alike repair: a letter/digit misread is corrected only where a check digit
//! proves the correction.

use chrono::NaiveDate;

use super::check_digits::{cell, field_verifies, slice, CheckedField, Kind, Layout};
use super::{CheckField, MrzFormat, Repair};

/// The digits a letter can be a misread of.
fn digits_like(c: char) -> &'static [char] {
    match c {
        'O' | 'D' | 'Q' => &['0'],
        'I' | 'L' => &['1'],
        'T' => &['1', '7'],
        'Z' => &['2'],
        'A' => &['4'],
        'S' => &['5'],
        'G' => &['6', '9'],
        'B' => &['8'],
        _ => &[],
    }
}

/// The letters a digit can be a misread of.
fn letters_like(c: char) -> &'static [char] {
    match c {
        '0' => &['O', 'D', 'Q'],
        '1' => &['I', 'L', 'T'],
        '2' => &['Z'],
        '4' => &['A'],
        '5' => &['S'],
        '6' => &['G'],
        '7' => &['T'],
        '8' => &['B'],
        '9' => &['G'],
        _ => &[],
    }
}

/// Whether a six-character date field names a real calendar day.
fn is_calendar_date(field: &[char]) -> bool {
    let digits: Option<Vec<u32>> = field.iter().map(|c| c.to_digit(10)).collect();
    match digits.as_deref() {
        Some([y1, y2, m1, m2, d1, d2]) => {
            let year = 2000 + i32::try_from(y1 * 10 + y2).unwrap_or(0);
            NaiveDate::from_ymd_opt(year, m1 * 10 + m2, d1 * 10 + d2).is_some()
        }
        _ => false,
    }
}

/// Most combinations tried for one field; more means too much damage to prove anything.
const MAX_CANDIDATES: usize = 512;

/// The one correction that makes `field` agree with its check digit, as
/// `(position in the field's cells plus check digit, corrected character)`
/// pairs, or `None` when there is no such correction or more than one.
///
/// Letters in cells that must be digits (a date, a check digit) are replaced
/// by the digits they look like. Only when that proves nothing, one more
/// look-alike swap is tried inside a number, and only where both neighbours
/// are of the kind the swap produces (a letter between digits becomes a
/// digit, a digit between letters a letter), because a swap at the edge of a
/// number would too often satisfy the check digit by coincidence.
fn prove_field(cells: &[Vec<char>], field: &CheckedField) -> Option<Vec<(usize, char)>> {
    let (line, start, end) = field.span;
    let row = cells.get(line)?;
    let mut values: Vec<char> = row.get(start..end)?.to_vec();
    values.push(cell(cells, field.digit)?);
    let digit_index = values.len() - 1;
    let must_be_digit = |index: usize| index == digit_index || field.kind == Kind::Date;

    let forced: Vec<usize> = (0..values.len())
        .filter(|&index| must_be_digit(index) && values[index].is_ascii_alphabetic())
        .collect();
    if forced.is_empty() && field_verifies(cells, field) {
        return None;
    }
    if values[digit_index] == '<'
        && field.kind == Kind::Alphanumeric
        && field.check == CheckField::DocumentNumber
    {
        // A filler check digit marks a long number that overflows into the optional data.
        return None;
    }

    let combinations = forced_combinations(&values, &forced)?;
    let mut swaps: Vec<Option<(usize, char)>> = vec![None];
    if field.kind == Kind::Alphanumeric {
        swaps.extend(inner_swaps(&values, digit_index).into_iter().map(Some));
    }

    // The fewest changes win: swaps are tried only when the forced digits alone prove nothing.
    let (plain, swapped) = swaps.split_at(1);
    for level in [plain, swapped] {
        let found = unique_proof(field, &values, &combinations, level)?;
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Every way of replacing the letters at the `forced` positions (which must be digits) by
/// the digits they look like; `None` when a letter looks like no digit or the ways are
/// too many to prove anything.
fn forced_combinations(values: &[char], forced: &[usize]) -> Option<Vec<Vec<(usize, char)>>> {
    let mut combinations: Vec<Vec<(usize, char)>> = vec![Vec::new()];
    for &index in forced {
        let options = digits_like(values[index]);
        if options.is_empty() {
            return None;
        }
        combinations = combinations
            .into_iter()
            .flat_map(|combination| {
                options.iter().map(move |&digit| {
                    let mut next = combination.clone();
                    next.push((index, digit));
                    next
                })
            })
            .collect();
        if combinations.len() > MAX_CANDIDATES {
            return None;
        }
    }
    Some(combinations)
}

/// The look-alike swaps inside a number (before the check digit at `digit_index`): a
/// letter between two digits may be a digit, a digit between two letters a letter.
fn inner_swaps(values: &[char], digit_index: usize) -> Vec<(usize, char)> {
    let mut swaps = Vec::new();
    for index in 0..digit_index {
        let read = values[index];
        // Both neighbours must exist inside the field and show the kind of character the swap produces.
        let neighbours: Vec<char> = [index.checked_sub(1), Some(index + 1)]
            .into_iter()
            .flatten()
            .filter(|&n| n < digit_index)
            .map(|n| values[n])
            .filter(|&c| c != '<')
            .collect();
        if neighbours.len() < 2 {
            continue;
        }
        let options = if read.is_ascii_alphabetic() && neighbours.iter().all(char::is_ascii_digit) {
            digits_like(read)
        } else if read.is_ascii_digit() && neighbours.iter().all(char::is_ascii_alphabetic) {
            letters_like(read)
        } else {
            &[]
        };
        swaps.extend(options.iter().map(|&c| (index, c)));
    }
    swaps
}

/// Among the forced `combinations`, each with one swap of `level` added, the single change
/// set that makes the field agree with its check digit and keep its shape: `Some(None)`
/// when none does, `None` when two do (so neither is proven).
fn unique_proof(
    field: &CheckedField,
    values: &[char],
    combinations: &[Vec<(usize, char)>],
    level: &[Option<(usize, char)>],
) -> Option<Option<Vec<(usize, char)>>> {
    let digit_index = values.len() - 1;
    let mut found: Option<Vec<(usize, char)>> = None;
    for combination in combinations {
        for swap in level {
            let mut changes = combination.clone();
            if let Some(swap) = swap {
                changes.push(*swap);
            }
            if changes.is_empty() {
                continue;
            }
            let mut candidate = values.to_vec();
            for &(index, c) in &changes {
                if let Some(slot) = candidate.get_mut(index) {
                    *slot = c;
                }
            }
            let body: String = candidate[..digit_index].iter().collect();
            let agrees = ::mrz::verify(&body, candidate[digit_index]);
            let shaped = match field.kind {
                Kind::Date => is_calendar_date(&candidate[..digit_index]),
                Kind::Alphanumeric => {
                    field.check != CheckField::DocumentNumber || candidate.first() != Some(&'<')
                }
            };
            if agrees && shaped {
                if found.is_some() {
                    // Two corrections agree equally well, so neither is proven.
                    return None;
                }
                found = Some(changes);
            }
        }
    }
    Some(found)
}

/// The zone with every proven correction applied, and the corrections made;
/// `None` when nothing could be proven.
pub(super) fn repaired(
    format: MrzFormat,
    original: &[Vec<char>],
) -> Option<(Vec<Vec<char>>, Vec<Repair>)> {
    let layout = Layout::of(format);
    let mut cells = original.to_vec();
    for field in &layout.fields {
        let Some(changes) = prove_field(&cells, field) else {
            continue;
        };
        let (line, start, end) = field.span;
        for (index, corrected) in changes {
            let position = if start + index < end {
                (line, start + index)
            } else {
                field.digit
            };
            if let Some(slot) = cells
                .get_mut(position.0)
                .and_then(|row| row.get_mut(position.1))
            {
                *slot = corrected;
            }
        }
    }

    // A composite check digit read as a look-alike letter is corrected when exactly one digit agrees.
    if let Some(read) = cell(&cells, layout.composite_digit).filter(char::is_ascii_alphabetic) {
        let data: String = layout
            .composite
            .iter()
            .map(|&span| slice(&cells, span))
            .collect();
        let agreeing: Vec<char> = digits_like(read)
            .iter()
            .copied()
            .filter(|&digit| ::mrz::verify(&data, digit))
            .collect();
        if let [digit] = agreeing.as_slice() {
            let (line, position) = layout.composite_digit;
            if let Some(slot) = cells.get_mut(line).and_then(|row| row.get_mut(position)) {
                *slot = *digit;
            }
        }
    }

    let repairs: Vec<Repair> = original
        .iter()
        .zip(&cells)
        .enumerate()
        .flat_map(|(line, (before, after))| {
            before
                .iter()
                .zip(after)
                .enumerate()
                .filter(|(_, (read, corrected))| read != corrected)
                .map(move |(position, (&read, &corrected))| Repair {
                    line: line + 1,
                    position: position + 1,
                    read,
                    corrected,
                })
        })
        .collect();
    (!repairs.is_empty()).then_some((cells, repairs))
}
