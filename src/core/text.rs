//! Text helpers shared by validation, search and sorting: whitespace clean-up
//! and "folding" (lower case, accents removed) so that "Ødegaard" is found by
//! "odegaard". The fold table covers Latin-1, Latin Extended-A and the common
//! Latin Extended-B letters; other scripts are lower-cased and kept as they are.
//!
//! It also holds the one rule for repeating a person's value in a message
//! ([`excerpt`], [`quoted`]): at most [`QUOTE_LIMIT`] characters, so a
//! megabyte-long name in a file never becomes a megabyte-long alert.

use std::borrow::Cow;

/// At most this many characters of a value are repeated in a message.
pub const QUOTE_LIMIT: usize = 80;

/// `s` cut to [`QUOTE_LIMIT`] characters, with "…" where it was cut. Every
/// message that repeats a value from a file or a form goes through this.
pub fn excerpt(s: &str) -> Cow<'_, str> {
    match s.char_indices().nth(QUOTE_LIMIT) {
        None => Cow::Borrowed(s),
        Some((end, _)) => Cow::Owned(format!("{}…", &s[..end])),
    }
}

/// `"value"` in straight double quotes, the value cut as by [`excerpt`].
pub fn quoted(s: &str) -> String {
    format!("\"{}\"", excerpt(s))
}

/// A message from a parser (serde's "invalid type: string \"…\", expected
/// …") with every part in double quotes or backticks cut as by [`excerpt`]:
/// such messages repeat the rejected value whole.
pub fn shorten_quoted_parts(message: &str) -> Cow<'_, str> {
    if message.chars().count() <= QUOTE_LIMIT {
        return Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(message.len().min(4 * QUOTE_LIMIT));
    let mut rest = message;
    while let Some(open) = rest.find(['"', '`']) {
        let mark = rest.as_bytes()[open] as char;
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        let Some(close) = rest.find(mark) else { break };
        out.push_str(&excerpt(&rest[..close]));
        out.push(mark);
        rest = &rest[close + 1..];
    }
    out.push_str(&excerpt(rest));
    Cow::Owned(out)
}

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
    let mut rest = s;
    while !rest.is_empty() {
        // Runs of ASCII (most text) are copied and lower-cased in one go.
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        if ascii > 0 {
            let start = out.len();
            out.push_str(&rest[..ascii]);
            if let Some(added) = out.get_mut(start..) {
                added.make_ascii_lowercase();
            }
            rest = &rest[ascii..];
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        match fold_char(c) {
            Some(f) => out.push_str(f),
            None => out.extend(c.to_lowercase()),
        }
        rest = &rest[c.len_utf8()..];
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
    fn excerpts_cut_long_values_only() {
        assert_eq!(excerpt("Ada"), "Ada");
        let eighty = "é".repeat(QUOTE_LIMIT);
        assert_eq!(excerpt(&eighty), eighty, "exactly the limit is kept whole");
        let long = format!("{eighty}xyz");
        assert_eq!(excerpt(&long), format!("{eighty}…"));
        assert_eq!(quoted("a b"), "\"a b\"");
        let huge = "x".repeat(1_048_576);
        assert_eq!(quoted(&huge).chars().count(), QUOTE_LIMIT + 3);
    }

    #[test]
    fn parser_messages_repeat_at_most_an_excerpt() {
        let huge = "y".repeat(100_000);
        let msg = format!("invalid type: string \"{huge}\", expected u32");
        let short = shorten_quoted_parts(&msg);
        assert_eq!(short, format!("invalid type: string \"{}…\", expected u32", "y".repeat(QUOTE_LIMIT)));
        let msg = format!("unknown variant `{huge}`, expected one of `work`, `home`");
        assert_eq!(
            shorten_quoted_parts(&msg),
            format!("unknown variant `{}…`, expected one of `work`, `home`", "y".repeat(QUOTE_LIMIT))
        );
        // An unclosed quote and long unquoted text are cut too.
        let msg = format!("bad \"{huge}");
        assert!(shorten_quoted_parts(&msg).chars().count() < 2 * QUOTE_LIMIT);
        assert_eq!(shorten_quoted_parts("missing field `id`"), "missing field `id`");
    }

    #[test]
    fn collapses_spaces() {
        assert_eq!(collapse_spaces("  Jane \t  van der\nBerg "), "Jane van der Berg");
        assert_eq!(collapse_spaces("   "), "");
    }
}
