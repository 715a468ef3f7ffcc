//! Reading and writing vCard files (`.vcf`), for address books exported
//! from phones, Apple Contacts, Google and Outlook.
//!
//! [`parse_vcards`] reads vCard 2.1, 3.0 and 4.0 text holding any number of
//! cards. It unfolds continuation lines, decodes quoted-printable values
//! (UTF-8 or ISO-8859-1), skips inline binary data such as photos, reads
//! grouped properties (`item1.EMAIL` with Apple's `item1.X-ABLabel`) and
//! both parameter styles (`TYPE=work,pref` and `TYPE=WORK;TYPE=PREF`). Each
//! card becomes a [`VcardContact`]: a [`ContactDraft`] plus the organisation
//! and UID, which the caller uses to find or create the company and to spot
//! repeated imports, and a list of problems met on the way. A card that is
//! cut off before `END:VCARD` is kept and reported.
//!
//! [`write_vcard`] writes one contact as vCard 4.0 with escaping, CRLF line
//! ends and lines folded at 75 octets without splitting a UTF-8 character.

use std::fmt;

use super::addresses::split_address_block;
use super::contacts_rows::{fit_draft, ContactDraft};
use super::csv::decode;
use super::plan::{Reason, RowNote};
use super::values::{parse_date, set_country, split_name, CountryRead, DateOrder, KindWord};
use crate::core::countries::{country_name, is_country_code};
use crate::core::i18n::Message;
use crate::core::records::{
    Address, AddressKind, Contact, Email, EmailKind, ImportantDate, Phone, PhoneKind, YearlyDate,
};
use crate::core::text::{collapse_spaces, fold, quoted};
use crate::core::validate::{is_email, is_phone, tidy_tags};

/// One card read from a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VcardContact {
    pub contact: ContactDraft,
    /// The organisation's name (the first part of `ORG`).
    pub org: Option<String>,
    /// The card's `UID`, without a `urn:uuid:` prefix.
    pub uid: Option<String>,
    /// The line of the file where the card begins, counting from 1.
    pub line: usize,
    /// The card's place in the file, counting from 1: what the preview
    /// numbers it by.
    pub card: usize,
    /// What the preview says about the card's values.
    pub problems: Vec<RowNote>,
}

/// Why a file could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VcardError {
    /// The file is not text; see [`super::csv::CsvError::Binary`].
    Binary,
    /// The file has no `BEGIN:VCARD` line.
    NoCards,
}

impl fmt::Display for VcardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VcardError::Binary => write!(f, "This is not a text file, so it cannot be a vCard file."),
            VcardError::NoCards => {
                write!(f, "This is not a vCard file: it has no BEGIN:VCARD line. Export the contacts as vCard (.vcf).")
            }
        }
    }
}

impl std::error::Error for VcardError {}

impl VcardError {
    /// The message in `locale` (the catalogue's `import.vcard_error.*`).
    pub fn message(&self, locale: crate::core::display::Locale) -> String {
        let key = match self {
            VcardError::Binary => "import.vcard_error.binary",
            VcardError::NoCards => "import.vcard_error.no_cards",
        };
        crate::core::i18n::text(locale, key).to_string()
    }
}

/// Decodes a file's bytes (see [`super::csv::decode`]) and reads its cards.
pub fn parse_vcard_bytes(bytes: &[u8]) -> Result<Vec<VcardContact>, VcardError> {
    let decoded = decode(bytes).map_err(|_| VcardError::Binary)?;
    parse_vcards(&decoded.text)
}

/// One content line: `group.NAME;PARAM=a,b:value`, with the name and
/// parameter names in upper case.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Property {
    group: Option<String>,
    name: String,
    /// Parameter names with their values; a bare parameter (vCard 2.1's
    /// `;WORK`) is a `TYPE` value, or an `ENCODING` when it names one.
    params: Vec<(String, String)>,
    value: String,
    line: usize,
}

impl Property {
    fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The `TYPE` values, lower case: `TYPE=WORK,pref;TYPE=cell` gives work, pref, cell.
    fn types(&self) -> Vec<String> {
        self.params
            .iter()
            .filter(|(n, _)| n == "TYPE")
            .flat_map(|(_, v)| v.split(','))
            .map(|t| t.trim().to_ascii_lowercase())
            .collect()
    }

    fn is_preferred(&self) -> bool {
        self.types().iter().any(|t| t == "pref") || self.param("PREF").is_some()
    }
}

/// Physical lines joined into logical ones: a line starting with a space or
/// tab continues the previous one, and a quoted-printable value ending in a
/// soft line break (`=`) continues on the next line. Each comes with the
/// number of its first line.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut soft_break = false;
    for (i, line) in physical_lines(text).enumerate() {
        let continuation = line.starts_with([' ', '\t']);
        match out.last_mut() {
            Some((_, last)) if continuation => last.push_str(&line[1..]),
            Some((_, last)) if soft_break => {
                last.pop();
                last.push_str(line);
            }
            _ => out.push((i + 1, line.to_string())),
        }
        if let Some((_, last)) = out.last() {
            soft_break = last.ends_with('=') && is_quoted_printable(last);
        }
    }
    out.retain(|(_, l)| !l.trim().is_empty());
    out
}

/// The lines of the text, ended by CRLF, LF or CR.
fn physical_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
        let (line, after) = rest.split_at(end);
        rest = after.strip_prefix("\r\n").or_else(|| after.strip_prefix(['\r', '\n'])).unwrap_or(after);
        Some(line)
    })
}

/// Whether a content line's parameters say quoted-printable.
fn is_quoted_printable(line: &str) -> bool {
    let head = line.split(':').next().unwrap_or("");
    head.to_ascii_uppercase().contains("QUOTED-PRINTABLE")
}

/// Splits a content line into its parts, or `None` when it has no colon.
fn parse_line(line: &str, number: usize) -> Option<Property> {
    // The colon that ends the name and parameters is the first one outside double quotes.
    let mut in_quotes = false;
    let colon = line.char_indices().find_map(|(i, c)| {
        if c == '"' {
            in_quotes = !in_quotes;
        }
        (c == ':' && !in_quotes).then_some(i)
    })?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut parts = split_unquoted(head, ';').into_iter();
    let full_name = parts.next().unwrap_or_default();
    let (group, name) = match full_name.rsplit_once('.') {
        Some((g, n)) => (Some(g.to_ascii_lowercase()), n),
        None => (None, full_name),
    };
    let params = parts
        .map(|p| match p.split_once('=') {
            Some((n, v)) => (n.trim().to_ascii_uppercase(), v.trim().trim_matches('"').to_string()),
            None => {
                let bare = p.trim().to_ascii_uppercase();
                let is_encoding = matches!(bare.as_str(), "QUOTED-PRINTABLE" | "BASE64" | "B" | "8BIT");
                (if is_encoding { "ENCODING" } else { "TYPE" }.to_string(), bare)
            }
        })
        .collect();
    Some(Property { group, name: name.trim().to_ascii_uppercase(), params, value: value.to_string(), line: number })
}

