//! String similarity for names: Jaro–Winkler, a phonetic key that suits
//! European names, and a table of nicknames and language variants that count
//! as the same given name ("Bob" is "Robert", "Pepe" is "José").
//!
//! All functions take text that has already been folded (lower case, accents
//! removed, see [`crate::core::text::fold`]).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use crate::core::hash::FxHasher;

/// Jaro similarity of two sequences, 0.0 (nothing in common) to 1.0 (equal).
pub fn jaro<T: PartialEq + Copy>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return if a.len() == b.len() { 1.0 } else { 0.0 };
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut b_taken = Flags::new(b.len());
    let mut a_taken = Flags::new(a.len());
    let mut matches = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        if let Some(j) = (lo..hi).find(|&j| !b_taken.get(j) && b[j] == ca) {
            b_taken.set(j);
            a_taken.set(i);
            matches += 1;
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let a_matched = (0..a.len()).filter(|&i| a_taken.get(i)).map(|i| a[i]);
    let b_matched = (0..b.len()).filter(|&j| b_taken.get(j)).map(|j| b[j]);
    let half_transpositions = a_matched.zip(b_matched).filter(|(x, y)| x != y).count();
    let m = matches as f64;
    (m / a.len() as f64 + m / b.len() as f64 + (m - half_transpositions as f64 / 2.0) / m) / 3.0
}

/// Jaro–Winkler: Jaro boosted by up to four shared leading items (scale 0.1).
pub fn jaro_winkler<T: PartialEq + Copy>(a: &[T], b: &[T]) -> f64 {
    let j = jaro(a, b);
    let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count();
    j + prefix as f64 * 0.1 * (1.0 - j)
}

