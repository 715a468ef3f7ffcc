//! Text helpers of the demo generator: email local parts and domain slugs
//! from names, names typed without accents, typos, and phone formats.

use super::rng::DemoRng;
use super::tables::Country;
use crate::core::text::fold_char;

/// Appends the lower-case ASCII spelling of `c` ("ü" → "ue", "é" → "e");
/// characters without one are dropped.
pub(super) fn push_ascii(out: &mut String, c: char) {
    let lc = c.to_lowercase().next().unwrap_or(c);
    // German and Nordic letters are spelled out in email addresses; the
    // other accents fold as everywhere else (`core::text`).
    let s = match lc {
        'a'..='z' | '0'..='9' => {
            out.push(lc);
            return;
        }
        'ä' | 'æ' => "ae",
        'ö' | 'ø' | 'œ' => "oe",
        'ü' => "ue",
        'ß' => "ss",
        'å' => "aa",
        _ => fold_char(lc).unwrap_or(""),
    };
    out.push_str(s);
}

/// Appends a name as an email local part: "Zoë" → "zoe", "van den Berg" →
/// "vandenberg", "Jean-Luc" → "jean-luc", "O'Brien" → "obrien".
pub(super) fn push_local(out: &mut String, name: &str) {
    let start = out.len();
    for c in name.chars() {
        if c == '-' {
            if out.len() > start && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            push_ascii(out, c);
        }
    }
    while out.len() > start && out.ends_with('-') {
        out.pop();
    }
}

/// Appends the first ASCII letter of a name ("Łukasz" → "l").
pub(super) fn push_initial(out: &mut String, name: &str) {
    let start = out.len();
    if let Some(c) = name.chars().next() {
        push_ascii(out, c);
    }
    if out.len() > start {
        out.truncate(start + 1);
    } else {
        out.push('x');
    }
}

/// Appends a domain label for a company name: "Nordwind Logistik" → "nordwind-logistik".
pub(super) fn push_domain_slug(out: &mut String, name: &str) {
    let start = out.len();
    for c in name.chars() {
        let before = out.len();
        push_ascii(out, c);
        if out.len() == before && c != '\'' && out.len() > start && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.len() > start && out.ends_with('-') {
        out.pop();
    }
}

/// "Müller" → "Muller", "José" → "Jose", "Weiß" → "Weiss": how names look when
/// typed on a keyboard without accents.
pub(super) fn strip_accents(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let Some(base) = fold_char(c) else {
            out.push(c);
            continue;
        };
        if c.is_uppercase() {
            let mut chars = base.chars();
            if let Some(first) = chars.next() {
                out.push(first.to_ascii_uppercase());
            }
            out.push_str(chars.as_str());
        } else {
            out.push_str(base);
        }
    }
    out
}

/// A one-letter typo in a lower-case ASCII letter after the first: two letters
/// swapped, one dropped, or one doubled.
pub(super) fn typo(rng: &mut DemoRng, s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    for _ in 0..16 {
        if n < 2 {
            break;
        }
        let i = 1 + rng.index(n - 1);
        if !chars[i].is_ascii_lowercase() {
            continue;
        }
        match rng.below(3) {
            0 if i + 1 < n && chars[i + 1].is_ascii_lowercase() && chars[i] != chars[i + 1] => chars.swap(i, i + 1),
            1 if n > 3 && chars[i - 1] != ' ' => {
                chars.remove(i);
            }
            _ => chars.insert(i, chars[i]),
        }
        return chars.into_iter().collect();
    }
    let mut out = s.to_string();
    if let Some(last) = s.chars().last() {
        out.push(last);
    }
    out
}

/// The same address in other letter case: "Jose.Garcia@acme.com",
/// "JOSE.GARCIA@ACME.COM" or "Jose.garcia@Acme.com".
pub(super) fn recase(rng: &mut DemoRng, address: &str) -> String {
    let mode = rng.below(3);
    if mode == 1 {
        return address.to_ascii_uppercase();
    }
    let mut out = String::with_capacity(address.len());
    let mut capital = true;
    let mut in_domain = false;
    for c in address.chars() {
        let upper = capital && ((mode == 0 && !in_domain) || mode == 2);
        out.push(if upper { c.to_ascii_uppercase() } else { c });
        if c == '@' {
            in_domain = true;
            capital = true;
        } else {
            capital = mode == 0 && !in_domain && matches!(c, '.' | '-' | '_');
        }
    }
    out
}

/// Writes a national significant number the way people of that country do,
/// nationally ("(415) 555-0142", "020 7946 0958") or internationally
/// ("+44 20 7946 0958", "+49 30 1234567", "+33 1 23 45 67 89").
pub(super) fn format_phone(c: &Country, nsn: &[u8], area: usize, intl: bool) -> String {
    fn push(out: &mut String, digits: &[u8]) {
        out.extend(digits.iter().map(|&b| char::from(b)));
    }
    fn push_groups(out: &mut String, digits: &[u8], groups: &[usize]) {
        let mut rest = digits;
        for (i, &g) in groups.iter().enumerate() {
            if rest.is_empty() {
                break;
            }
            let g = if i + 1 == groups.len() { rest.len() } else { g.min(rest.len()) };
            if i > 0 {
                out.push(' ');
            }
            push(out, &rest[..g]);
            rest = &rest[g..];
        }
    }
    let mut out = String::with_capacity(20);
    let (a, rest) = nsn.split_at(area.min(nsn.len()));
    match c.code {
        "US" if !intl => {
            out.push('(');
            push(&mut out, a);
            out.push_str(") ");
            push(&mut out, &rest[..3.min(rest.len())]);
            out.push('-');
            push(&mut out, &rest[3.min(rest.len())..]);
        }
        "ES" => {
            if intl {
                out.push_str("+34 ");
                push_groups(&mut out, nsn, &[3, 3, 3]);
            } else {
                push_groups(&mut out, nsn, &[3, 2, 2, 2]);
            }
        }
        _ => {
            if intl {
                out.push('+');
                out.push_str(c.cc);
                out.push(' ');
            } else if c.trunk {
                out.push('0');
            }
            push(&mut out, a);
            out.push(' ');
            match (c.code, rest.len()) {
                ("FR", _) => push_groups(&mut out, rest, &[2, 2, 2, 2]),
                ("US", _) => push_groups(&mut out, rest, &[3, 4]),
                ("GB", 8) => push_groups(&mut out, rest, &[4, 4]),
                ("GB" | "NL", 7) => push_groups(&mut out, rest, &[3, 4]),
                _ => push(&mut out, rest),
            }
        }
    }
    out
}

/// The same number written another way: an international number as a plain
/// national one ("02079460958", "415-555-0142"), a national one in compact
/// international form ("+442079460958").
pub(super) fn alt_phone(c: &Country, number: &str) -> String {
    let digits: Vec<u8> = number.bytes().filter(u8::is_ascii_digit).collect();
    let intl = number.starts_with('+');
    let nsn = if intl {
        digits.strip_prefix(c.cc.as_bytes()).unwrap_or(&digits)
    } else if c.trunk {
        digits.strip_prefix(b"0").unwrap_or(&digits)
    } else {
        &digits[..]
    };
    let mut out = String::with_capacity(16);
    if !intl {
        out.push('+');
        out.push_str(c.cc);
    } else if c.code == "US" && nsn.len() == 10 {
        for (i, &b) in nsn.iter().enumerate() {
            if i == 3 || i == 6 {
                out.push('-');
            }
            out.push(char::from(b));
        }
        return out;
    } else if c.trunk {
        out.push('0');
    }
    out.extend(nsn.iter().map(|&b| char::from(b)));
    out
}