/// Splits at `sep` outside double quotes.
fn split_unquoted(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut in_quotes = false;
    for (i, c) in s.char_indices() {
        if c == '"' {
            in_quotes = !in_quotes;
        } else if c == sep && !in_quotes {
            parts.push(&s[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&s[start..]);
    parts
}

/// Decodes quoted-printable text: `=C3=A9` is a byte; other text is as it is.
fn decode_quoted_printable(value: &str, charset: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'=', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    let latin = matches!(charset.to_ascii_uppercase().as_str(), "ISO-8859-1" | "LATIN1" | "WINDOWS-1252" | "CP1252");
    if latin {
        super::csv::decode_windows_1252(&out)
    } else {
        String::from_utf8(out).unwrap_or_else(|e| super::csv::decode_windows_1252(e.as_bytes()))
    }
}

/// Splits a raw value at unescaped `sep` and unescapes each part.
fn split_escaped(value: &str, sep: char) -> Vec<String> {
    unescape_parts(value, Some(sep))
}

/// The whole value, unescaped, as one text.
fn unescape(value: &str) -> String {
    unescape_parts(value, None).concat()
}

/// Unescapes `\,` `\;` `\\` and `\n` or `\N` (a line break), splitting at
/// each unescaped `sep` if there is one.
fn unescape_parts(value: &str, sep: Option<char>) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        let part = parts.last_mut().expect("parts is never empty");
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => part.push('\n'),
                Some(other) => part.push(other),
                None => part.push('\\'),
            },
            c if Some(c) == sep => parts.push(String::new()),
            c => part.push(c),
        }
    }
    parts
}

/// A problem met while reading a card, before the card is built.
fn damaged(message: Message) -> RowNote {
    RowNote { reason: Reason::DamagedCard, column: None, message }
}

/// A card being read: its first line, its properties, its notes, and the
/// lines in it that are not properties (kept as extras).
type OpenCard = (usize, Vec<Property>, Vec<RowNote>, Vec<(String, String)>);

/// Reads every card in the text. Lines outside cards are ignored; a line
/// inside a card that is not a property is kept in the card's extras.
pub fn parse_vcards(text: &str) -> Result<Vec<VcardContact>, VcardError> {
    let mut cards = Vec::new();
    let mut current: Option<OpenCard> = None;
    let mut saw_begin = false;
    let build = |start, props: &[Property], notes, kept, cards: &mut Vec<VcardContact>| {
        let number = cards.len() + 1;
        cards.push(build_card(start, number, props, notes, kept));
    };
    for (number, line) in unfold(text) {
        let Some(prop) = parse_line(&line, number) else {
            if let Some((_, _, notes, kept)) = &mut current {
                notes.push(damaged(Message::new("import.note.card_bad_line").with("n", number.to_string())));
                kept.push((format!("Unreadable line {number}"), line.trim().to_string()));
            }
            continue;
        };
        let is_begin = prop.name == "BEGIN" && prop.value.trim().eq_ignore_ascii_case("VCARD");
        let is_end = prop.name == "END" && prop.value.trim().eq_ignore_ascii_case("VCARD");
        if is_begin {
            saw_begin = true;
            if let Some((start, props, mut notes, kept)) = current.take() {
                notes.push(damaged(Message::new("import.note.card_no_end").with("n", start.to_string())));
                build(start, &props, notes, kept, &mut cards);
            }
            current = Some((number, Vec::new(), Vec::new(), Vec::new()));
        } else if is_end {
            if let Some((start, props, notes, kept)) = current.take() {
                build(start, &props, notes, kept, &mut cards);
            }
        } else if let Some((_, props, _, _)) = &mut current {
            props.push(prop);
        }
    }
    if let Some((start, props, mut notes, kept)) = current {
        notes.push(damaged(Message::new("import.note.card_cut_off").with("n", start.to_string())));
        build(start, &props, notes, kept, &mut cards);
    }
    if saw_begin {
        Ok(cards)
    } else {
        Err(VcardError::NoCards)
    }
}

/// Properties that describe the card or its encoding rather than the person:
/// they are not kept.
const META: &[&str] = &[
    "VERSION",
    "PRODID",
    "REV",
    "X-ABUID",
    "X-ABLABEL",
    "X-ABADR",
    "X-ABSHOWAS",
    "CLIENTPIDMAP",
    "X-IMAGETYPE",
    "X-IMAGEHASH",
    "X-SHAREDPHOTODISPLAYPREF",
    "SOURCE",
    "NAME",
    "PROFILE",
    "MAILER",
    "KIND",
];

/// What an unknown property is called in the extras.
fn extra_label(name: &str, label: Option<&str>) -> String {
    let base = match name {
        "URL" => "Website",
        "IMPP" | "X-AIM" | "X-ICQ" | "X-JABBER" | "X-MSN" | "X-YAHOO" | "X-SKYPE" | "X-SKYPE-USERNAME" | "X-QQ" => {
            "Instant messaging"
        }
        "X-SOCIALPROFILE" => "Social profile",
        "X-ABRELATEDNAMES" | "RELATED" => "Related person",
        "GENDER" | "X-GENDER" => "Gender",
        "GEO" => "Location",
        "LANG" => "Language",
        "TZ" => "Time zone",
        "ROLE" => "Role",
        "X-PHONETIC-FIRST-NAME" => "Phonetic first name",
        "X-PHONETIC-MIDDLE-NAME" => "Phonetic middle name",
        "X-PHONETIC-LAST-NAME" => "Phonetic last name",
        "X-PHONETIC-ORG" => "Phonetic company name",
        "X-MAIDENNAME" => "Maiden name",
        "SORT-STRING" => "Sort as",
        "TEL" => "Phone",
        "EMAIL" => "Email",
        other => other,
    };
    match label.filter(|l| !l.is_empty()) {
        Some(l) => format!("{base} ({l})"),
        None => base.to_string(),
    }
}

/// A yearly date of a `BDAY`, `ANNIVERSARY` or `X-ABDATE` property: Apple
/// marks a date without a year with `X-APPLE-OMIT-YEAR=1604` on the year
/// 1604; vCard 4 writes `--0307`.
fn card_date(p: &Property, text: &str) -> Result<Option<YearlyDate>, Message> {
    let omitted = p.param("X-APPLE-OMIT-YEAR").and_then(|y| y.trim().parse::<i32>().ok());
    match parse_date(text, Some(DateOrder::DayMonthYear)) {
        Ok(Some(d)) if d.year().is_some() && d.year() == omitted => Ok(YearlyDate::without_year(d.month(), d.day())),
        Ok(d) => Ok(d),
        Err(e) => Err(e.message),
    }
}

