//! Addresses as files hold them: a house number given apart from its street
//! ([`join_street_number`]), and a whole address as one block of text
//! ([`split_address_block`], for Google's "Address 1 - Formatted" when no
//! part is given apart).

use crate::core::countries::country_code;
use crate::core::records::Address;
use crate::core::text::collapse_spaces;

/// Countries that write the house number before the street ("12 High
/// Street", "12 rue de la Paix"); the others write it after ("Hauptstraße
/// 12", "Calle Mayor 5").
const NUMBER_FIRST: &[&str] =
    &["AU", "CA", "FR", "GB", "HK", "IE", "IL", "IN", "LU", "MC", "MY", "NZ", "PH", "SG", "TH", "US", "ZA"];

/// The street with its house number, in the order `country` (an ISO code,
/// or empty when unknown: then number first, as in English) writes them.
/// A street that already holds the number as a word is kept as it is.
pub fn join_street_number(street: &str, number: &str, country: &str) -> String {
    let (street, number) = (street.trim(), number.trim());
    if number.is_empty() {
        return street.to_string();
    }
    if street.is_empty() {
        return number.to_string();
    }
    if street.split(|c: char| c.is_whitespace() || c == ',').any(|w| w == number) {
        return street.to_string();
    }
    let number_first = country.is_empty() || NUMBER_FIRST.contains(&country);
    if number_first {
        format!("{number} {street}")
    } else {
        format!("{street} {number}")
    }
}

fn is_digits(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// A state or province code as addresses write it: "CA", "NSW", "ON".
fn is_state_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// A British postcode: "SW1A 2AA", "EC1A 1BB", "M1 1AE", "B33 8TH".
fn is_uk_postcode(outward: &str, inward: &str) -> bool {
    let o = outward.as_bytes();
    let i = inward.as_bytes();
    (2..=4).contains(&o.len())
        && o[0].is_ascii_uppercase()
        && o.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && o.iter().any(u8::is_ascii_digit)
        && i.len() == 3
        && i[0].is_ascii_digit()
        && i[1].is_ascii_uppercase()
        && i[2].is_ascii_uppercase()
}

/// A Canadian postal code: "K1A 0B1".
fn is_canadian_postcode(a: &str, b: &str) -> bool {
    let shape = |s: &str, letters_at: [usize; 2]| {
        s.len() == 3
            && s.bytes().enumerate().all(|(i, c)| {
                if letters_at.contains(&i) {
                    c.is_ascii_uppercase()
                } else {
                    c.is_ascii_digit()
                }
            })
    };
    shape(a, [0, 2]) && shape(b, [1, 1])
}

/// The postal code, city and region a line holds, when it is one of the
/// usual forms: "10115 Berlin", "D-10115 Berlin", "1012 AB Amsterdam",
/// "114 55 Stockholm", "Mountain View, CA 94043", "Sydney NSW 2000",
/// "Toronto ON K1A 0B1", "London SW1A 2AA", or a British postcode alone
/// (then the city is the line before, `None` here).
fn postal_line(line: &str) -> Option<(String, Option<String>, String)> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let text = |w: &[&str]| collapse_spaces(&w.join(" ")).trim_end_matches(',').to_string();
    let n = words.len();
    // Postal code first.
    if n >= 2 {
        let first = words[0].rsplit('-').next().unwrap_or(words[0]);
        // "D-10115", "CH-8001": a country letter or two before the code.
        let prefixed = words[0]
            .split_once('-')
            .is_some_and(|(p, _)| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_uppercase()));
        if is_digits(first, 4, 5) && (prefixed || words[0] == first) {
            if n >= 3 && is_state_code(words[1]) && words[1].len() == 2 && is_digits(first, 4, 4) {
                // "1012 AB Amsterdam"
                return Some((format!("{first} {}", words[1]), Some(text(&words[2..])), String::new()));
            }
            return Some((first.to_string(), Some(text(&words[1..])), String::new()));
        }
        if n >= 3 && is_digits(words[0], 3, 3) && is_digits(words[1], 2, 2) {
            return Some((format!("{} {}", words[0], words[1]), Some(text(&words[2..])), String::new()));
        }
    }
    // Postal code last.
    if n >= 2 && (is_digits(words[n - 1], 4, 5) || is_zip_plus_four(words[n - 1])) {
        let postal = words[n - 1].to_string();
        if n == 2 && is_state_code(words[0]) {
            // "IL 62701": the city is on the line before.
            return Some((postal, None, words[0].to_string()));
        }
        if n >= 3 && is_state_code(words[n - 2]) {
            return Some((postal, Some(text(&words[..n - 2])), words[n - 2].to_string()));
        }
        return Some((postal, Some(text(&words[..n - 1])), String::new()));
    }
    if n >= 2 && (is_canadian_postcode(words[n - 2], words[n - 1]) || is_uk_postcode(words[n - 2], words[n - 1])) {
        let postal = format!("{} {}", words[n - 2], words[n - 1]);
        let before = &words[..n - 2];
        return match before {
            [] => Some((postal, None, String::new())),
            [.., state] if is_state_code(state) && is_canadian_postcode(words[n - 2], words[n - 1]) => {
                Some((postal, Some(text(&before[..before.len() - 1])), state.to_string()))
            }
            _ => Some((postal, Some(text(before)), String::new())),
        };
    }
    None
}

fn is_zip_plus_four(s: &str) -> bool {
    s.split_once('-').is_some_and(|(a, b)| is_digits(a, 5, 5) && is_digits(b, 4, 4))
}

