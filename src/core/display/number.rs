//! Numbers for people: whole numbers with the locale's grouping, decimals,
//! percentages, and counts with the noun in the right number ("1 contact",
//! "2,000 contacts"). Every number on screen goes through here (the UI by
//! `ui::format`, which passes the person's locale); files (CSV) keep plain
//! numbers.

use super::Locale;

/// The digits of `n` grouped by the locale: 1234567 → "1,234,567" (en),
/// "1.234.567" (de, es), "1 234 567" (fr, with narrow no-break spaces).
/// Spanish leaves four-digit numbers ungrouped ("1234", "12.345").
pub fn integer(locale: Locale, n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", group_digits(locale, &n.unsigned_abs().to_string()))
}

/// A count: [`integer`] for a `usize`.
pub fn count(locale: Locale, n: usize) -> String {
    integer(locale, i64::try_from(n).unwrap_or(i64::MAX))
}

/// A count with its noun in the singular or plural the locale's rule asks
/// for: "1 contact", "0 contacts", "2,000 contacts" (French puts 0 and 1
/// in the singular).
pub fn count_of(locale: Locale, n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(locale, n), if locale.is_singular(n) { one } else { many })
}

/// Counts of several kinds in one phrase, every kind named even when there
/// is none of it: "8 contacts, 4 companies, 1 deal, 12 activities and no
/// tasks". Each item is `(count, singular, plural)`.
pub fn counts_of(locale: Locale, items: &[(usize, &str, &str)]) -> String {
    let (and, none) = match locale {
        Locale::En => ("and", "no"),
        Locale::De => ("und", "keine"),
        Locale::Fr => ("et", "aucun"),
        Locale::Es => ("y", "ningún"),
    };
    let parts: Vec<String> = items
        .iter()
        .map(|&(n, one, many)| if n == 0 { format!("{none} {many}") } else { count_of(locale, n, one, many) })
        .collect();
    match parts.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {and} {last}", rest.join(", ")),
    }
}

/// `value` with `places` decimals (rounded half away from zero), grouped:
/// 1234.56 → "1,234.6" (en, 1 place), "1.234,6" (de).
pub fn decimal(locale: Locale, value: f64, places: usize) -> String {
    let scale = 10f64.powi(places as i32);
    let scaled = (value.abs() * scale).round();
    let sign = if value < 0.0 && scaled > 0.0 { "-" } else { "" };
    let digits = format!("{:.0}", scaled);
    let digits = format!("{digits:0>width$}", width = places + 1);
    let (units, frac) = digits.split_at(digits.len() - places);
    let units = group_digits(locale, units);
    if places == 0 {
        format!("{sign}{units}")
    } else {
        format!("{sign}{units}{}{frac}", locale.decimal_separator())
    }
}

/// A ratio as a percentage with `places` decimals: 0.6 → "60.0%" (en),
/// "60,0 %" (de, es, with a no-break space), "60,0 %" (fr, narrow).
pub fn percent(locale: Locale, ratio: f64, places: usize) -> String {
    let number = decimal(locale, ratio * 100.0, places);
    match locale {
        Locale::En => format!("{number}%"),
        Locale::Fr => format!("{number}\u{202F}%"),
        Locale::De | Locale::Es => format!("{number}\u{A0}%"),
    }
}

/// A size in bytes for people: "950 bytes", "12.4 kB", "3.1 MB", "2.0 GB"
/// (decimal units, as browsers and file managers show them).
pub fn byte_size(locale: Locale, bytes: f64) -> String {
    let b = bytes.max(0.0);
    if b < 1_000.0 {
        return format!("{} bytes", b.round() as u64);
    }
    let (value, unit) = if b < 1e6 {
        (b / 1e3, "kB")
    } else if b < 1e9 {
        (b / 1e6, "MB")
    } else if b < 1e12 {
        (b / 1e9, "GB")
    } else {
        (b / 1e12, "TB")
    };
    format!("{} {unit}", decimal(locale, value, 1))
}