/// Apple's labels: `_$!<Anniversary>!$_` → "Anniversary"; others as they are.
fn apple_label(raw: &str) -> String {
    collapse_spaces(raw.trim().trim_start_matches("_$!<").trim_end_matches(">!$_"))
}

/// Turns the properties of one card into a contact.
fn build_card(
    line: usize,
    card: usize,
    props: &[Property],
    mut notes: Vec<RowNote>,
    mut extras: Vec<(String, String)>,
) -> VcardContact {
    let mut out = VcardContact { line, card, ..VcardContact::default() };
    let c = &mut out.contact;
    let mut full_name = None;
    let mut have_n = false;
    // Preferred emails and phones go first; otherwise the file's order is kept.
    let mut emails: Vec<(bool, Email)> = Vec::new();
    let mut phones: Vec<(bool, Phone)> = Vec::new();
    let has_adr = props.iter().any(|p| p.name == "ADR");
    for p in props {
        let encoding = p.param("ENCODING").unwrap_or("").to_ascii_uppercase();
        let binary_property = matches!(p.name.as_str(), "PHOTO" | "LOGO" | "SOUND" | "KEY");
        if binary_property || matches!(encoding.as_str(), "B" | "BASE64") {
            // Photos, logos, sounds and keys (inline data or links) are not imported.
            continue;
        }
        let raw = if encoding == "QUOTED-PRINTABLE" {
            decode_quoted_printable(&p.value, p.param("CHARSET").unwrap_or("UTF-8"))
        } else {
            p.value.clone()
        };
        let text = || collapse_spaces(&unescape(&raw));
        // Apple's label of the property's group, as written and in lower case (for kinds).
        let shown_label = group_label(props, p);
        let label = shown_label.as_ref().map(|l| l.to_lowercase());
        let mut keep = |name: &str, value: String| {
            if !value.trim().is_empty() {
                extras.push((extra_label(name, shown_label.as_deref()), value));
            }
        };
        match p.name.as_str() {
            "N" => {
                let parts: Vec<String> =
                    split_escaped(&raw, ';').iter().map(|s| collapse_spaces(&s.replace(',', " "))).collect();
                let part = |i: usize| parts.get(i).cloned().unwrap_or_default();
                c.family_name = part(0);
                c.given_name = collapse_spaces(&format!("{} {}", part(1), part(2)));
                c.name_prefix = part(3);
                c.name_suffix = part(4);
                have_n = !c.family_name.is_empty() || !c.given_name.is_empty();
            }
            "FN" => full_name = Some(text()),
            "NICKNAME" if c.nickname.is_empty() => c.nickname = text(),
            "EMAIL" => {
                let address = text();
                if is_email(&address) {
                    let kind = kind_of(&p.types(), label.as_deref()).map_or(EmailKind::default(), KindWord::email);
                    emails.push((p.is_preferred(), Email { kind, address }));
                } else if !address.is_empty() {
                    notes.push(RowNote {
                        reason: Reason::UnreadableEmail,
                        column: None,
                        message: Message::new("import.note.card_email").with("value", quoted(&address)),
                    });
                    keep("EMAIL", address);
                }
            }
            "TEL" => {
                let text = text();
                // `tel:` URIs (vCard 4.0), also repeated: "tel:tel:+1…".
                let mut number = text.as_str();
                while let Some(rest) = number.get(..4).filter(|p| p.eq_ignore_ascii_case("tel:")).map(|_| &number[4..])
                {
                    number = rest.trim_start();
                }
                let number = number.to_string();
                if is_phone(&number) {
                    let kind = kind_of(&p.types(), label.as_deref()).map_or(PhoneKind::default(), KindWord::phone);
                    phones.push((p.is_preferred(), Phone { kind, number }));
                } else if !number.is_empty() {
                    notes.push(RowNote {
                        reason: Reason::UnreadablePhone,
                        column: None,
                        message: Message::new("import.note.card_phone").with("value", quoted(&number)),
                    });
                    keep("TEL", number);
                }
            }
            "ADR" => {
                let kind = kind_of(&p.types(), label.as_deref()).map_or(AddressKind::default(), KindWord::address);
                // Apple writes the country's code beside the address: `item1.X-ABADR:is`.
                let hint = p.group.as_ref().and_then(|g| {
                    props.iter().find(|q| q.group.as_ref() == Some(g) && q.name == "X-ABADR").map(|q| q.value.trim())
                });
                let (address, note) = read_address(&raw, kind, hint);
                notes.extend(note);
                if !address.is_blank() {
                    c.addresses.push(address);
                }
            }
            // A printed address beside `ADR` repeats it; alone, it is the address.
            "LABEL" if has_adr => {}
            "LABEL" => {
                let block = unescape(&raw);
                match split_address_block(&block) {
                    Some(a) => c.addresses.push(a),
                    None => keep("Address", block),
                }
            }
            "ORG" => {
                let parts: Vec<String> = split_escaped(&raw, ';').iter().map(|s| collapse_spaces(s)).collect();
                let name = parts.first().cloned().unwrap_or_default();
                if !name.is_empty() && out.org.is_none() {
                    out.org = Some(name);
                }
                let units: Vec<&String> = parts.iter().skip(1).filter(|u| !u.is_empty()).collect();
                if !units.is_empty() && c.department.is_empty() {
                    c.department = units.iter().map(|u| u.as_str()).collect::<Vec<_>>().join(" / ");
                }
            }
            "TITLE" if c.job_title.is_empty() => c.job_title = text(),
            "ROLE" if text() == c.job_title => {}
            "BDAY" | "ANNIVERSARY" | "X-ANNIVERSARY" | "X-EVOLUTION-ANNIVERSARY" | "X-ABDATE" => {
                let value = unescape(&raw);
                match card_date(p, &value) {
                    Ok(None) => {}
                    Ok(Some(date)) if p.name == "BDAY" => {
                        let too_early = date.year().is_some_and(|y| y < 1900);
                        if too_early {
                            notes.push(RowNote {
                                reason: Reason::ImplausibleBirthday,
                                column: None,
                                message: Message::new("import.note.card_birthday_early").with("value", quoted(&value)),
                            });
                            keep("Birthday", value);
                        } else {
                            if date.year().is_none() {
                                notes.push(RowNote {
                                    reason: Reason::YearlessDate,
                                    column: None,
                                    message: Message::new("import.note.card_birthday_yearless").with_date("date", date),
                                });
                            }
                            c.birthday = c.birthday.or(Some(date));
                        }
                    }
                    Ok(Some(date)) => {
                        let label = match p.name.as_str() {
                            "X-ABDATE" => shown_label.clone().filter(|l| !l.is_empty()),
                            _ => None,
                        };
                        let label = label.unwrap_or_else(|| {
                            if p.name == "X-ABDATE" { "Important date" } else { "Anniversary" }.to_string()
                        });
                        c.important_dates.push(ImportantDate { label, date });
                    }
                    Err(why) => {
                        let key = if p.name == "BDAY" {
                            "import.note.card_birthday_unreadable"
                        } else {
                            "import.note.card_date_unreadable"
                        };
                        notes.push(RowNote {
                            reason: Reason::UnreadableDate,
                            column: None,
                            message: Message::new(key).with_message("why", why),
                        });
                        keep(if p.name == "BDAY" { "Birthday" } else { "Date" }, value);
                    }
                }
            }
            "NOTE" => {
                let note = unescape(&raw).trim().to_string();
                if !note.is_empty() {
                    if !c.notes.is_empty() {
                        c.notes.push_str("\n\n");
                    }
                    c.notes.push_str(&note);
                }
            }
            // Our tags cannot hold commas, so an escaped comma in a category becomes a space.
            "CATEGORIES" => {
                c.tags.extend(split_escaped(&raw, ',').iter().map(|t| collapse_spaces(&t.replace(',', " "))))
            }
            "UID" => {
                let uid = text();
                let uid = uid.strip_prefix("urn:uuid:").unwrap_or(&uid).to_string();
                out.uid = Some(uid).filter(|u| !u.is_empty());
            }
            name if META.contains(&name) => {}
            "KIND" => {}
            name => {
                let value = unescape(&raw);
                // Apple's related names carry their relation as the group's label.
                keep(name, value.trim().to_string());
            }
        }
    }
    // Without a name in `N`, `FN` is the name, unless it is only what a writer
    // shows for a nameless card: an email address or the organisation.
    if !have_n {
        let shown_only =
            |n: &String| n.contains('@') || Some(n) == out.org.as_ref() || emails.iter().any(|(_, e)| e.address == *n);
        if let Some(name) = full_name.filter(|n| !shown_only(n)) {
            let parts = split_name(&name);
            (c.given_name, c.family_name) = (parts.given, parts.family);
            (c.name_prefix, c.name_suffix) = (parts.prefix, parts.suffix);
        }
    } else if let Some(name) = full_name {
        // `FN` usually repeats `N`; a name it adds is kept.
        let words = |s: &str| -> Vec<String> {
            fold(s).split(|ch: char| !ch.is_alphanumeric()).filter(|w| !w.is_empty()).map(String::from).collect()
        };
        let known =
            words(&format!("{} {} {} {} {}", c.name_prefix, c.given_name, c.family_name, c.name_suffix, c.nickname));
        if !words(&name).iter().all(|w| known.contains(w)) {
            extras.push(("Full name".into(), name));
        }
    }
    // A stable sort keeps the file's order among equally preferred values.
    emails.sort_by_key(|(pref, _)| !pref);
    phones.sort_by_key(|(pref, _)| !pref);
    c.emails = emails.into_iter().map(|(_, e)| e).collect();
    c.phones = phones.into_iter().map(|(_, p)| p).collect();
    c.tags = tidy_tags(&c.tags);
    c.extras = extras;
    notes.extend(fit_draft(c, &mut out.org));
    out.problems = notes;
    out
}

