//! Every piece of text the app shows a person, in English, German, French
//! and Spanish, from one catalogue.
//!
//! The catalogue is a set of text files under `catalogue/`, one per area of
//! the app (`shell.txt`, `contacts.txt`, …), compiled into the binary and
//! read once. Each entry is a key in brackets followed by one line per
//! language:
//!
//! ```text
//! [contacts.new]
//! en = New contact
//! de = Neuer Kontakt
//! fr = Nouveau contact
//! es = Nuevo contacto
//! ```
//!
//! - `{name}` in a text is a placeholder filled by [`fill`]; every language
//!   of an entry has the same placeholders.
//! - A text with `|` is a count: singular before it, plural after it
//!   (`{n} contact|{n} contacts`), chosen by [`count`] with the locale's rule
//!   (French takes the singular for 0 as well).
//! - `\n` in a text is a line break; lines starting with `#` are comments.
//!
//! A key missing in any language, a placeholder missing in one, a key used
//! in the code but absent here, or a key defined twice fails the native
//! tests (`tests/catalogue.rs` and the tests below). At run time a missing
//! key shows as the key itself, so it is seen, never an empty label.
//!
//! Pure: the UI passes the person's locale (`state::locale`) through
//! `ui::text`.

mod field_error;
mod message;

pub use field_error::field_error;
pub use message::{Arg, Message};

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::core::display::{number, Locale};

/// The catalogue files, one per area, in the order they are read: every
/// language, for native builds and tests (the completeness tests read them).
#[cfg(not(target_arch = "wasm32"))]
pub const FILES: &[(&str, &str)] = &[
    ("common.txt", include_str!("catalogue/common.txt")),
    ("shell.txt", include_str!("catalogue/shell.txt")),
    ("settings.txt", include_str!("catalogue/settings.txt")),
    ("backup.txt", include_str!("catalogue/backup.txt")),
    ("work.txt", include_str!("catalogue/work.txt")),
    ("notices.txt", include_str!("catalogue/notices.txt")),
    ("contacts.txt", include_str!("catalogue/contacts.txt")),
    ("companies.txt", include_str!("catalogue/companies.txt")),
    ("deals.txt", include_str!("catalogue/deals.txt")),
    ("duplicates.txt", include_str!("catalogue/duplicates.txt")),
    ("audit.txt", include_str!("catalogue/audit.txt")),
    ("labels.txt", include_str!("catalogue/labels.txt")),
    ("import.txt", include_str!("catalogue/import.txt")),
    ("reports.txt", include_str!("catalogue/reports.txt")),
    ("stored.txt", include_str!("catalogue/stored.txt")),
];

/// In the browser the app holds English only (build.rs extracts it); the
/// person's other language is fetched at start (`i18n/<tag>.txt`, written
/// by the build's post-build step) and added with [`install`].
#[cfg(target_arch = "wasm32")]
pub const FILES: &[(&str, &str)] = &[("en.txt", include_str!(concat!(env!("OUT_DIR"), "/catalogue-en.txt")))];

/// One entry: its text in each locale, in [`Locale::ALL`] order.
pub type Texts = [String; 4];