/// Groups a string of ASCII digits by threes with the locale's separator.
pub(super) fn group_digits(locale: Locale, digits: &str) -> String {
    let sep = locale.group_separator();
    if digits.len() < 4 || digits.len() < 3 + locale.min_grouping() {
        return digits.to_string();
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * sep.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Locale::*;

    #[test]
    fn integers_group_by_locale() {
        assert_eq!(integer(En, 0), "0");
        assert_eq!(integer(En, 999), "999");
        assert_eq!(integer(En, 1_000), "1,000");
        assert_eq!(integer(En, 1_234_567), "1,234,567");
        assert_eq!(integer(En, -1_234), "-1,234");
        assert_eq!(integer(De, 1_234_567), "1.234.567");
        assert_eq!(integer(Fr, 1_234_567), "1\u{202F}234\u{202F}567");
        assert_eq!(integer(Es, 1_234), "1234");
        assert_eq!(integer(Es, 12_345), "12.345");
    }

    #[test]
    fn counts_and_their_nouns() {
        assert_eq!(count_of(En, 1, "open deal", "open deals"), "1 open deal");
        assert_eq!(count_of(En, 0, "open deal", "open deals"), "0 open deals");
        assert_eq!(count_of(En, 2_000, "contact", "contacts"), "2,000 contacts");
        assert_eq!(count_of(Fr, 0, "contact", "contacts"), "0 contact");
        assert_eq!(count_of(De, 0, "Kontakt", "Kontakte"), "0 Kontakte");
    }

    #[test]
    fn counts_of_every_kind() {
        let kinds = |c, co, d, a, t| {
            counts_of(
                En,
                &[
                    (c, "contact", "contacts"),
                    (co, "company", "companies"),
                    (d, "deal", "deals"),
                    (a, "activity", "activities"),
                    (t, "task", "tasks"),
                ],
            )
        };
        assert_eq!(kinds(8, 4, 1, 12, 0), "8 contacts, 4 companies, 1 deal, 12 activities and no tasks");
        assert_eq!(kinds(1, 1, 1, 1, 1), "1 contact, 1 company, 1 deal, 1 activity and 1 task");
        assert_eq!(counts_of(En, &[(2, "deal", "deals")]), "2 deals");
        assert_eq!(counts_of(En, &[(1_500, "deal", "deals"), (0, "task", "tasks")]), "1,500 deals and no tasks");
        assert_eq!(counts_of(En, &[]), "");
    }

    #[test]
    fn decimals_and_percentages() {
        assert_eq!(decimal(En, 1234.56, 1), "1,234.6");
        assert_eq!(decimal(De, 1234.56, 1), "1.234,6");
        assert_eq!(decimal(En, 42.0 + 2.0 / 3.0, 1), "42.7");
        assert_eq!(decimal(En, 0.05, 1), "0.1");
        assert_eq!(decimal(En, -0.04, 1), "0.0");
        assert_eq!(decimal(En, -2.25, 1), "-2.3");
        assert_eq!(decimal(En, 7.0, 0), "7");
        assert_eq!(percent(En, 0.6, 1), "60.0%");
        assert_eq!(percent(En, 2.0 / 3.0, 1), "66.7%");
        assert_eq!(percent(De, 0.6, 1), "60,0\u{A0}%");
        assert_eq!(percent(Fr, 0.125, 1), "12,5\u{202F}%");
    }

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(byte_size(En, 950.0), "950 bytes");
        assert_eq!(byte_size(En, 12_400.0), "12.4 kB");
        assert_eq!(byte_size(En, 3_140_000.0), "3.1 MB");
        assert_eq!(byte_size(En, 2_000_000_000.0), "2.0 GB");
        assert_eq!(byte_size(De, 3_140_000.0), "3,1 MB");
    }
}