/// Apple's label for a grouped property: `item1.X-ABLabel:_$!<Work>!$_`
/// gives "Work".
fn group_label(props: &[Property], p: &Property) -> Option<String> {
    let group = p.group.as_ref()?;
    let label = props.iter().find(|q| q.group.as_ref() == Some(group) && q.name == "X-ABLABEL")?;
    Some(apple_label(&unescape(&label.value)))
}

/// Reads types such as `work`, `home`, `cell`: a mobile wins over work or
/// home (a work mobile is a mobile), and a group label counts as a type.
fn kind_of(types: &[String], label: Option<&str>) -> Option<KindWord> {
    let all = || types.iter().map(String::as_str).chain(label);
    let has = |names: &[&str]| all().any(|t| names.contains(&t));
    if has(&["cell", "mobile", "iphone"]) {
        Some(KindWord::Mobile)
    } else if has(&["work"]) {
        Some(KindWord::Work)
    } else if has(&["home", "personal"]) {
        Some(KindWord::Home)
    } else if has(&["other", "fax", "pager", "textphone"]) {
        Some(KindWord::Other)
    } else {
        None
    }
}

/// Reads `ADR`: post office box; extended address; street; locality;
/// region; postal code; country. The street's first line is the street;
/// its further lines (Apple writes "12 High St\nFlat 3"), the extended
/// address and the box are the second street line. A country the table does
/// not know is kept as written, unless Apple's `X-ABADR` code (`hint`) names
/// one; the note says so.
fn read_address(raw: &str, kind: AddressKind, hint: Option<&str>) -> (Address, Option<RowNote>) {
    let parts: Vec<String> = split_escaped(raw, ';');
    let part = |i: usize| collapse_spaces(parts.get(i).map_or("", String::as_str));
    let street_lines: Vec<String> =
        parts.get(2).map_or("", String::as_str).lines().map(collapse_spaces).filter(|l| !l.is_empty()).collect();
    let mut street2: Vec<String> = street_lines.iter().skip(1).cloned().collect();
    street2.extend([part(1), part(0)].into_iter().filter(|s| !s.is_empty()));
    let mut address = Address {
        kind,
        street: street_lines.first().cloned().unwrap_or_default(),
        street2: street2.join(", "),
        city: part(3),
        region: part(4),
        postal_code: part(5),
        country: String::new(),
    };
    let country = part(6);
    let hinted = hint.map(str::to_ascii_uppercase).filter(|h| is_country_code(h));
    let note = match (country.is_empty(), hinted) {
        (true, Some(code)) => {
            address.country = code;
            None
        }
        (true, None) => None,
        (false, hint) => match set_country(&mut address, &country) {
            CountryRead::Unrecognised => match hint {
                Some(code) => {
                    address.country = code;
                    None
                }
                None => Some(RowNote {
                    reason: Reason::UnknownCountry,
                    column: None,
                    message: Message::new("import.note.card_country").with("value", quoted(&country)),
                }),
            },
            _ => None,
        },
    };
    (address, note)
}

/// Escapes a text value: backslash, comma, semicolon and line breaks.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets: each continuation line
/// starts with a space and holds at most 74 more octets, and no UTF-8
/// character is split.
fn push_folded(out: &mut String, line: &str) {
    let mut limit = 75;
    let mut start = 0;
    while line.len() - start > limit {
        let mut end = start + limit;
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        out.push_str(&line[start..end]);
        out.push_str("\r\n ");
        start = end;
        limit = 74;
    }
    out.push_str(&line[start..]);
    out.push_str("\r\n");
}

