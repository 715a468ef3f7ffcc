//! Text for people: numbers, money, dates and times, each in one module
//! that takes the [`Locale`] as input — [`number`] (counts, decimals,
//! percentages, plurals), [`money`] (amounts with their currency, and
//! reading typed amounts), [`time`] (dates, local times with their zone,
//! and the text forms inputs and files use). Pure, so the UI and native
//! tools format the same way; the UI passes the person's locale and time
//! zone through `ui::format`, so choosing another language changes every
//! figure in one place.

pub mod money;
pub mod number;
pub mod time;

pub use money::{money_input, parse_money};
pub use time::{iso_date, iso_month, parse_iso_date, utc_minute};

/// The conventions numbers, money and dates follow: English, German,
/// French or Spanish.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    En,
    De,
    Fr,
    Es,
}

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::En, Locale::De, Locale::Fr, Locale::Es];

    /// The language tag: "en", "de", "fr", "es".
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
            Locale::Fr => "fr",
            Locale::Es => "es",
        }
    }

    /// The locale of a browser language tag ("de-AT" → German); English
    /// for any other language.
    pub fn from_tag(tag: &str) -> Locale {
        Locale::known_tag(tag).unwrap_or_default()
    }

    /// The locale of a language tag when it is one of ours ("fr-CA" →
    /// French, "ja" → none), so a browser asking for Japanese then German
    /// gets German.
    pub fn known_tag(tag: &str) -> Option<Locale> {
        let lang = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.tag() == lang)
    }

    /// The language's own name, as a language menu shows it.
    pub fn name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::De => "Deutsch",
            Locale::Fr => "Français",
            Locale::Es => "Español",
        }
    }

    pub(crate) fn group_separator(self) -> &'static str {
        match self {
            Locale::En => ",",
            Locale::De | Locale::Es => ".",
            Locale::Fr => "\u{202F}",
        }
    }

    pub(crate) fn decimal_separator(self) -> char {
        match self {
            Locale::En => '.',
            _ => ',',
        }
    }

    /// Digits before a number is grouped at all, beyond the first group:
    /// Spanish writes "1234" but "12.345".
    pub(crate) fn min_grouping(self) -> usize {
        match self {
            Locale::Es => 2,
            _ => 1,
        }
    }

    /// Whether a count takes the singular: 1 (and, in French, 0).
    pub fn is_singular(self, n: usize) -> bool {
        match self {
            Locale::Fr => n <= 1,
            _ => n == 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_from_browser_tags() {
        assert_eq!(Locale::from_tag("de-AT"), Locale::De);
        assert_eq!(Locale::from_tag("fr"), Locale::Fr);
        assert_eq!(Locale::from_tag("es_MX"), Locale::Es);
        assert_eq!(Locale::from_tag("en-US"), Locale::En);
        assert_eq!(Locale::from_tag("pt-BR"), Locale::En);
        assert_eq!(Locale::from_tag(""), Locale::En);
    }
}
