//! Text helpers shared by validation, search and sorting: whitespace clean-up
//! and "folding" (lower case, accents removed) so that "Ødegaard" is found by
//! "odegaard". The fold table covers Latin-1, Latin Extended-A and the common
//! Latin Extended-B letters; other scripts are lower-cased and kept as they are.

/// Trims and collapses runs of white space to one space.
pub fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Appends the folded form of `s` to `out`.
pub fn fold_into(s: &str, out: &mut String) {
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match fold_char(c) {
            Some(f) => out.push_str(f),
            None => out.extend(c.to_lowercase()),
        }
    }
}

/// Lower case without accents: `fold("Zoë Ødegaard") == "zoe odegaard"`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// The unaccented lower-case spelling of one non-ASCII letter ("Ø" → "o",
/// "ß" → "ss"), or `None` for characters the table does not cover (ASCII
/// among them). The one accent table of the app: search, duplicate
/// detection and the demo generator all fold through it.
pub fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' | 'Ǎ' | 'ǎ' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć'..='č' => "c",
        'Ð' | 'ð' | 'Ď'..='đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => "e",
        'Ĝ'..='ģ' => "g",
        'Ĥ'..='ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' | 'Ǐ' | 'ǐ' => "i",
        'Ĳ' | 'ĳ' => "ij",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' | 'ĸ' => "k",
        'Ĺ'..='ł' => "l",
        'Ñ' | 'ñ' | 'Ń'..='ŋ' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' | 'Ǒ' | 'ǒ' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ'..='ř' => "r",
        'Ś'..='š' | 'Ș' | 'ș' => "s",
        'ß' => "ss",
        'Ţ'..='ŧ' | 'Ț' | 'ț' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' | 'Ǔ'..='ǜ' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ'..='Ÿ' => "y",
        'Ź'..='ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(fold("Zoë Ødegaard"), "zoe odegaard");
        assert_eq!(fold("FRANÇOIS Müller-Łukasz"), "francois muller-lukasz");
        assert_eq!(fold("Straße Ærø"), "strasse aero");
        assert_eq!(fold("Ñandú Şahin"), "nandu sahin");
        // Other scripts are lower-cased and kept.
        assert_eq!(fold("ΑΘΗΝΑ 東京"), "αθηνα 東京");
    }

    #[test]
    fn collapses_spaces() {
        assert_eq!(collapse_spaces("  Jane \t  van der\nBerg "), "Jane van der Berg");
        assert_eq!(collapse_spaces("   "), "");
    }
}