/// A problem in the catalogue files, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// Reads catalogue files into entries, and lists every problem found: a
/// line outside an entry, an unknown language, a language given twice or
/// missing, a key defined twice, placeholders that differ between
/// languages, a count form (`|`) in some languages only.
pub fn parse(files: &[(&str, &str)]) -> (HashMap<String, Texts>, Vec<Problem>) {
    let mut entries: HashMap<String, Texts> = HashMap::new();
    let mut problems = Vec::new();
    for (file, text) in files {
        let mut current: Option<(String, usize, [Option<String>; 4])> = None;
        let mut finish = |current: Option<(String, usize, [Option<String>; 4])>, problems: &mut Vec<Problem>| {
            let Some((key, line, texts)) = current else { return };
            let problem = |message: String| Problem { file: file.to_string(), line, message };
            for (i, t) in texts.iter().enumerate() {
                if t.is_none() {
                    problems.push(problem(format!("[{key}] has no {} text", Locale::ALL[i].tag())));
                }
            }
            let texts = texts.map(|t| t.unwrap_or_default());
            fn shape(t: &str) -> (Vec<&str>, bool) {
                (placeholders(t), t.contains('|'))
            }
            if let Some(i) = (1..4).find(|&i| !texts[i].is_empty() && shape(&texts[i]) != shape(&texts[0])) {
                problems.push(problem(format!(
                    "[{key}]: the {} text has other placeholders or count forms than the English one",
                    Locale::ALL[i].tag()
                )));
            }
            if entries.insert(key.clone(), texts).is_some() {
                problems.push(problem(format!("[{key}] is defined twice")));
            }
        };
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(key) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                finish(current.take(), &mut problems);
                current = Some((key.trim().to_string(), n + 1, Default::default()));
                continue;
            }
            let problem = |message: String| Problem { file: file.to_string(), line: n + 1, message };
            let Some((lang, value)) = line.split_once('=') else {
                problems.push(problem(format!("not an entry line: {line}")));
                continue;
            };
            let Some((_, _, texts)) = current.as_mut() else {
                problems.push(problem("a text before any [key]".into()));
                continue;
            };
            let lang = lang.trim();
            let Some(i) = Locale::ALL.iter().position(|l| l.tag() == lang) else {
                problems.push(problem(format!("unknown language '{lang}'")));
                continue;
            };
            if texts[i].is_some() {
                problems.push(problem(format!("'{lang}' given twice")));
            }
            texts[i] = Some(value.trim().replace("\\n", "\n"));
        }
        finish(current.take(), &mut problems);
    }
    (entries, problems)
}

/// The placeholders of a text, sorted: `{n}`, `{name}`.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

static CATALOGUE: OnceLock<HashMap<String, Texts>> = OnceLock::new();

fn catalogue() -> &'static HashMap<String, Texts> {
    CATALOGUE.get_or_init(|| parse(FILES).0)
}

fn index_of(locale: Locale) -> usize {
    Locale::ALL.iter().position(|l| *l == locale).unwrap_or(0)
}

/// Adds one language's texts, given in the catalogue's format with only
/// that language's lines, to entries read from [`FILES`]. A key the
/// entries lack is ignored (a file older or newer than the app); a key it
/// lacks stays empty, so [`text`] shows the English one. Returns how many
/// texts were added.
pub fn merge_language(entries: &mut HashMap<String, Texts>, locale: Locale, text: &str) -> usize {
    let index = index_of(locale);
    let (extra, _) = parse(&[("language", text)]);
    let mut added = 0;
    for (key, texts) in extra {
        if let (Some(entry), false) = (entries.get_mut(&key), texts[index].is_empty()) {
            entry[index] = texts[index].clone();
            added += 1;
        }
    }
    added
}

/// Installs the catalogue with one fetched language (see [`merge_language`])
/// before any text is asked for; `false` if texts were already shown (then
/// the catalogue stays as it is).
pub fn install(locale: Locale, text: &str) -> bool {
    let mut entries = parse(FILES).0;
    merge_language(&mut entries, locale, text);
    CATALOGUE.set(entries).is_ok()
}

/// The text of `key` in `locale`; the key itself when the catalogue has no
/// such entry (a defect the tests catch).
pub fn text(locale: Locale, key: &str) -> &str {
    let Some(texts) = catalogue().get(key) else { return key };
    let index = index_of(locale);
    let t = &texts[index];
    if t.is_empty() {
        &texts[0]
    } else {
        t
    }
}

/// The text of a key built at run time (`label.priority.high`), if the
/// catalogue has it.
pub fn lookup(locale: Locale, key: &str) -> Option<&'static str> {
    let texts = catalogue().get(key)?;
    let index = index_of(locale);
    Some(if texts[index].is_empty() { &texts[0] } else { &texts[index] })
}