/// A yearly date in vCard 4.0's form: `19840307`, or `--0307` without a year.
fn vcard_date(d: YearlyDate) -> String {
    match d.year() {
        Some(y) => format!("{y:04}{:02}{:02}", d.month(), d.day()),
        None => format!("--{:02}{:02}", d.month(), d.day()),
    }
}

/// Writes a contact as a vCard 4.0 card, with the company's name and the
/// contact's department as `ORG`. The contact's id becomes
/// `UID:urn:uuid:…` and its update time `REV`. A birthday without a year is
/// `BDAY:--MMDD`; important dates are Apple's labelled `X-ABDATE`s (so Apple
/// Contacts shows them and this reader reads them back); an address's
/// country is its English name (a country no table knows, as written).
pub fn write_vcard(contact: &Contact, company_name: Option<&str>) -> String {
    let mut out = String::new();
    let mut line = |s: String| push_folded(&mut out, &s);
    line("BEGIN:VCARD".into());
    line("VERSION:4.0".into());
    line(format!("UID:urn:uuid:{}", contact.id));
    // `FN` is required: the name, else the organisation, else an email address.
    let named = !(contact.given_name.is_empty() && contact.family_name.is_empty());
    let shown = match (named, company_name) {
        (true, _) => [&contact.name_prefix, &contact.given_name, &contact.family_name, &contact.name_suffix]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        (false, Some(org)) if !org.is_empty() => org.to_string(),
        (false, _) => contact.emails.first().map(|e| e.address.clone()).unwrap_or_default(),
    };
    line(format!("FN:{}", escape(&shown)));
    line(format!(
        "N:{};{};;{};{}",
        escape(&contact.family_name),
        escape(&contact.given_name),
        escape(&contact.name_prefix),
        escape(&contact.name_suffix)
    ));
    if !contact.nickname.is_empty() {
        line(format!("NICKNAME:{}", escape(&contact.nickname)));
    }
    for e in &contact.emails {
        let kind = match e.kind {
            EmailKind::Work => "work",
            EmailKind::Personal => "home",
            EmailKind::Other => "other",
        };
        line(format!("EMAIL;TYPE={kind}:{}", escape(&e.address)));
    }
    for p in &contact.phones {
        let kind = match p.kind {
            PhoneKind::Mobile => "cell",
            PhoneKind::Work => "work",
            PhoneKind::Home => "home",
            PhoneKind::Other => "other",
        };
        line(format!("TEL;TYPE={kind}:{}", escape(&p.number)));
    }
    for a in &contact.addresses {
        let country = country_name(&a.country).unwrap_or(&a.country);
        let parts = ["", a.street2.as_str(), &a.street, &a.city, &a.region, &a.postal_code, country].map(escape);
        line(format!("ADR;TYPE={}:{}", a.kind.key(), parts.join(";")));
    }
    let org = company_name.unwrap_or_default();
    if !org.is_empty() || !contact.department.is_empty() {
        let dept =
            if contact.department.is_empty() { String::new() } else { format!(";{}", escape(&contact.department)) };
        line(format!("ORG:{}{dept}", escape(org)));
    }
    if !contact.job_title.is_empty() {
        line(format!("TITLE:{}", escape(&contact.job_title)));
    }
    if let Some(b) = contact.birthday {
        line(format!("BDAY:{}", vcard_date(b)));
    }
    for (i, d) in contact.important_dates.iter().enumerate() {
        let n = i + 1;
        line(format!("item{n}.X-ABDATE:{}", vcard_date(d.date)));
        let label = if d.label.eq_ignore_ascii_case("anniversary") {
            "_$!<Anniversary>!$_".to_string()
        } else {
            escape(&d.label)
        };
        line(format!("item{n}.X-ABLabel:{label}"));
    }
    if !contact.notes.is_empty() {
        line(format!("NOTE:{}", escape(&contact.notes)));
    }
    if !contact.tags.is_empty() {
        line(format!("CATEGORIES:{}", contact.tags.iter().map(|t| escape(t)).collect::<Vec<_>>().join(",")));
    }
    line(format!("REV:{}", contact.updated.format("%Y%m%dT%H%M%SZ")));
    line("END:VCARD".into());
    out
}

