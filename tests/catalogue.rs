//! The catalogue against the code: every key the code asks for exists in
//! every language, and the UI holds no text of its own (all of it comes
//! from `core::i18n`). Native; reads the sources.
//!
//! The literal-text check is a heuristic over string literals in `src/ui`
//! and `src/state`: a literal that reads like words (a capital followed by
//! a small letter, or two words) is text for people unless it is the key of
//! a catalogue call, a CSS class, an attribute value that is not text
//! (`id=`, `href=`, `type=` …), a panic message, or its line says
//! `// not text: <why>`.

use std::fs;
use std::path::{Path, PathBuf};

use crm::core::i18n::{parse, FILES};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// String literals of a line with the code just before each: (prefix, text).
fn literals(line: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        // A comment ends the code of the line.
        if chars[i] == '/' && chars.get(i + 1) == Some(&'/') {
            break;
        }
        // Char literals such as '"' are skipped.
        if chars[i] == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
            continue;
        }
        if chars[i] == '\'' && chars.get(i + 1) == Some(&'\\') && chars.get(i + 3) == Some(&'\'') {
            i += 4;
            continue;
        }
        if chars[i] == '"' {
            let prefix: String = chars[..i].iter().collect();
            let mut j = i + 1;
            let mut text = String::new();
            while j < chars.len() && chars[j] != '"' {
                if chars[j] == '\\' {
                    j += 1;
                }
                if let Some(c) = chars.get(j) {
                    text.push(*c);
                }
                j += 1;
            }
            found.push((prefix, text));
            i = j + 1;
            continue;
        }
        i += 1;
    }
    found
}

const KEY_CALLS: [&str; 7] = ["t(", "tf(", "tn(", "tnf(", "i18n::text(", "i18n::fill(", "Message::new("];

fn is_key_call(prefix: &str) -> bool {
    let p = prefix.trim_end();
    KEY_CALLS.iter().any(|c| {
        p.ends_with(c) && {
            let before = &p[..p.len() - c.len()];
            !before.ends_with(|ch: char| ch.is_ascii_alphanumeric() || ch == '_')
        }
    }) || p.ends_with("i18n::count(locale,")
        || p.ends_with("i18n::count(locale(),")
}

const NOT_TEXT_BEFORE: [&str; 24] = [
    "class=",
    "class:",
    "id=",
    "href=",
    "type=",
    "role=",
    "name=",
    "for=",
    "autocomplete=",
    "inputmode=",
    "style=",
    "style:",
    "expect(",
    "panic!(",
    "unreachable!(",
    "debug_assert!(",
    "assert!(",
    "kind=",
    "accept=",
    "pattern=",
    "method=",
    "rel=",
    "target=",
    "data-testid=",
];

fn reads_like_text(text: &str) -> bool {
    let mut chars = text.chars();
    let starts_capital =
        matches!((chars.next(), chars.next()), (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase());
    let two_words = text
        .split(' ')
        .filter(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !w.contains(['{', '}', '-', '_', ':', '.', '/', '='])
        })
        .count()
        >= 2;
    starts_capital || two_words
}

#[test]
fn every_key_the_code_uses_is_in_the_catalogue() {
    let (entries, problems) = parse(FILES);
    assert!(problems.is_empty(), "catalogue problems: {problems:?}");
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    let mut missing = Vec::new();
    for file in &files {
        let source = fs::read_to_string(file).expect("read source");
        let code = source.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            for (prefix, key) in literals(line) {
                if is_key_call(&prefix) && !entries.contains_key(&key) {
                    missing.push(format!("{}:{}: [{key}]", file.display(), n + 1));
                }
            }
        }
    }
    assert!(missing.is_empty(), "keys the catalogue lacks:\n{}", missing.join("\n"));
}

#[test]
fn the_ui_takes_its_text_from_the_catalogue() {
    let mut files = Vec::new();
    sources(Path::new("src/ui"), &mut files);
    sources(Path::new("src/state"), &mut files);
    files.sort();
    let mut found = Vec::new();
    for file in &files {
        let source = fs::read_to_string(file).expect("read source");
        let mut in_tests = false;
        for (n, line) in source.lines().enumerate() {
            if line.trim_start().starts_with("#[cfg(test)]") {
                in_tests = true;
            }
            if in_tests || line.contains("// not text") || line.trim_start().starts_with("//") {
                continue;
            }
            for (prefix, text) in literals(line) {
                let before = prefix.trim_end();
                if is_key_call(&prefix) || NOT_TEXT_BEFORE.iter().any(|b| before.ends_with(b)) {
                    continue;
                }
                if reads_like_text(&text) {
                    found.push(format!("{}:{}: \"{text}\"", file.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} literal texts in the UI (move them to the catalogue):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_heuristic_tells_text_from_code() {
    assert!(reads_like_text("New contact"));
    assert!(reads_like_text("Contacts"));
    assert!(reads_like_text("no contacts yet"));
    assert!(!reads_like_text("btn"));
    assert!(!reads_like_text("contact-form"));
    assert!(!reads_like_text("{} {}"));
    assert!(!reads_like_text("crm.theme"));
    let lits = literals(r#"view! { <button class="btn primary" aria-label=t("x.y")>"Save"</button> } // "no""#);
    let texts: Vec<&str> = lits.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(texts, ["btn primary", "x.y", "Save"]);
    assert!(NOT_TEXT_BEFORE.iter().any(|b| lits[0].0.trim_end().ends_with(b)));
    assert!(is_key_call(&lits[1].0));
}