/// The name of a record kind in `locale`: `label(l, "priority", "high")`
/// → "Hoch". The catalogue's `label.<kind>.<key>` entries
/// (`catalogue/labels.txt`); the key itself when there is none.
pub fn label(locale: Locale, kind: &str, key: &str) -> String {
    match lookup(locale, &format!("label.{kind}.{key}")) {
        Some(t) => t.to_string(),
        None => key.to_string(),
    }
}

/// The text of `key` with its placeholders filled: `fill(l, "k", &[("name", "Ada")])`.
pub fn fill(locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
    substitute(text(locale, key), args)
}

/// A count: the singular or plural form of `key` by the locale's rule, with
/// `{n}` the count written in the locale ("1 contact", "2,000 contacts"),
/// and any further placeholders from `args`.
pub fn count(locale: Locale, key: &str, n: usize, args: &[(&str, &str)]) -> String {
    let t = text(locale, key);
    let form = match t.split_once('|') {
        Some((one, many)) => {
            if locale.is_singular(n) {
                one
            } else {
                many
            }
        }
        None => t,
    };
    let written = number::count(locale, n);
    let mut all: Vec<(&str, &str)> = vec![("n", written.as_str())];
    all.extend_from_slice(args);
    substitute(form, &all)
}

fn substitute(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.split_once('}') {
            Some((name, tail)) if args.iter().any(|(k, _)| *k == name) => {
                let value = args.iter().find(|(k, _)| *k == name).map(|(_, v)| *v).unwrap_or("");
                out.push_str(value);
                rest = tail;
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_has_every_key_in_every_language_once() {
        let (entries, problems) = parse(FILES);
        let list: Vec<String> = problems.iter().map(|p| format!("{}:{}: {}", p.file, p.line, p.message)).collect();
        assert!(list.is_empty(), "catalogue problems:\n{}", list.join("\n"));
        assert!(entries.len() > 10, "the catalogue has only {} entries", entries.len());
        for (key, texts) in &entries {
            for (i, t) in texts.iter().enumerate() {
                assert!(!t.is_empty(), "[{key}] is empty in {}", Locale::ALL[i].tag());
            }
        }
    }

    #[test]
    fn a_missing_language_a_second_definition_or_other_placeholders_are_reported() {
        let file = "[a]\nen = Hello {name}\nde = Hallo {name}\nfr = Bonjour\nes = Hola {name}\n\n[b]\nen = One\nde = Eins\nfr = Un\n\n[a]\nen = x\nde = x\nfr = x\nes = x\n";
        let (_, problems) = parse(&[("t.txt", file)]);
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert!(messages.iter().any(|m| m.contains("[a]: the fr text has other placeholders")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("[b] has no es text")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("[a] is defined twice")), "{messages:?}");
        assert_eq!(problems.iter().find(|p| p.message.contains("no es")).map(|p| p.line), Some(7));
    }

    #[test]
    fn texts_fill_placeholders_and_counts_follow_each_language() {
        let file = "[n]\nen = {n} contact|{n} contacts\nde = {n} Kontakt|{n} Kontakte\nfr = {n} contact|{n} contacts\nes = {n} contacto|{n} contactos\n";
        let (entries, problems) = parse(&[("t.txt", file)]);
        assert!(problems.is_empty());
        let t = &entries["n"];
        let pick = |l: Locale, n: usize| {
            let i = Locale::ALL.iter().position(|x| *x == l).unwrap();
            let (one, many) = t[i].split_once('|').unwrap();
            substitute(if l.is_singular(n) { one } else { many }, &[("n", &number::count(l, n))])
        };
        assert_eq!(pick(Locale::En, 0), "0 contacts");
        assert_eq!(pick(Locale::Fr, 0), "0 contact");
        assert_eq!(pick(Locale::De, 2000), "2.000 Kontakte");
        assert_eq!(substitute("Hi {name}, {missing} {", &[("name", "Ada")]), "Hi Ada, {missing} {");
    }

    #[test]
    fn every_record_kind_has_a_name_in_every_language() {
        use crate::core::records::*;
        let mut keys: Vec<(&str, &str)> = Vec::new();
        keys.extend(ActivityKind::ALL.iter().map(|k| ("activity_kind", k.key())));
        keys.extend(CompanySize::ALL.iter().map(|k| ("company_size", k.key())));
        keys.extend(EmailKind::ALL.iter().map(|k| ("email_kind", k.key())));
        keys.extend(PhoneKind::ALL.iter().map(|k| ("phone_kind", k.key())));
        keys.extend(LeadStatus::ALL.iter().map(|k| ("lead_status", k.key())));
        keys.extend(DealStatus::ALL.iter().map(|k| ("deal_status", k.key())));
        keys.extend(AddressKind::ALL.iter().map(|k| ("address_kind", k.key())));
        keys.extend(Priority::ALL.iter().map(|k| ("priority", k.key())));
        keys.extend(LifecycleStage::ALL.iter().map(|k| ("lifecycle", k.key())));
        for (kind, key) in keys {
            assert!(lookup(Locale::Es, &format!("label.{kind}.{key}")).is_some(), "no label.{kind}.{key}");
        }
        assert_eq!(label(Locale::De, "priority", "high"), "Hoch");
        assert_eq!(label(Locale::En, "lifecycle", "reach"), LifecycleStage::Reach.label());
    }

    #[test]
    fn a_fetched_language_fills_its_texts_and_english_stands_in_for_the_missing() {
        // What the browser has: English only.
        let english = "[a]\nen = Save\n\n[b]\nen = {n} file|{n} files\n\n[c]\nen = Close\n";
        let (mut entries, _) = parse(&[("en.txt", english)]);
        // What it fetches: German, one key missing, one the app does not know.
        let german = "[a]\nde = Speichern\n[b]\nde = {n} Datei|{n} Dateien\n[gone]\nde = Weg\n";
        assert_eq!(merge_language(&mut entries, Locale::De, german), 2);
        assert_eq!(entries["a"][1], "Speichern");
        assert_eq!(entries["c"][1], "", "missing: text() shows the English");
        assert!(!entries.contains_key("gone"));
        assert_eq!(entries["a"][0], "Save");
    }

    #[test]
    fn the_build_splits_the_catalogue_into_files_the_app_reads_back_whole() {
        // scripts/post-build.mjs writes, per language, the `[key]` lines and
        // that language's lines; build.rs does the same for English. Reading
        // English and then each language gives the whole catalogue back.
        let (all, _) = parse(FILES);
        let only = |tag: &str| -> String {
            let mut out = String::new();
            for (_, text) in FILES {
                for line in text.lines().map(str::trim) {
                    let keep = (line.starts_with('[') && line.ends_with(']'))
                        || line.split_once('=').is_some_and(|(l, _)| l.trim() == tag);
                    if keep {
                        out.push_str(line);
                        out.push('\n');
                    }
                }
            }
            out
        };
        let (mut rebuilt, _) = parse(&[("en.txt", &only("en"))]);
        for l in [Locale::De, Locale::Fr, Locale::Es] {
            merge_language(&mut rebuilt, l, &only(l.tag()));
        }
        assert_eq!(rebuilt, all);
    }

    #[test]
    fn a_key_the_catalogue_lacks_shows_as_itself() {
        assert_eq!(text(Locale::De, "no.such.key"), "no.such.key");
        assert_eq!(text(Locale::Fr, "common.save"), "Enregistrer");
        assert_eq!(count(Locale::En, "common.contacts", 2000, &[]), "2,000 contacts");
        assert_eq!(count(Locale::Fr, "common.contacts", 0, &[]), "0 contact");
    }
}