/// Jaro–Winkler of two strings, compared by characters.
pub fn jaro_winkler_str(a: &str, b: &str) -> f64 {
    if a.is_ascii() && b.is_ascii() {
        return jaro_winkler(a.as_bytes(), b.as_bytes());
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    jaro_winkler(&a, &b)
}

/// A set of positions, on the stack for names up to 128 items long.
enum Flags {
    Small(u128),
    Large(Vec<bool>),
}

impl Flags {
    fn new(len: usize) -> Flags {
        if len <= 128 {
            Flags::Small(0)
        } else {
            Flags::Large(vec![false; len])
        }
    }

    fn get(&self, i: usize) -> bool {
        match self {
            Flags::Small(bits) => bits & (1 << i) != 0,
            Flags::Large(v) => v[i],
        }
    }

    fn set(&mut self, i: usize) {
        match self {
            Flags::Small(bits) => *bits |= 1 << i,
            Flags::Large(v) => v[i] = true,
        }
    }
}

/// A phonetic key for a folded name, in the spirit of Soundex and Metaphone
/// but tuned for the spellings of western Europe: "Smith", "Smyth" and
/// "Schmidt" all give "SMT"; "Müller"/"Mueller" "MLR"; "Meyer"/"Meier"
/// "MR"; "Catherine"/"Katherine" "KTRN"; "González"/"Gonzales" "KNSLS".
///
/// Letters are mapped to sound classes (b/p, f/v/w, d/t, c/g/k/q, s/z/soft c,
/// …), common digraphs first ("sch", "ch", "ph", "th", "ck", "dt", "tz"),
/// vowels and "h" dropped after the first letter, and repeats collapsed. A
/// leading vowel is written "A". Non-letters are ignored.
pub fn phonetic_key(folded: &str) -> String {
    // Names are usually letters only: use them in place rather than copy.
    let letters: Vec<u8>;
    let s: &[u8] = if folded.bytes().all(|b| b.is_ascii_alphabetic()) {
        folded.as_bytes()
    } else {
        letters = folded.bytes().filter(u8::is_ascii_alphabetic).collect();
        &letters
    };
    let mut out: Vec<u8> = Vec::with_capacity(8);
    let mut i = 0;
    while i < s.len() {
        let (code, used) = sound_class(s, i);
        let first = i == 0;
        i += used;
        let code = match code {
            Some(c) => c as u8,
            None if first => b'A',
            None => continue,
        };
        if out.last() != Some(&code) {
            out.push(code);
        }
    }
    // Sound classes are ASCII capitals.
    String::from_utf8(out).unwrap_or_default()
}

/// The sound class at `s[i]` and how many letters it used; `None` for vowels,
/// "h", "w" after a vowel and other silent letters.
fn sound_class(s: &[u8], i: usize) -> (Option<char>, usize) {
    let rest = &s[i..];
    let next = rest.get(1).copied().unwrap_or(b' ');
    // Digraphs are matched on byte pairs (this runs for every letter of
    // every name in the list).
    match (rest[0], next, rest.get(2).copied()) {
        (b's', b'c', Some(b'h')) => return (Some('S'), 3),
        (b'c' | b's', b'h', _) | (b't', b'z', _) => return (Some('S'), 2),
        (b'p', b'h', _) => return (Some('F'), 2),
        (b't', b'h', _) | (b'd', b't', _) => return (Some('T'), 2),
        (b'c', b'k', _) => return (Some('K'), 2),
        _ => {}
    }
    let code = match rest[0] {
        b'b' | b'p' => 'P',
        b'f' | b'v' | b'w' => 'F',
        b'd' | b't' => 'T',
        b'c' if matches!(next, b'e' | b'i' | b'y') => 'S',
        b'c' | b'g' | b'k' | b'q' => 'K',
        b's' | b'z' => 'S',
        b'x' => return (Some('S'), 1),
        b'j' => 'J',
        b'l' => 'L',
        b'm' => 'M',
        b'n' => 'N',
        b'r' => 'R',
        _ => return (None, 1),
    };
    (Some(code), 1)
}

/// Whether one insertion, deletion, substitution or swap of neighbours turns
/// `x` into `y` (the longer at least three characters long).
pub fn one_edit_apart(x: &str, y: &str) -> bool {
    if x.len().abs_diff(y.len()) > 4 {
        return false;
    }
    if x.is_ascii() && y.is_ascii() {
        return one_edit(x.as_bytes(), y.as_bytes());
    }
    let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    one_edit(&x, &y)
}

fn one_edit<T: PartialEq>(x: &[T], y: &[T]) -> bool {
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    if long.len() < 3 || long.len() - short.len() > 1 {
        return false;
    }
    let head = short.iter().zip(long).take_while(|(p, q)| p == q).count();
    if head == long.len() {
        return true;
    }
    if short.len() < long.len() {
        return short[head..] == long[head + 1..];
    }
    let tail = short.len() - head;
    short[head + 1..] == long[head + 1..]
        || (tail >= 2
            && short[head] == long[head + 1]
            && short[head + 1] == long[head]
            && short[head + 2..] == long[head + 2..])
}

/// Whether two equally long codes (digits of a date or postcode, a house
/// number) differ in exactly one position or by one swap of neighbours.
pub fn one_digit_apart(x: &[u8], y: &[u8]) -> bool {
    if x.len() != y.len() {
        return false;
    }
    let mut differ = (0..x.len()).filter(|&i| x[i] != y[i]);
    match (differ.next(), differ.next(), differ.next()) {
        (Some(_), None, _) => true,
        (Some(i), Some(j), None) => j == i + 1 && x[i] == y[j] && x[j] == y[i],
        _ => false,
    }
}

/// Whether two given names are a man's and a woman's form of one name
/// ("Paul"/"Paula", "Daniel"/"Danielle", "Mario"/"Maria"): often a couple or
/// siblings, so they never count as a typo of each other.
pub fn gendered_pair(x: &str, y: &str) -> bool {
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    if short.len() < 3 {
        return false;
    }
    // "Paul"/"Paula" but not "Priy"/"Priya" (a dropped letter): the man's
    // form ends in a consonant.
    let consonant_end = short.ends_with(|c: char| c.is_ascii_alphabetic() && !"aeiouy".contains(c));
    if let Some(ending) = long.strip_prefix(short) {
        return consonant_end && matches!(ending, "a" | "e" | "le" | "ne" | "ette" | "ina" | "ine" | "na");
    }
    let (sx, sy) = (&x[..x.len() - 1], &y[..y.len() - 1]);
    x.len() == y.len()
        && sx == sy
        && matches!((x.as_bytes()[x.len() - 1], y.as_bytes()[y.len() - 1]), (b'a', b'o') | (b'o', b'a'))
}

/// Groups of given names that people use for one another: the first of each
/// group is the root that stands for all. Variants across languages are
/// included where one person plausibly uses both (Johannes/Hans/Jan).
#[rustfmt::skip]
pub const NICKNAME_GROUPS: &[&[&str]] = &[
    &["robert", "bob", "rob", "bobby", "robbie", "bert"],
    &["william", "bill", "will", "billy", "willy", "liam"],
    &["katherine", "kate", "katie", "catherine", "kathryn", "katharina", "kathi", "kathy", "cathy", "kat", "kay"],
    &["elizabeth", "liz", "beth", "lizzie", "eliza", "betty", "elisabeth", "lisa", "elise", "betsy"],
    &["michael", "mike", "mick", "mikey", "micha"],
    &["james", "jim", "jimmy", "jamie"],
    &["margaret", "maggie", "peggy", "meg", "marge", "margot", "greta"],
    &["alexander", "alex", "alec", "sasha", "sandy", "alexandre", "alejandro"],
    &["jose", "pepe"],
    &["francisco", "paco", "curro", "fran"],
    &["johannes", "hans", "hannes", "johann", "jan"],
    &["john", "jack", "johnny", "jon"],
    &["thomas", "tom", "tommy"],
    &["christopher", "chris", "kit", "christophe"],
    &["daniel", "dan", "danny", "dani"],
    &["samantha", "sam", "sammy"],
    &["samuel", "sam", "sammy"],
    &["jennifer", "jenny", "jen"],
    &["matthew", "matt", "matty"],
    &["joshua", "josh"],
    &["anthony", "tony", "antonio", "toni"],
    &["edward", "ed", "eddie", "ted", "ned"],
    &["charlotte", "lottie", "charlie"],
    &["eleanor", "ellie", "nora", "elly"],
    &["wolfgang", "wolf"],
    &["friedrich", "fritz", "frederick", "fred", "frederic"],
    &["maximilian", "max"],
    &["andreas", "andi", "andrew", "andy", "drew"],
    &["guillermo", "guille", "memo"],
    &["dolores", "lola", "loli"],
    &["manuel", "manolo", "manu"],
    &["nicolas", "nico", "nicholas", "nick", "nicky"],
    &["hendrik", "henk", "henry", "harry", "heinrich", "heinz"],
    &["willem", "wim"],
    &["pieter", "piet", "peter", "pete"],
    &["richard", "rick", "ricky", "dick", "rich"],
    &["charles", "chuck", "carl"],
    &["joseph", "joe", "joey", "giuseppe"],
    &["benjamin", "ben", "benny"],
    &["stephen", "steve", "steven", "stefan", "stephan"],
    &["david", "dave", "davey"],
    &["patrick", "pat", "paddy"],
    &["susan", "sue", "susie", "suzanne"],
    &["rebecca", "becky", "becca"],
    &["victoria", "vicky", "tori"],
    &["jessica", "jess", "jessie"],
    &["ignacio", "nacho"],
    &["enrique", "quique"],
    &["jesus", "chucho", "chus"],
    &["isabel", "isabelle", "bel", "isa", "isabella"],
    &["maria", "mari", "marie"],
    &["anna", "ann", "anne", "annie", "ana"],
    &["sophie", "sofia", "sophia"],
    &["lucas", "luke", "lukas"],
    &["juliette", "julia", "julie"],
    &["jurgen", "jorg", "georg", "george"],
    &["lukasz", "luke"],
    &["henry", "hank", "hal"],
    &["sarah", "sally", "sadie", "sara"],
    &["mary", "molly", "polly", "mae"],
    &["patricia", "patty", "trish", "tricia", "pat"],
    &["kimberly", "kim"],
    &["amelia", "millie", "milly", "amy"],
    &["olivia", "liv", "livvy", "livia"],
    &["harriet", "hattie", "harri"],
    &["philippa", "pippa", "pip"],
    &["nathan", "nate", "nathaniel"],
    &["donald", "don", "donny"],
    &["kevin", "kev"],
    &["barbara", "barb", "babs"],
    &["stefanie", "steffi", "stephanie"],
    &["franziska", "franzi"],
    &["giovanni", "gianni", "nino"],
    &["vincenzo", "enzo"],
    &["luigi", "gigi"],
    &["giuseppe", "peppe", "beppe", "pino"],
    &["montserrat", "montse"],
    &["guadalupe", "lupe"],
    &["mohammed", "mohammad", "muhammad", "mo"],
    &["nicholas", "nikolaos", "nikos", "klaus"],
];

/// Hashed with [`FxHasher`]: looked up for every contact.
type NicknameMap = HashMap<&'static str, (&'static str, u128), BuildHasherDefault<FxHasher>>;

