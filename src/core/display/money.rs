//! Money for people: an amount in cents with its currency, in the locale's
//! way ("€12,500.50" in English, "12.500,50 €" in German). Every amount on
//! screen goes through here — tiles in whole units, tables to the cent,
//! lists and records without needless ".00" — and a CSV cell gets
//! [`plain`] ("12500.50") with the currency in its column header. How
//! amounts are *divided* is `core::money`'s rule; this module only shows
//! them. Also reads amounts typed by a person.

use super::number::group_digits;
use super::Locale;
use crate::core::money::round_to_units;

/// How many decimals an amount shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cents {
    /// Always two ("€12,500.00"): table columns line up.
    Always,
    /// Only when there are cents ("€12,500", "€1,234.50"): records, lists.
    WhenAny,
    /// Rounded to whole units by the one rounding rule ("€1,235"): tiles.
    Never,
}

/// An amount with its currency: "€12,500", "$1,234.50", "CHF 99" (en);
/// "12.500 €", "1.234,50 $", "99 CHF" (de); an empty currency shows the
/// number alone.
pub fn money(locale: Locale, cents: i64, currency: &str, shown: Cents) -> String {
    let cents = if shown == Cents::Never { round_to_units(cents) } else { cents };
    let negative = cents < 0;
    let abs = cents.unsigned_abs();
    let units = group_digits(locale, &(abs / 100).to_string());
    let number = match shown {
        Cents::WhenAny if abs.is_multiple_of(100) => units,
        Cents::Never => units,
        _ => format!("{units}{}{:02}", locale.decimal_separator(), abs % 100),
    };
    let sign = if negative { "-" } else { "" };
    if currency.is_empty() {
        return format!("{sign}{number}");
    }
    match (locale, symbol(currency)) {
        (Locale::En, Some(s)) => format!("{sign}{s}{number}"),
        (Locale::En, None) => format!("{sign}{currency}\u{A0}{number}"),
        (_, s) => format!("{sign}{number}\u{A0}{}", s.unwrap_or(currency)),
    }
}

/// The symbol people write for the common currencies.
fn symbol(currency: &str) -> Option<&'static str> {
    Some(match currency {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        "JPY" => "¥",
        _ => return None,
    })
}

/// Cents as a plain decimal number for files: `-1234` → `"-12.34"`.
pub fn plain(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Reads an amount typed by a person ("12,500", "99.5", "1 000,00" is not
/// accepted: only `,` as a thousands separator and `.` for decimals) as
/// cents. `None` for anything else, including negative amounts.
pub fn parse_money(text: &str) -> Option<i64> {
    let t: String = text.trim().chars().filter(|c| *c != ',' && *c != ' ' && *c != '_').collect();
    if t.is_empty() {
        return Some(0);
    }
    let (units, frac) = t.split_once('.').unwrap_or((&t, ""));
    if units.is_empty() && frac.is_empty() || frac.len() > 2 {
        return None;
    }
    if !units.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) || units.len() > 13 {
        return None;
    }
    let units: i64 = if units.is_empty() { 0 } else { units.parse().ok()? };
    let frac: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().ok()? };
    Some(units * 100 + frac)
}

/// Cents as the text a form shows for editing: "12500" or "99.50".
pub fn money_input(cents: i64) -> String {
    if cents % 100 == 0 {
        (cents / 100).to_string()
    } else {
        format!("{}.{:02}", cents / 100, (cents % 100).abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Cents::*;
    use Locale::*;

    #[test]
    fn amounts_in_english() {
        assert_eq!(money(En, 1_250_000, "EUR", WhenAny), "€12,500");
        assert_eq!(money(En, 123_450, "USD", WhenAny), "$1,234.50");
        assert_eq!(money(En, 9_900, "CHF", WhenAny), "CHF\u{A0}99");
        assert_eq!(money(En, -500, "GBP", WhenAny), "-£5");
        assert_eq!(money(En, 1_550_075, "EUR", Always), "€15,500.75");
        assert_eq!(money(En, 1_250_000, "EUR", Always), "€12,500.00");
        assert_eq!(money(En, 5, "", Always), "0.05");
    }

    #[test]
    fn whole_units_round_half_away_from_zero() {
        assert_eq!(money(En, 123_456, "EUR", Never), "€1,235");
        assert_eq!(money(En, 123_449, "EUR", Never), "€1,234");
        assert_eq!(money(En, 50, "USD", Never), "$1");
        assert_eq!(money(En, 49, "USD", Never), "$0");
        assert_eq!(money(En, -149, "GBP", Never), "-£1");
        assert_eq!(money(En, -150, "GBP", Never), "-£2");
        assert_eq!(money(En, 0, "CHF", Never), "CHF\u{A0}0");
        assert_eq!(money(En, 750_075, "EUR", Never), "€7,501");
    }

    #[test]
    fn amounts_in_other_locales() {
        assert_eq!(money(De, 1_550_075, "EUR", Always), "15.500,75\u{A0}€");
        assert_eq!(money(Fr, 1_550_075, "EUR", Always), "15\u{202F}500,75\u{A0}€");
        assert_eq!(money(Es, 123_450, "EUR", WhenAny), "1234,50\u{A0}€");
        assert_eq!(money(De, 9_900, "CHF", WhenAny), "99\u{A0}CHF");
    }

    #[test]
    fn files_get_plain_numbers() {
        assert_eq!(plain(-1234), "-12.34");
        assert_eq!(plain(5), "0.05");
        assert_eq!(plain(1_550_075), "15500.75");
    }

    #[test]
    fn typed_amounts() {
        assert_eq!(parse_money("12,500"), Some(1_250_000));
        assert_eq!(parse_money("99.5"), Some(9_950));
        assert_eq!(parse_money(" 0.05 "), Some(5));
        assert_eq!(parse_money(""), Some(0));
        assert_eq!(parse_money("1.234"), None);
        assert_eq!(parse_money("-5"), None);
        assert_eq!(parse_money("abc"), None);
        assert_eq!(money_input(1_250_000), "12500");
        assert_eq!(money_input(9_950), "99.50");
    }
}
