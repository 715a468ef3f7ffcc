//! A sentence core says to a person, kept as a catalogue key and its named
//! values, so that core need not choose a language: the UI renders it in
//! the person's locale, files and tests in English ([`Message::english`]).
//!
//! A value is plain text (a quoted cell, a header from the file, a number),
//! another message (a reason inside a sentence, a field's name) or a date
//! written the locale's way.

use std::fmt;

use super::{fill, Locale};
use crate::core::records::YearlyDate;

/// A value of a [`Message`]'s placeholder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// Text shown as it is, in every language.
    Text(String),
    /// A message rendered in the same locale.
    Message(Message),
    /// A date without or with its year, written the locale's way.
    YearlyDate(YearlyDate),
}

/// A catalogue key with its placeholders' values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// The message of `key`, with no values yet.
    pub fn new(key: &'static str) -> Self {
        Message { key, args: Vec::new() }
    }

    /// Sets placeholder `name` to plain text.
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, Arg::Text(value.into())));
        self
    }

    /// Sets placeholder `name` to another message.
    pub fn with_message(mut self, name: &'static str, value: Message) -> Self {
        self.args.push((name, Arg::Message(value)));
        self
    }

    /// Sets placeholder `name` to a date.
    pub fn with_date(mut self, name: &'static str, value: YearlyDate) -> Self {
        self.args.push((name, Arg::YearlyDate(value)));
        self
    }

    /// The message in `locale`.
    pub fn render(&self, locale: Locale) -> String {
        let values: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Text(t) => t.clone(),
                    Arg::Message(m) => m.render(locale),
                    Arg::YearlyDate(d) => crate::core::display::time::yearly_date(locale, *d),
                };
                (*name, value)
            })
            .collect();
        let refs: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        fill(locale, self.key, &refs)
    }

    /// The message in English: for files, logs and tests.
    pub fn english(&self) -> String {
        self.render(Locale::En)
    }

    /// Whether the message or a message inside it has `key`.
    pub fn has_key(&self, key: &str) -> bool {
        self.key == key || self.args.iter().any(|(_, a)| matches!(a, Arg::Message(m) if m.has_key(key)))
    }
}

/// Shows the English text.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_nested_messages_and_dates_in_the_locale() {
        let why = Message::new("import.note.not_real_date").with("value", "\"31/02\"");
        let m = Message::new("import.note.unreadable").with("label", "Birthday").with_message("why", why);
        assert_eq!(m.english(), "Birthday: \"31/02\" is not a real date; it is kept in the imported extras");
        assert!(
            m.render(Locale::De).starts_with("Birthday: \"31/02\" ist kein gültiges Datum;"),
            "{}",
            m.render(Locale::De)
        );
        assert!(m.has_key("import.note.not_real_date"));
        let date = YearlyDate::without_year(3, 7).unwrap();
        let m = Message::new("import.note.card_birthday_yearless").with_date("date", date);
        assert_eq!(m.to_string(), "The birthday has no year; it is stored as 7 March");
        assert!(m.render(Locale::Fr).contains("7 mars"), "{}", m.render(Locale::Fr));
    }
}
