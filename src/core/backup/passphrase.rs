//! Choosing a passphrase for an encrypted backup: the rules a new one must
//! meet (at least [`MIN_CHARS`] characters, typed twice the same) and a
//! strength hint while it is typed.
//!
//! The hint is a rough estimate, not a promise: the bits of a random string
//! of the same length over the character classes used, with repeated and
//! consecutive characters counted at half and a short list of the most
//! common passwords refused as weak. Four or more words of three letters or
//! more count as strong, as a diceware phrase would. PBKDF2's 600,000
//! iterations make each guess slow, but only the passphrase keeps the file
//! private, and nobody can open it without it (the app keeps no copy).

/// A new passphrase has at least this many characters.
pub const MIN_CHARS: usize = 8;

/// How hard a passphrase would be to guess.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    TooShort,
    Weak,
    Fair,
    Strong,
}

impl Strength {
    /// "Weak", for the hint's first word.
    pub fn label(self) -> &'static str {
        match self {
            Strength::TooShort => "Too short",
            Strength::Weak => "Weak",
            Strength::Fair => "Fair",
            Strength::Strong => "Strong",
        }
    }

    /// One sentence for the person choosing.
    pub fn hint(self) -> &'static str {
        match self {
            Strength::TooShort => "Too short: use at least 8 characters.",
            Strength::Weak => {
                "Weak: someone who gets the file could guess it. Use four or more unrelated words, or a longer mix of letters, digits and signs."
            }
            Strength::Fair => "Fair: a word or a few characters more would make it strong.",
            Strength::Strong => "Strong.",
        }
    }
}

/// Passwords tried first by anyone guessing (lower case, digits and signs
/// removed from the end before comparing).
const COMMON: &[&str] = &[
    "password",
    "passwort",
    "motdepasse",
    "qwerty",
    "qwertz",
    "azerty",
    "letmein",
    "welcome",
    "admin",
    "iloveyou",
    "monkey",
    "dragon",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "master",
    "secret",
    "abc",
    "abcdef",
    "abcdefgh",
    "trustno",
    "changeme",
    "backup",
    "crm",
];

/// Estimates how hard `passphrase` would be to guess.
pub fn strength(passphrase: &str) -> Strength {
    let chars: Vec<char> = passphrase.chars().collect();
    if chars.len() < MIN_CHARS {
        return Strength::TooShort;
    }
    let words = passphrase.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 3).count();
    if words >= 4 {
        return Strength::Strong;
    }
    let stem: String = passphrase
        .to_lowercase()
        .trim_end_matches(|c: char| !c.is_alphabetic())
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .to_string();
    if stem.is_empty() || COMMON.contains(&stem.as_str()) {
        return Strength::Weak;
    }
    let has = |f: fn(&char) -> bool| chars.iter().any(f);
    let mut pool = 0u32;
    if has(char::is_ascii_lowercase) {
        pool += 26;
    }
    if has(char::is_ascii_uppercase) {
        pool += 26;
    }
    if has(char::is_ascii_digit) {
        pool += 10;
    }
    if has(|c| c.is_ascii() && !c.is_ascii_alphanumeric()) {
        pool += 33;
    }
    if has(|c| !c.is_ascii()) {
        pool += 100;
    }
    // Repeats ("aaaa") and runs ("1234", "abcd") add little.
    let effective: f64 = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| match i.checked_sub(1).map(|j| chars[j]) {
            Some(p) if p == c || (p as u32) + 1 == c as u32 || (c as u32) + 1 == p as u32 => 0.5,
            _ => 1.0,
        })
        .sum();
    let bits = effective * f64::from(pool.max(1)).log2();
    if bits < 55.0 {
        Strength::Weak
    } else if bits < 80.0 {
        Strength::Fair
    } else {
        Strength::Strong
    }
}

/// Checks a new passphrase and its repetition. The error names the field
/// it is about (`passphrase` or `repeat`) and says what to do.
pub fn check_new_passphrase(passphrase: &str, repeat: &str) -> Result<(), (&'static str, String)> {
    if passphrase.chars().count() < MIN_CHARS {
        return Err(("passphrase", format!("Use at least {MIN_CHARS} characters")));
    }
    if passphrase != repeat {
        return Err(("repeat", "The two passphrases differ; type the same one twice".to_string()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strength_follows_length_variety_and_common_words() {
        assert_eq!(strength(""), Strength::TooShort);
        assert_eq!(strength("abc1234"), Strength::TooShort);
        assert_eq!(strength("password1"), Strength::Weak);
        assert_eq!(strength("Password!!"), Strength::Weak);
        assert_eq!(strength("aaaaaaaaaa"), Strength::Weak);
        assert_eq!(strength("12345678"), Strength::Weak);
        assert_eq!(strength("sunflower7"), Strength::Weak);
        assert_eq!(strength("Sunflower-7x"), Strength::Fair);
        assert_eq!(strength("Tr0ub4dor&3-Xq!zv"), Strength::Strong);
        assert_eq!(strength("correct horse battery staple"), Strength::Strong);
        assert_eq!(strength("Grüße aus Köln 2026"), Strength::Strong);
        assert!(Strength::Weak < Strength::Fair && Strength::Fair < Strength::Strong);
        assert!(Strength::Weak.hint().starts_with(Strength::Weak.label()));
    }

    #[test]
    fn a_new_passphrase_is_long_enough_and_typed_twice() {
        assert_eq!(check_new_passphrase("short", "short").unwrap_err().0, "passphrase");
        assert_eq!(check_new_passphrase("long enough", "long enougj").unwrap_err().0, "repeat");
        assert_eq!(check_new_passphrase("long enough", "long enough"), Ok(()));
        // Characters, not bytes: eight accented letters are enough.
        assert_eq!(check_new_passphrase("éééééééé", "éééééééé"), Ok(()));
    }
}
