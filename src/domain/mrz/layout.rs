//! Recovering the keys a keyboard-wedge passport reader pressed when the workstation's
//! keyboard layout was Russian or Kazakh rather than Latin.
//!
//! A reader sends key positions of a US keyboard; the operating system turns them into
//! characters of the active layout. The tables below are the Windows layouts "Russian"
//! (KBDRU) and "Kazakh" (KBDKAZ), which match X11's `ru` and `kz` key by key for the keys
//! a zone uses (the letters, the digit row and the `,<` key):
//!
//! - Both layouts put ЙЦУКЕН on the letter keys, so `P` arrives as `З`, `A` as `Ф`.
//! - Both put `б Б` on the `,<` key, so the filler `<` (Shift + comma) arrives as `Б`.
//! - Russian keeps the digits on the digit row; Kazakh puts its own letters and three
//!   punctuation marks there: `1` → `"`, `2` → `ә`, `3` → `і`, `4` → `ң`, `5` → `ғ`,
//!   `6` → `,`, `7` → `.`, `8` → `ү`, `9` → `ұ`, `0` → `қ`.

/// The ЙЦУКЕН letter keys (Russian and Kazakh layouts alike) and the Latin letter a
/// US keyboard gives on the same key.
const LETTER_KEYS: [(char, char); 26] = [
    ('Й', 'Q'),
    ('Ц', 'W'),
    ('У', 'E'),
    ('К', 'R'),
    ('Е', 'T'),
    ('Н', 'Y'),
    ('Г', 'U'),
    ('Ш', 'I'),
    ('Щ', 'O'),
    ('З', 'P'),
    ('Ф', 'A'),
    ('Ы', 'S'),
    ('В', 'D'),
    ('А', 'F'),
    ('П', 'G'),
    ('Р', 'H'),
    ('О', 'J'),
    ('Л', 'K'),
    ('Д', 'L'),
    ('Я', 'Z'),
    ('Ч', 'X'),
    ('С', 'C'),
    ('М', 'V'),
    ('И', 'B'),
    ('Т', 'N'),
    ('Ь', 'M'),
];

/// The `,<` key: Shift gives `<` on a US keyboard and `Б` in both Cyrillic layouts.
const FILLER_KEY: (char, char) = ('Б', '<');

/// The Kazakh layout's digit row (unshifted, as a reader types digits) and the digit a
/// US keyboard gives on the same key.
const KAZAKH_DIGIT_KEYS: [(char, char); 10] = [
    ('"', '1'),
    ('Ә', '2'),
    ('І', '3'),
    ('Ң', '4'),
    ('Ғ', '5'),
    (',', '6'),
    ('.', '7'),
    ('Ү', '8'),
    ('Ұ', '9'),
    ('Қ', '0'),
];

/// The MRZ character a reader meant when the Russian or Kazakh layout turned its key
/// into `c`; `None` for a character no key of the zone gives.
pub(super) fn from_cyrillic_layout(c: char) -> Option<char> {
    let upper = c.to_uppercase().next()?;
    LETTER_KEYS
        .iter()
        .chain(std::iter::once(&FILLER_KEY))
        .chain(KAZAKH_DIGIT_KEYS.iter())
        .find(|(typed, _)| *typed == upper)
        .map(|(_, key)| *key)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// What a reader typing `latin` produces under the Russian layout.
    pub(crate) fn typed_russian(latin: &str) -> String {
        latin.chars().map(|c| to_layout(c, false)).collect()
    }

    /// What a reader typing `latin` produces under the Kazakh layout.
    pub(crate) fn typed_kazakh(latin: &str) -> String {
        latin.chars().map(|c| to_layout(c, true)).collect()
    }

    fn to_layout(c: char, kazakh: bool) -> char {
        let table = LETTER_KEYS.iter().chain(std::iter::once(&FILLER_KEY));
        let digits = KAZAKH_DIGIT_KEYS.iter().filter(|_| kazakh);
        table
            .chain(digits)
            .find(|(_, key)| *key == c)
            .map_or(c, |(typed, _)| *typed)
    }

    #[test]
    fn every_key_of_a_zone_comes_back() {
        // (layout, what the key gives, the key) for every character of the MRZ alphabet.
        let table: &[(&str, char, char)] = &[
            ("ru", 'З', 'P'),
            ("ru", 'з', 'P'),
            ("ru", 'Б', '<'),
            ("ru", 'б', '<'),
            ("ru", 'Ф', 'A'),
            ("ru", 'Ь', 'M'),
            ("ru", 'Й', 'Q'),
            ("kk", '"', '1'),
            ("kk", 'ә', '2'),
            ("kk", 'і', '3'),
            ("kk", 'ң', '4'),
            ("kk", 'ғ', '5'),
            ("kk", ',', '6'),
            ("kk", '.', '7'),
            ("kk", 'ү', '8'),
            ("kk", 'ұ', '9'),
            ("kk", 'қ', '0'),
            ("kk", 'Қ', '0'),
        ];
        for (layout, typed, key) in table {
            assert_eq!(from_cyrillic_layout(*typed), Some(*key), "{layout} {typed}");
        }
        let alphabet: String = ('A'..='Z').chain('0'..='9').chain(['<']).collect();
        let russian: String = typed_russian(&alphabet)
            .chars()
            .map(|c| from_cyrillic_layout(c).unwrap_or(c))
            .collect();
        assert_eq!(russian, alphabet);
        let kazakh = typed_kazakh(&alphabet);
        assert!(!kazakh.chars().any(|c| c.is_ascii_alphanumeric()));
        let back: String = kazakh
            .chars()
            .map(|c| from_cyrillic_layout(c).unwrap_or(c))
            .collect();
        assert_eq!(back, alphabet);
    }

    #[test]
    fn keys_a_zone_never_uses_stay_unknown() {
        for c in ['Ж', 'Э', 'Х', 'Ъ', 'Ю', 'Ё', 'Ө', 'Һ', 'x'] {
            assert_eq!(from_cyrillic_layout(c), None, "{c}");
        }
    }
}