// Native only: proptest is not a wasm dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::records::LifecycleStage;
    use chrono::{NaiveDate, TimeZone, Utc};

    /// A card as macOS and iOS Contacts export it (vCard 3.0): Apple's
    /// grouped labels, a birthday without a year on Apple's year 1604, an
    /// anniversary as a labelled X-ABDATE, a two-line street, the country's
    /// code in X-ABADR, a social profile and related names, and a photo.
    const APPLE: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 14.4//EN\r\n\
        N:Jónsdóttir;Sigríður;Anna;Dr.;\r\nFN:Dr. Sigríður Anna Jónsdóttir\r\nNICKNAME:Sigga\r\n\
        ORG:Fjord ehf.;Research\r\nTITLE:Skipper\r\n\
        EMAIL;type=INTERNET;type=WORK;type=pref:sigga@fjord.example\r\n\
        item1.EMAIL;type=INTERNET:sigga@home.example\r\nitem1.X-ABLabel:_$!<Home>!$_\r\n\
        TEL;type=CELL;type=VOICE;type=pref:+354 555 0001\r\n\
        item2.ADR;type=HOME;type=pref:;;Laugavegur 1\\nFlat 3;Reykjavík;;101;Ísland\r\nitem2.X-ABADR:is\r\n\
        BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-07\r\n\
        item3.X-ABDATE;type=pref:2001-06-21\r\nitem3.X-ABLabel:_$!<Anniversary>!$_\r\n\
        item4.X-ABDATE;X-APPLE-OMIT-YEAR=1604:1604-09-01\r\nitem4.X-ABLabel:Name day\r\n\
        item5.URL;type=pref:https://fjord.example\r\nitem5.X-ABLabel:_$!<HomePage>!$_\r\n\
        X-SOCIALPROFILE;type=twitter:https://twitter.com/sigga\r\n\
        item6.X-ABRELATEDNAMES:Jón\r\nitem6.X-ABLabel:_$!<Spouse>!$_\r\n\
        NOTE:Met at the harbour.\\nLikes coffee.\r\nCATEGORIES:Crew,Iceland\r\n\
        PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n\
        X-ABUID:5B0C0E1A-ABCD-4B0C-9F1E-0A1B2C3D4E5F:ABPerson\r\nEND:VCARD\r\n";

    #[test]
    fn reads_an_apple_contacts_card_whole() {
        let card = one(APPLE);
        let c = &card.contact;
        assert_eq!(
            (c.name_prefix.as_str(), c.given_name.as_str(), c.family_name.as_str(), c.nickname.as_str()),
            ("Dr.", "Sigríður Anna", "Jónsdóttir", "Sigga")
        );
        assert_eq!(
            (card.org.as_deref(), c.department.as_str(), c.job_title.as_str()),
            (Some("Fjord ehf."), "Research", "Skipper")
        );
        assert_eq!(
            c.emails,
            [
                Email { kind: EmailKind::Work, address: "sigga@fjord.example".into() },
                Email { kind: EmailKind::Personal, address: "sigga@home.example".into() },
            ]
        );
        assert_eq!(c.phones, [Phone { kind: PhoneKind::Mobile, number: "+354 555 0001".into() }]);
        // "Ísland" is not in the table, but Apple's X-ABADR says "is".
        assert_eq!(
            c.addresses,
            [Address {
                kind: AddressKind::Home,
                street: "Laugavegur 1".into(),
                street2: "Flat 3".into(),
                city: "Reykjavík".into(),
                postal_code: "101".into(),
                country: "IS".into(),
                ..Address::default()
            }]
        );
        // 1604 with X-APPLE-OMIT-YEAR is "no year", not 7 March 1604.
        assert_eq!(c.birthday, YearlyDate::without_year(3, 7));
        assert_eq!(
            c.important_dates,
            [
                ImportantDate { label: "Anniversary".into(), date: YearlyDate::new(Some(2001), 6, 21).unwrap() },
                ImportantDate { label: "Name day".into(), date: YearlyDate::without_year(9, 1).unwrap() },
            ]
        );
        assert_eq!(c.notes, "Met at the harbour.\nLikes coffee.");
        assert_eq!(c.tags, ["Crew", "Iceland"]);
        assert_eq!(
            c.extras,
            [
                ("Website (HomePage)".to_string(), "https://fjord.example".to_string()),
                ("Social profile".to_string(), "https://twitter.com/sigga".to_string()),
                ("Related person (Spouse)".to_string(), "Jón".to_string()),
            ]
        );
        assert_eq!(card.problems.iter().map(|p| p.reason).collect::<Vec<_>>(), [Reason::YearlessDate]);
    }

    #[test]
    fn cards_are_counted_not_lined() {
        let file = [APPLE, APPLE, "BEGIN:VCARD\r\nFN:Ann Lee\r\nEND:VCARD\r\n", APPLE].concat();
        let cards = parse_vcards(&file).unwrap();
        assert_eq!(cards.iter().map(|c| c.card).collect::<Vec<_>>(), [1, 2, 3, 4]);
        // APPLE is 29 lines long, so the second card begins on line 30.
        assert_eq!(cards[1].line, 30);
    }

    #[test]
    fn vcard_4_dates_without_a_year_and_unreadable_values() {
        let card = one("BEGIN:VCARD\nVERSION:4.0\nFN:Ann Lee\nBDAY:--0307\nANNIVERSARY:--0621\n\
             EMAIL:ann@\nTEL:call me\nBDAY;VALUE=text:circa 1800\nX-CUSTOM:kept\nnot a property\nEND:VCARD\n");
        let c = &card.contact;
        assert_eq!(c.birthday, YearlyDate::without_year(3, 7));
        assert_eq!(
            c.important_dates,
            [ImportantDate { label: "Anniversary".into(), date: YearlyDate::without_year(6, 21).unwrap() }]
        );
        assert_eq!(
            card.problems.iter().map(|p| p.reason).collect::<Vec<_>>(),
            [
                Reason::DamagedCard,
                Reason::YearlessDate,
                Reason::UnreadableEmail,
                Reason::UnreadablePhone,
                Reason::UnreadableDate
            ]
        );
        let extras: Vec<(&str, &str)> = c.extras.iter().map(|(l, v)| (l.as_str(), v.as_str())).collect();
        assert_eq!(
            extras,
            [
                ("Unreadable line 10", "not a property"),
                ("Email", "ann@"),
                ("Phone", "call me"),
                ("Birthday", "circa 1800"),
                ("X-CUSTOM", "kept"),
            ]
        );
    }
    use proptest::prelude::*;

    fn one(text: &str) -> VcardContact {
        let mut cards = parse_vcards(text).unwrap();
        assert_eq!(cards.len(), 1);
        cards.remove(0)
    }

    #[test]
    fn reads_a_vcard_3_card() {
        let card = one("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Roe;Jane;Mary;Dr.;\r\nFN:Dr. Jane Mary Roe\r\n\
             ORG:Acme\\, Inc.;Research\r\nTITLE:Head of R&D\r\nEMAIL;TYPE=INTERNET;TYPE=WORK:jane@acme.example\r\n\
             EMAIL;TYPE=INTERNET,HOME,PREF:jane@home.example\r\nTEL;TYPE=CELL:+44 7700 900123\r\n\
             TEL;TYPE=WORK,VOICE:020 7946 0958\r\n\
             ADR;TYPE=WORK:PO Box 7;Suite 5;10 Downing St;London;;SW1A 2AA;United Kingdom\r\n\
             BDAY:1984-03-02\r\nNOTE:Line one\\nLine two\\; with \\, commas\r\nCATEGORIES:VIP,Partner\\, EU,vip\r\n\
             UID:urn:uuid:0b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b\r\n\
             PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ\r\n  AAAQABAAD\r\nEND:VCARD\r\n");
        let c = &card.contact;
        assert_eq!(card.problems, []);
        assert_eq!((c.given_name.as_str(), c.family_name.as_str()), ("Jane Mary", "Roe"));
        assert_eq!(c.name_prefix, "Dr.");
        assert_eq!(card.org.as_deref(), Some("Acme, Inc."));
        assert_eq!(c.department, "Research");
        assert_eq!(c.extras, [], "FN repeats N, the photo is skipped");
        assert_eq!(c.job_title, "Head of R&D");
        assert_eq!(
            c.emails,
            [
                Email { kind: EmailKind::Personal, address: "jane@home.example".into() },
                Email { kind: EmailKind::Work, address: "jane@acme.example".into() },
            ]
        );
        assert_eq!(
            c.phones,
            [
                Phone { kind: PhoneKind::Mobile, number: "+44 7700 900123".into() },
                Phone { kind: PhoneKind::Work, number: "020 7946 0958".into() },
            ]
        );
        assert_eq!(
            c.addresses,
            [Address {
                kind: AddressKind::Work,
                street: "10 Downing St".into(),
                street2: "Suite 5, PO Box 7".into(),
                city: "London".into(),
                region: String::new(),
                postal_code: "SW1A 2AA".into(),
                country: "GB".into(),
            }]
        );
        assert_eq!(c.birthday, NaiveDate::from_ymd_opt(1984, 3, 2).map(Into::into));
        assert_eq!(c.notes, "Line one\nLine two; with , commas");
        assert_eq!(c.tags, ["VIP", "Partner EU"]);
        assert_eq!(card.uid.as_deref(), Some("0b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b"));
        assert_eq!(card.line, 1);
    }

    #[test]
    fn reads_a_vcard_4_card_with_folding_and_groups() {
        let card = one("BEGIN:VCARD\nVERSION:4.0\nFN:Jürgen van der Berg\nitem1.EMAIL:j@example.de\n\
             item1.X-ABLabel:_$!<Home>!$_\nitem2.TEL;VALUE=uri:tel:+49-30-1234567\nitem2.X-ABLabel:_$!<Mobile>!$_\n\
             TEL;TYPE=\"work,voice\";PREF=1:+49 30 7654321\n\
             NOTE:A long note that is folded over several lines because it is long\n  and goes on\n\t here.\n\
             ADR;TYPE=home;LABEL=\"Hauptstr. 1\\n10115 Berlin\":;;Hauptstr. 1;Berlin;;10115;Deutschland\n\
             BDAY:19750815\nEND:VCARD\n");
        let c = &card.contact;
        assert_eq!((c.given_name.as_str(), c.family_name.as_str()), ("Jürgen", "van der Berg"));
        assert_eq!(c.emails, [Email { kind: EmailKind::Personal, address: "j@example.de".into() }]);
        assert_eq!(
            c.phones,
            [
                Phone { kind: PhoneKind::Work, number: "+49 30 7654321".into() },
                Phone { kind: PhoneKind::Mobile, number: "+49-30-1234567".into() },
            ]
        );
        assert_eq!(c.notes, "A long note that is folded over several lines because it is long and goes on here.");
        assert_eq!(c.addresses[0].kind, AddressKind::Home);
        assert_eq!(c.addresses[0].country, "DE");
        assert_eq!(c.addresses[0].city, "Berlin");
        assert_eq!(c.birthday, NaiveDate::from_ymd_opt(1975, 8, 15).map(Into::into));
    }

    #[test]
    fn reads_quoted_printable_in_utf8_and_latin1() {
        let card = one(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCr=\r\ngen\r\n\
             NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Caf=E9 =\r\nau lait=0D=0Anext\r\n\
             TEL;CELL;PREF:+33 6 12 34 56 78\r\nADR;HOME;QUOTED-PRINTABLE:;;Rue de l'=C3=89glise;Paris;;;France\r\n\
             END:VCARD\r\n",
        );
        let c = &card.contact;
        assert_eq!((c.given_name.as_str(), c.family_name.as_str()), ("Jürgen", "Müller"));
        assert_eq!(c.notes, "Café au lait\r\nnext");
        assert_eq!(c.phones, [Phone { kind: PhoneKind::Mobile, number: "+33 6 12 34 56 78".into() }]);
        assert_eq!(c.addresses[0].street, "Rue de l'Église");
        assert_eq!(c.addresses[0].country, "FR");
        assert_eq!(c.addresses[0].kind, AddressKind::Home);
    }

    #[test]
    fn reads_several_cards_and_keeps_a_card_without_end() {
        let cards = parse_vcards(
            "BEGIN:VCARD\nFN:Ann Lee\nEND:VCARD\n\nBEGIN:VCARD\nFN:Bob Ray\nEMAIL:bob@x.example\n\
             BEGIN:VCARD\nN:Cho;Cy;;;\nBDAY:--0302\nADR:;;1 Main St;Springfield;;;Atlantis\n",
        )
        .unwrap();
        let names: Vec<(&str, &str)> =
            cards.iter().map(|c| (c.contact.given_name.as_str(), c.contact.family_name.as_str())).collect();
        assert_eq!(names, [("Ann", "Lee"), ("Bob", "Ray"), ("Cy", "Cho")]);
        assert!(cards[0].problems.is_empty());
        let messages = |c: &VcardContact| c.problems.iter().map(|p| p.message.english()).collect::<Vec<_>>();
        assert_eq!(messages(&cards[1]), ["The card starting on line 5 has no END:VCARD line"]);
        assert_eq!(cards[1].contact.emails.len(), 1);
        // Cards are numbered in the file; their lines are kept for messages.
        assert_eq!(cards.iter().map(|c| (c.card, c.line)).collect::<Vec<_>>(), [(1, 1), (2, 5), (3, 8)]);
        let last = &cards[2];
        assert_eq!(last.contact.birthday, YearlyDate::without_year(3, 2));
        // An unknown country stays in the country, as written.
        assert_eq!(last.contact.addresses[0].country, "Atlantis");
        assert_eq!(last.contact.addresses[0].region, "");
        let reasons: Vec<Reason> = last.problems.iter().map(|p| p.reason).collect();
        assert_eq!(reasons, [Reason::DamagedCard, Reason::YearlessDate, Reason::UnknownCountry]);
        assert!(last.problems[0].message.english().contains("line 8"));
    }

    #[test]
    fn rejects_files_without_cards() {
        assert_eq!(parse_vcards("First Name,Last Name\nJane,Roe\n"), Err(VcardError::NoCards));
        assert_eq!(parse_vcards(""), Err(VcardError::NoCards));
        assert_eq!(parse_vcard_bytes(b"\0\0\0"), Err(VcardError::Binary));
        assert!(VcardError::NoCards.to_string().contains("BEGIN:VCARD"));
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let line = format!("NOTE:{}", "é".repeat(80));
        push_folded(&mut out, &line);
        let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines.iter().all(|l| l.len() <= 75), "{lines:?}");
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        assert_eq!(lines[0].len(), 75);
        let unfolded: String = lines.iter().enumerate().map(|(i, l)| if i == 0 { *l } else { &l[1..] }).collect();
        assert_eq!(unfolded, line);
    }

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape("a,b;c\\d\r\ne\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    fn sample() -> Contact {
        let t = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let mut c = Contact::blank("0b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b".into(), t);
        c.given_name = "Zoë Ærin".into();
        c.family_name = "Ødegaard-Łukasz".into();
        c.emails = vec![
            Email { kind: EmailKind::Work, address: "zoe@example.no".into() },
            Email { kind: EmailKind::Personal, address: "zoë@exämple.no".into() },
            Email { kind: EmailKind::Other, address: "z@other.example".into() },
        ];
        c.phones = vec![
            Phone { kind: PhoneKind::Mobile, number: "+47 912 34 567".into() },
            Phone { kind: PhoneKind::Home, number: "22 33 44 55".into() },
            Phone { kind: PhoneKind::Work, number: "(415) 555-0142".into() },
            Phone { kind: PhoneKind::Other, number: "030/1234567".into() },
        ];
        c.addresses = vec![
            Address {
                kind: AddressKind::Home,
                street: "Karl Johans gate 1; 3. etasje, bak".into(),
                street2: "c/o Fjord; Inngang B".into(),
                city: "Oslo".into(),
                region: "Østlandet".into(),
                postal_code: "0154".into(),
                country: "NO".into(),
            },
            Address {
                kind: AddressKind::Other,
                city: "Cair Paravel".into(),
                country: "Narnia".into(),
                ..Address::default()
            },
        ];
        c.nickname = "Zo".into();
        c.name_prefix = "Dr.".into();
        c.name_suffix = "PhD".into();
        c.department = "Forskning, R&D".into();
        c.important_dates = vec![
            ImportantDate { label: "Anniversary".into(), date: YearlyDate::without_year(6, 21).unwrap() },
            ImportantDate {
                label: "Started, at last".into(),
                date: NaiveDate::from_ymd_opt(2011, 1, 3).unwrap().into(),
            },
        ];
        c.job_title = "Directrice générale, R&D".into();
        c.tags = vec!["VIP".into(), "Nordic 2026".into()];
        c.birthday = YearlyDate::without_year(12, 31);
        c.notes = "Første linje\nSecond; line, with \\ backslash and a very long text that must be folded \
                   across several lines of the card 😀"
            .into();
        c.lifecycle_stage = LifecycleStage::Loyalty;
        c
    }

    #[test]
    fn write_then_read_gives_the_same_fields() {
        let c = sample();
        let text = write_vcard(&c, Some("Fjord; Sønner, AS"));
        assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:0b1c3a52"));
        assert!(text.contains("\r\nN:Ødegaard-Łukasz;Zoë Ærin;;Dr.;PhD\r\n"), "{text}");
        assert!(text.contains("\r\nFN:Dr. Zoë Ærin Ødegaard-Łukasz PhD\r\n"), "{text}");
        assert!(text.contains("\r\nORG:Fjord\\; Sønner\\, AS;Forskning\\, R&D\r\n"), "{text}");
        assert!(text.contains("\r\nBDAY:--1231\r\n"), "{text}");
        assert!(text.contains("\r\nitem1.X-ABDATE:--0621\r\nitem1.X-ABLabel:_$!<Anniversary>!$_\r\n"), "{text}");
        // (The address line is folded; unfolded, it ends with the city onwards.)
        assert!(text.replace("\r\n ", "").contains(";Oslo;Østlandet;0154;Norway\r\n"), "{text}");
        assert!(text.contains("\r\nREV:20260102T030405Z\r\n"));
        assert!(text.split("\r\n").all(|l| l.len() <= 75));
        assert!(text.ends_with("END:VCARD\r\n"));
        let card = one(&text);
        assert_eq!(
            card.problems.iter().map(|p| p.reason).collect::<Vec<_>>(),
            // In the card's order: ADR comes before BDAY.
            [Reason::UnknownCountry, Reason::YearlessDate]
        );
        assert_eq!(card.contact.extras, []);
        assert_eq!(card.uid.as_deref(), Some(c.id.as_str()));
        assert_eq!(card.org.as_deref(), Some("Fjord; Sønner, AS"));
        let d = card.contact;
        assert_eq!(
            (d.given_name, d.family_name, d.job_title, d.notes),
            (c.given_name, c.family_name, c.job_title, c.notes)
        );
        assert_eq!((d.emails, d.phones, d.addresses), (c.emails, c.phones, c.addresses));
        assert_eq!((d.tags, d.birthday, d.important_dates), (c.tags, c.birthday, c.important_dates));
        assert_eq!(
            (d.nickname, d.name_prefix, d.name_suffix, d.department),
            (c.nickname, c.name_prefix, c.name_suffix, c.department)
        );
    }

    /// Only photos, logos, sounds and keys are skipped as inline data; a
    /// phone that reads "data:…" is not skipped (found by the fuzz target):
    /// it is not a phone number, so it is kept in the extras, said so.
    #[test]
    fn data_uris_are_skipped_only_for_binary_properties() {
        let c =
            one("BEGIN:VCARD\nVERSION:4.0\nFN:A\nPHOTO:data:image/png;base64,iVBOR\nTEL:data:0-1234567\nEND:VCARD\n");
        assert_eq!(c.contact.phones, []);
        assert_eq!(c.contact.extras, [("Phone".to_string(), "data:0-1234567".to_string())]);
        assert_eq!(c.problems.iter().map(|p| p.reason).collect::<Vec<_>>(), [Reason::UnreadablePhone]);
    }

    /// A repeated `tel:` prefix is read as one (found by the fuzz target).
    #[test]
    fn tel_uris_lose_every_tel_prefix() {
        let c = one("BEGIN:VCARD\nVERSION:4.0\nFN:A\nTEL;VALUE=uri:tel:TEL:+49-30-1234567\nEND:VCARD\n").contact;
        assert_eq!(c.phones[0].number, "+49-30-1234567");
    }

    /// A nameless contact keeps no name when written and read back (found by
    /// the fuzz target): `FN` shows the organisation or the email address.
    #[test]
    fn a_nameless_contact_stays_nameless() {
        let mut c = sample();
        (c.given_name, c.family_name) = (String::new(), String::new());
        let text = write_vcard(&c, None);
        assert!(text.contains(&format!("\r\nFN:{}\r\n", c.emails[0].address)), "{text}");
        let d = one(&text).contact;
        assert_eq!((d.given_name.as_str(), d.family_name.as_str()), ("", ""));
        let text = write_vcard(&c, Some("Acme Ltd"));
        assert!(text.contains("\r\nFN:Acme Ltd\r\n"), "{text}");
        let d = one(&text).contact;
        assert_eq!((d.given_name.as_str(), d.family_name.as_str()), ("", ""));
        // A card with only `FN` still takes its name from it.
        let d = one("BEGIN:VCARD\nFN:Ann Lee\nEND:VCARD\n").contact;
        assert_eq!((d.given_name.as_str(), d.family_name.as_str()), ("Ann", "Lee"));
    }

    proptest! {
        #[test]
        fn text_round_trips_through_escape_and_fold(s in "[a-zé😀,;:\\\\\n =]{0,120}") {
            let mut c = sample();
            c.notes = s.trim().to_string();
            c.job_title = collapse_spaces(&s);
            let card = one(&write_vcard(&c, Some(&s)));
            prop_assert_eq!(card.contact.notes, c.notes);
            prop_assert_eq!(card.contact.job_title, c.job_title);
            let org = collapse_spaces(&s);
            prop_assert_eq!(card.org, Some(org).filter(|o| !o.is_empty()));
        }

        #[test]
        fn never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse_vcard_bytes(&bytes);
        }

        #[test]
        fn never_panics_on_vcard_like_text(
            body in "(BEGIN:VCARD|END:VCARD|item1\\.|N|FN|TEL|ADR|EMAIL|BDAY|;TYPE=|ENCODING=QUOTED-PRINTABLE|ENCODING=b|:|;|,|=|=C3|\\\\|\"|\r\n|\n| |é){0,60}"
        ) {
            let _ = parse_vcards(&body);
        }
    }
}
