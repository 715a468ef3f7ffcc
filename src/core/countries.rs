//! Countries: every ISO 3166-1 country by its alpha-2 and alpha-3 codes and
//! its names in English, German, French, Spanish, Dutch, Italian and
//! Portuguese, plus the names people write that no standard lists ("UK",
//! "Holland"). Imports read a country cell through [`country_code`], and the
//! contact page names a stored code through [`country_name`].
//!
//! A country that no table knows is never guessed at: an import keeps it as
//! written in the address's country (see [`describe_country`], which shows it
//! as unrecognised), rather than dropping it or moving it to another field.
//!
//! The table (`countries/table.rs`) is generated from Debian's iso-codes by
//! `scripts/countries.py`.

mod table;

use std::collections::HashMap;
use std::sync::OnceLock;

use table::COUNTRIES;

/// A name reduced for matching: accents removed, lower case, letters and
/// digits only ("Côte d'Ivoire" → "cotedivoire").
fn key(name: &str) -> String {
    super::text::fold(name).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Every name and code of the table, reduced by [`key`], with its alpha-2
/// code. Built on first use.
fn index() -> &'static HashMap<String, &'static str> {
    static INDEX: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map = HashMap::with_capacity(COUNTRIES.len() * 8);
        for (code, names) in COUNTRIES {
            for name in names.split('|') {
                map.entry(key(name)).or_insert(*code);
            }
        }
        map
    })
}

/// Whether `code` is an assigned ISO 3166-1 alpha-2 code, in upper case.
pub fn is_country_code(code: &str) -> bool {
    code.len() == 2 && COUNTRIES.binary_search_by(|(c, _)| (*c).cmp(code)).is_ok()
}

/// The alpha-2 code of a country given by any name or code the table knows,
/// in any letter case and with or without accents and punctuation:
/// "Iceland", "Islande", "ISL", "is", "U.K." and "Deutschland" all work.
pub fn country_code(text: &str) -> Option<&'static str> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(code) = index().get(&key(text)) {
        return Some(code);
    }
    let upper = text.to_ascii_uppercase();
    COUNTRIES.binary_search_by(|(c, _)| (*c).cmp(upper.as_str())).ok().map(|i| COUNTRIES[i].0)
}

/// The English name of an alpha-2 code ("IS" → "Iceland").
pub fn country_name(code: &str) -> Option<&'static str> {
    let i = COUNTRIES.binary_search_by(|(c, _)| (*c).cmp(code)).ok()?;
    COUNTRIES[i].1.split('|').next()
}

/// An address's country as people read it: the English name of a code or
/// of a name the table knows, or the text as written followed by
/// "(unrecognised country)".
pub fn describe_country(value: &str) -> String {
    match country_name(value).or_else(|| country_code(value).and_then(country_name)) {
        Some(name) => name.to_string(),
        None if value.trim().is_empty() => String::new(),
        None => format!("{} (unrecognised country)", value.trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_complete_and_each_name_is_one_country() {
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0), "sorted by code");
        assert_eq!(COUNTRIES.len(), 249, "every ISO 3166-1 country");
        let mut owner: HashMap<String, &str> = HashMap::new();
        for (code, names) in COUNTRIES {
            assert!(code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()), "{code}");
            assert!(names.split('|').count() >= 2, "{code} has a name and an alpha-3 code");
            for name in names.split('|') {
                if let Some(other) = owner.insert(key(name), code) {
                    assert_eq!(other, *code, "{name} names two countries");
                }
            }
        }
    }

    #[test]
    fn names_countries_give_themselves() {
        for (text, code) in
            [("Sverige", "SE"), ("Norge", "NO"), ("Ísland", "IS"), ("Polska", "PL"), ("Česko", "CZ"), ("日本", "JP")]
        {
            assert_eq!(country_code(text), Some(code), "{text}");
        }
    }

    #[test]
    fn names_in_the_languages_of_import_headers_and_codes() {
        for (text, code) in [
            ("Iceland", "IS"),
            ("Island", "IS"),
            ("Islande", "IS"),
            ("Islandia", "IS"),
            ("IJsland", "IS"),
            ("Islanda", "IS"),
            ("Islândia", "IS"),
            ("ISL", "IS"),
            ("is", "IS"),
            ("United Kingdom", "GB"),
            ("UK", "GB"),
            ("u.k.", "GB"),
            ("England", "GB"),
            ("Vereinigtes Königreich", "GB"),
            ("Deutschland", "DE"),
            ("Allemagne", "DE"),
            ("DEU", "DE"),
            ("España", "ES"),
            ("Spanje", "ES"),
            ("Países Bajos", "NL"),
            ("Holland", "NL"),
            ("Nederland", "NL"),
            ("Schweiz", "CH"),
            ("Österreich", "AT"),
            ("Côte d'Ivoire", "CI"),
            ("Ivory Coast", "CI"),
            ("Korea, Republic of", "KR"),
            ("South Korea", "KR"),
            ("United States of America", "US"),
            ("USA", "US"),
            ("Estados Unidos", "US"),
            ("Australia", "AU"),
            ("Neuseeland", "NZ"),
            ("Türkiye", "TR"),
            ("Turkey", "TR"),
            ("Czech Republic", "CZ"),
            ("Brasil", "BR"),
            ("Brésil", "BR"),
            ("  ireland ", "IE"),
        ] {
            assert_eq!(country_code(text), Some(code), "{text}");
        }
        for unknown in ["Narnia", "XX", "Atlantis", "", "Europe"] {
            assert_eq!(country_code(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn codes_have_english_names_and_unknown_text_is_marked() {
        assert_eq!(country_name("IS"), Some("Iceland"));
        assert_eq!(country_name("KR"), Some("South Korea"));
        assert_eq!(country_name("is"), None);
        assert!(is_country_code("IS") && !is_country_code("UK") && !is_country_code("is"));
        assert_eq!(describe_country("DE"), "Germany");
        assert_eq!(describe_country("Deutschland"), "Germany");
        assert_eq!(describe_country("Narnia"), "Narnia (unrecognised country)");
        assert_eq!(describe_country(""), "");
    }
}