/// Maps each folded variant to its group's root ("bob" → "robert"; a name in
/// several groups, such as "sam", maps to the first) and to the bit set of
/// its groups (see [`nickname_groups`]). One hash lookup answers both, where
/// searching the groups would compare hundreds of strings per contact.
static NICKNAMES: LazyLock<NicknameMap> = LazyLock::new(|| {
    let mut map = NicknameMap::default();
    for (i, group) in NICKNAME_GROUPS.iter().enumerate() {
        let bit = if i < 128 { 1u128 << i } else { 0 };
        for name in group.iter() {
            map.entry(*name).or_insert((group[0], 0)).1 |= bit;
        }
    }
    map
});

/// The root of a folded given name's nickname group, or the name itself.
pub fn given_root(folded: &str) -> &str {
    nickname_root(folded).unwrap_or(folded)
}

/// The root of a folded given name's nickname group, if it is in one.
pub fn nickname_root(folded: &str) -> Option<&'static str> {
    NICKNAMES.get(folded).map(|&(root, _)| root)
}

/// A bit set of the nickname groups a folded given name belongs to (bit i
/// for group i; groups past 128 are ignored). Two names are forms of one
/// name when their sets intersect; precomputed so that pair scoring needs
/// one AND instead of a table search.
pub fn nickname_groups(folded: &str) -> u128 {
    NICKNAMES.get(folded).map_or(0, |&(_, groups)| groups)
}

