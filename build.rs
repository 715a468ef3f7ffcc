//! Writes the English part of the text catalogue (src/core/i18n/catalogue)
//! to `$OUT_DIR/catalogue-en.txt`, which the wasm build embeds: the browser
//! downloads English with the app and fetches another language at start
//! (`i18n/<tag>.txt`, written by scripts/post-build.mjs). Native builds and
//! tests embed every language (core::i18n::FILES).

use std::fs;
use std::path::Path;

fn main() {
    let dir = Path::new("src/core/i18n/catalogue");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<_> = fs::read_dir(dir)
        .expect("the catalogue folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let mut out = String::new();
    for path in names {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("a catalogue file");
        for line in text.lines().map(str::trim) {
            let is_key = line.starts_with('[') && line.ends_with(']');
            let is_english = line.split_once('=').is_some_and(|(lang, _)| lang.trim() == "en");
            if is_key || is_english {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    let target = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("catalogue-en.txt");
    fs::write(target, out).expect("write the English catalogue");
}