/// Splits an address written as one block into its parts: the street on the
/// first line, further lines as the second street line, the postal code,
/// city and region from the last line when it has a usual form (see
/// [`postal_line`]; a British postcode alone takes the city from the line
/// before), and a country the table knows after it. `None` when the last
/// line is not of a form it knows: the caller then keeps the block whole.
pub fn split_address_block(block: &str) -> Option<Address> {
    let mut lines: Vec<String> = block
        .lines()
        .map(|l| collapse_spaces(l).trim_matches(',').trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() == 1 {
        lines = lines[0].split(", ").map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
    }
    let mut a = Address::default();
    if lines.len() > 2 {
        if let Some(code) = lines.last().and_then(|l| country_code(l)) {
            a.country = code.to_string();
            lines.pop();
        }
    }
    // The postal line is the last, and never the first: that one is the street.
    let i = lines.len().checked_sub(1).filter(|&i| i >= 1)?;
    let (postal, city, region) = postal_line(&lines[i])?;
    let (city, street_end) = match city {
        Some(c) if !c.is_empty() => (c, i),
        _ if i >= 2 => (lines[i - 1].clone(), i - 1),
        _ => return None,
    };
    a.street = lines[0].clone();
    a.street2 = lines[1..street_end].join(", ");
    a.city = city;
    a.postal_code = postal;
    a.region = region;
    Some(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(street: &str, street2: &str, city: &str, region: &str, postal: &str, country: &str) -> Address {
        Address {
            street: street.into(),
            street2: street2.into(),
            city: city.into(),
            region: region.into(),
            postal_code: postal.into(),
            country: country.into(),
            ..Address::default()
        }
    }

    #[test]
    fn the_number_goes_where_the_country_writes_it() {
        assert_eq!(join_street_number("High Street", "12", "GB"), "12 High Street");
        assert_eq!(join_street_number("George St", "42", "AU"), "42 George St");
        assert_eq!(join_street_number("rue de la Paix", "12", "FR"), "12 rue de la Paix");
        assert_eq!(join_street_number("Hauptstraße", "12a", "DE"), "Hauptstraße 12a");
        assert_eq!(join_street_number("Calle Mayor", "5", "ES"), "Calle Mayor 5");
        assert_eq!(join_street_number("Kerkstraat", "109", "NL"), "Kerkstraat 109");
        assert_eq!(join_street_number("Main St", "7", ""), "7 Main St");
        assert_eq!(join_street_number("", "7", "DE"), "7");
        assert_eq!(join_street_number("Hauptstraße 12", "12", "DE"), "Hauptstraße 12");
        assert_eq!(join_street_number("Main St", "", "US"), "Main St");
    }

    #[test]
    fn blocks_in_the_usual_forms_are_split() {
        let cases = [
            (
                "1600 Amphitheatre Pkwy\nMountain View, CA 94043\nUSA",
                addr("1600 Amphitheatre Pkwy", "", "Mountain View", "CA", "94043", "US"),
            ),
            ("Hauptstr. 1\n10115 Berlin\nDeutschland", addr("Hauptstr. 1", "", "Berlin", "", "10115", "DE")),
            ("Hauptstr. 1\nHinterhaus\nD-10115 Berlin", addr("Hauptstr. 1", "Hinterhaus", "Berlin", "", "10115", "")),
            ("Damrak 1\n1012 LG Amsterdam\nNetherlands", addr("Damrak 1", "", "Amsterdam", "", "1012 LG", "NL")),
            (
                "Unit 3\n42 George St\nSydney NSW 2000\nAustralia",
                addr("Unit 3", "42 George St", "Sydney", "NSW", "2000", "AU"),
            ),
            (
                "10 Downing Street\nLondon\nSW1A 2AA\nUnited Kingdom",
                addr("10 Downing Street", "", "London", "", "SW1A 2AA", "GB"),
            ),
            ("221B Baker St\nLondon NW1 6XE", addr("221B Baker St", "", "London", "", "NW1 6XE", "")),
            ("24 Sussex Dr\nOttawa ON K1M 1M4\nCanada", addr("24 Sussex Dr", "", "Ottawa", "ON", "K1M 1M4", "CA")),
            (
                "Drottninggatan 1\n111 51 Stockholm\nSverige",
                addr("Drottninggatan 1", "", "Stockholm", "", "111 51", "SE"),
            ),
            ("Laugavegur 1, 101 Reykjavík, Iceland", addr("Laugavegur 1", "", "Reykjavík", "", "101", "IS")),
            ("12 Main St, Springfield, IL 62701-1234", addr("12 Main St", "", "Springfield", "IL", "62701-1234", "")),
        ];
        for (block, want) in cases {
            let got = split_address_block(block);
            // Reykjavík's postcode has three digits: no usual form, kept whole.
            if block.contains("Reykjav") {
                assert_eq!(got, None, "{block}");
                continue;
            }
            assert_eq!(got, Some(want), "{block}");
        }
    }

    #[test]
    fn blocks_without_a_postal_line_are_not_guessed_at() {
        assert_eq!(split_address_block("The Old Rectory\nLittle Snoring"), None);
        assert_eq!(split_address_block("Somewhere"), None);
        assert_eq!(split_address_block(""), None);
        // The first line is the street even when it looks like a postal line.
        assert_eq!(split_address_block("10115 Berlin"), None);
    }
}