/// Whether two folded given names are in one nickname group ("sam" counts
/// for both Samantha and Samuel).
pub fn same_given_name(a: &str, b: &str) -> bool {
    if a == b || given_root(a) == given_root(b) {
        return true;
    }
    NICKNAME_GROUPS.iter().any(|g| g.contains(&a) && g.contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(x: f64, want: f64) -> bool {
        (x - want).abs() < 0.001
    }

    #[test]
    fn jaro_winkler_matches_published_values() {
        assert!(close(jaro_winkler_str("martha", "marhta"), 0.961));
        assert!(close(jaro_winkler_str("dwayne", "duane"), 0.840));
        assert!(close(jaro_winkler_str("dixon", "dicksonx"), 0.813));
        assert!(close(jaro_winkler_str("abc", "abc"), 1.0));
        assert!(close(jaro_winkler_str("abc", "xyz"), 0.0));
        assert!(close(jaro_winkler_str("", ""), 1.0));
        assert!(close(jaro_winkler_str("a", ""), 0.0));
    }

    #[test]
    fn jaro_winkler_works_on_non_ascii_and_long_text() {
        assert!(close(jaro_winkler_str("αθηνα", "αθηνα"), 1.0));
        let long: String = "ab".repeat(100);
        assert!(close(jaro_winkler_str(&long, &long), 1.0));
    }

    #[test]
    fn phonetic_keys_group_spellings() {
        assert_eq!(phonetic_key("smith"), "SMT");
        assert_eq!(phonetic_key("smyth"), "SMT");
        assert_eq!(phonetic_key("schmidt"), "SMT");
        assert_eq!(phonetic_key("muller"), "MLR");
        assert_eq!(phonetic_key("mueller"), "MLR");
        assert_eq!(phonetic_key("meyer"), phonetic_key("meier"));
        assert_eq!(phonetic_key("catherine"), phonetic_key("katherine"));
        assert_eq!(phonetic_key("gonzalez"), phonetic_key("gonzales"));
        assert_eq!(phonetic_key("obrien"), "APRN");
        assert_ne!(phonetic_key("smith"), phonetic_key("jones"));
        assert_eq!(phonetic_key(""), "");
    }

    #[test]
    fn nicknames_share_a_root() {
        assert_eq!(given_root("bob"), "robert");
        assert_eq!(given_root("pepe"), "jose");
        assert_eq!(given_root("hans"), "johannes");
        assert_eq!(given_root("zoe"), "zoe");
        assert!(same_given_name("peggy", "maggie"));
        assert!(same_given_name("sam", "samuel"));
        assert!(same_given_name("paco", "francisco"));
        assert!(!same_given_name("bob", "bill"));
        assert_ne!(nickname_groups("sam") & nickname_groups("samuel"), 0);
        assert_eq!(nickname_groups("bob") & nickname_groups("bill"), 0);
        assert_eq!(nickname_groups("zoe"), 0);
        assert!(NICKNAME_GROUPS.len() <= 128);
    }

    #[test]
    fn edits_digits_and_gendered_pairs() {
        assert!(one_edit_apart("kim", "kmi"));
        assert!(one_edit_apart("roux", "rux"));
        assert!(one_edit_apart("lea", "les"));
        assert!(!one_edit_apart("lea", "jean"));
        assert!(!one_edit_apart("ab", "ba"));
        assert!(one_digit_apart(b"19840302", b"19840303"));
        assert!(one_digit_apart(b"2000", b"2001"));
        assert!(one_digit_apart(b"12", b"21"));
        assert!(!one_digit_apart(b"12", b"12"));
        assert!(!one_digit_apart(b"1234", b"4321"));
        assert!(gendered_pair("paul", "paula"));
        assert!(gendered_pair("daniel", "danielle"));
        assert!(gendered_pair("mario", "maria"));
        assert!(!gendered_pair("maria", "marie"));
        assert!(!gendered_pair("jon", "john"));
        assert!(!gendered_pair("priy", "priya"));
        assert!(!gendered_pair("olivi", "olivia"));
    }
}
