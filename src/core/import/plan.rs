//! What every import preview shares: the classes a row falls into (create,
//! update, duplicate, invalid), the choice people make per class and per
//! row, the field-level differences an update shows, and the counts of what
//! an import writes. Contacts ([`super::contacts_plan`]), companies
//! ([`super::companies`]) and deals ([`super::deals`]) each classify rows
//! their own way into these classes.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::core::display::Locale;
use crate::core::i18n;

/// Why the preview says something about a row. Rows can be listed by
/// reason, and a choice applied to every row with one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// Nothing identifies the contact: the row is invalid.
    NoNameOrEmail,
    /// A birthday or date without a year, stored as a day and month.
    YearlessDate,
    UnreadableDate,
    /// 3/7/1984: the file does not say which is the day.
    AmbiguousDate,
    /// A birthday before 1900 or in the future.
    ImplausibleBirthday,
    /// Kept as written in the country.
    UnknownCountry,
    /// A whole address that could not be split, kept as its street.
    AddressAsWritten,
    UnreadableEmail,
    UnreadablePhone,
    /// A type or label the app has no kind for ("Google Voice").
    UnknownType,
    UnknownStage,
    LongTag,
    /// A name, title, company or address part longer than its field may be,
    /// or notes (with the imported extras) longer than a contact's notes may be.
    TooLong,
    /// A vCard cut off, or a line of it that is not a property.
    DamagedCard,
}

impl Reason {
    pub const ALL: [Reason; 14] = [
        Reason::NoNameOrEmail,
        Reason::YearlessDate,
        Reason::UnreadableDate,
        Reason::AmbiguousDate,
        Reason::ImplausibleBirthday,
        Reason::UnknownCountry,
        Reason::AddressAsWritten,
        Reason::UnreadableEmail,
        Reason::UnreadablePhone,
        Reason::UnknownType,
        Reason::UnknownStage,
        Reason::LongTag,
        Reason::TooLong,
        Reason::DamagedCard,
    ];

    /// What people filter by.
    pub fn label(self) -> &'static str {
        match self {
            Reason::NoNameOrEmail => "No name or email address",
            Reason::YearlessDate => "Date without a year",
            Reason::UnreadableDate => "Unreadable date",
            Reason::AmbiguousDate => "Day and month order unknown",
            Reason::ImplausibleBirthday => "Birthday before 1900 or in the future",
            Reason::UnknownCountry => "Unknown country",
            Reason::AddressAsWritten => "Address kept as written",
            Reason::UnreadableEmail => "Not an email address",
            Reason::UnreadablePhone => "Not a phone number",
            Reason::UnknownType => "Unknown type or label",
            Reason::UnknownStage => "Unknown lifecycle stage",
            Reason::LongTag => "Tag too long",
            Reason::TooLong => "Too long for its field",
            Reason::DamagedCard => "Damaged vCard",
        }
    }

    /// A stable name for selects.
    pub fn key(self) -> &'static str {
        match self {
            Reason::NoNameOrEmail => "no-name",
            Reason::YearlessDate => "yearless-date",
            Reason::UnreadableDate => "unreadable-date",
            Reason::AmbiguousDate => "ambiguous-date",
            Reason::ImplausibleBirthday => "implausible-birthday",
            Reason::UnknownCountry => "unknown-country",
            Reason::AddressAsWritten => "address-as-written",
            Reason::UnreadableEmail => "unreadable-email",
            Reason::UnreadablePhone => "unreadable-phone",
            Reason::UnknownType => "unknown-type",
            Reason::UnknownStage => "unknown-stage",
            Reason::LongTag => "long-tag",
            Reason::TooLong => "too-long",
            Reason::DamagedCard => "damaged-card",
        }
    }

    pub fn from_key(key: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.key() == key)
    }

    /// [`Reason::label`] in `locale`: the catalogue's `import.reason.<key>`.
    pub fn name(self, locale: Locale) -> &'static str {
        i18n::lookup(locale, &format!("import.reason.{}", self.key())).unwrap_or(self.label())
    }
}

/// Something the preview says about one value of a row (or the row), with
/// the reason and, for a CSV cell, its column (from 0) so it can be fixed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowNote {
    pub reason: Reason,
    pub column: Option<usize>,
    /// A sentence saying what was found and what happens to it.
    pub message: crate::core::i18n::Message,
}

/// One field an update changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDiff {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

impl FieldDiff {
    /// The field's name in `locale`: the catalogue's `import.field.<name>`
    /// (the English name in lower case, spaces as `_`), else the English.
    pub fn name(&self, locale: Locale) -> &'static str {
        let key = format!("import.field.{}", self.field.to_lowercase().replace(' ', "_"));
        i18n::lookup(locale, &key).unwrap_or(self.field)
    }
}

/// What an earlier record a duplicate row repeats.
#[derive(Clone, Debug, PartialEq)]
pub enum DuplicateOf {
    /// An existing contact, with the detection score (0..1).
    Existing { id: String, score: f64 },
    /// An earlier row of the file, by its row number.
    Row(usize),
}

/// How a row would be imported.
#[derive(Clone, Debug, PartialEq)]
pub enum RowClass {
    Create,
    /// The row's email is an existing contact's; `diff` is what merging it changes.
    Update {
        id: String,
        diff: Vec<FieldDiff>,
    },
    Duplicate(DuplicateOf),
    /// `column` counts from 0; `None` when the row as a whole is the problem.
    Invalid {
        column: Option<usize>,
        reason: String,
    },
}

/// The four classes, for counts and choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClassKind {
    Create,
    Update,
    Duplicate,
    Invalid,
}

impl ClassKind {
    pub const ALL: [ClassKind; 4] = [ClassKind::Create, ClassKind::Update, ClassKind::Duplicate, ClassKind::Invalid];

    pub fn label(self) -> &'static str {
        match self {
            ClassKind::Create => "New contacts",
            ClassKind::Update => "Matches of existing contacts",
            ClassKind::Duplicate => "Probable duplicates",
            ClassKind::Invalid => "Invalid rows",
        }
    }

    /// A stable name: the catalogue's `import.class.<key>` holds the label
    /// of a contacts file's class in every language.
    pub fn key(self) -> &'static str {
        match self {
            ClassKind::Create => "create",
            ClassKind::Update => "update",
            ClassKind::Duplicate => "duplicate",
            ClassKind::Invalid => "invalid",
        }
    }

    /// [`ClassKind::label`] in `locale`.
    pub fn name(self, locale: Locale) -> &'static str {
        i18n::lookup(locale, &format!("import.class.{}", self.key())).unwrap_or(self.label())
    }

    /// What the user may do with the rows of this class; the first is the default.
    pub fn choices(self) -> &'static [Choice] {
        match self {
            ClassKind::Create => &[Choice::Create, Choice::Skip],
            ClassKind::Update => &[Choice::Update, Choice::Create, Choice::Skip],
            ClassKind::Duplicate => &[Choice::Skip, Choice::Create, Choice::Update],
            // A contact needs a name or an email: such a row is fixed in the preview, or skipped.
            ClassKind::Invalid => &[Choice::Skip],
        }
    }
}

impl RowClass {
    pub fn kind(&self) -> ClassKind {
        match self {
            RowClass::Create => ClassKind::Create,
            RowClass::Update { .. } => ClassKind::Update,
            RowClass::Duplicate(_) => ClassKind::Duplicate,
            RowClass::Invalid { .. } => ClassKind::Invalid,
        }
    }
}

/// What to do with the rows of a class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Add as a new contact.
    Create,
    /// Merge into the existing contact it matches (rows without one are skipped).
    Update,
    Skip,
}

impl Choice {
    pub fn key(self) -> &'static str {
        match self {
            Choice::Create => "create",
            Choice::Update => "update",
            Choice::Skip => "skip",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Choice::Create => "Create new contacts",
            Choice::Update => "Update the existing contacts",
            Choice::Skip => "Skip",
        }
    }

    /// [`Choice::label`] in `locale`: the catalogue's `import.choice.<key>`.
    pub fn name(self, locale: Locale) -> &'static str {
        i18n::lookup(locale, &format!("import.choice.{}", self.key())).unwrap_or(self.label())
    }

    pub fn from_key(key: &str) -> Choice {
        match key {
            "create" => Choice::Create,
            "update" => Choice::Update,
            _ => Choice::Skip,
        }
    }
}

/// The user's choice per class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choices {
    pub create: Choice,
    pub update: Choice,
    pub duplicate: Choice,
    pub invalid: Choice,
}

impl Default for Choices {
    fn default() -> Self {
        Choices { create: Choice::Create, update: Choice::Update, duplicate: Choice::Skip, invalid: Choice::Skip }
    }
}

impl Choices {
    pub fn get(&self, kind: ClassKind) -> Choice {
        match kind {
            ClassKind::Create => self.create,
            ClassKind::Update => self.update,
            ClassKind::Duplicate => self.duplicate,
            ClassKind::Invalid => self.invalid,
        }
    }

    pub fn set(&mut self, kind: ClassKind, choice: Choice) {
        match kind {
            ClassKind::Create => self.create = choice,
            ClassKind::Update => self.update = choice,
            ClassKind::Duplicate => self.duplicate = choice,
            ClassKind::Invalid => self.invalid = choice,
        }
    }
}

/// What an import writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub created: usize,
    pub updated: usize,
    pub companies: usize,
}

/// The fields that differ between two versions of a record, for people:
/// each [`field`](Diff::field) call adds one when its texts differ.
#[derive(Debug, Default)]
pub struct Diff(Vec<FieldDiff>);

impl Diff {
    pub fn field(&mut self, field: &'static str, before: String, after: String) {
        if before != after {
            self.0.push(FieldDiff { field, before, after });
        }
    }

    pub fn finish(self) -> Vec<FieldDiff> {
        self.0
    }
}

/// Appends the tags of `incoming` that `tags` does not have yet (compared
/// case-insensitively), in their order: an update adds tags, never removes.
pub fn add_missing_tags(tags: &mut Vec<String>, incoming: &[String]) {
    for t in incoming {
        if !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            tags.push(t.clone());
        }
    }
}

/// Cells a person fixed in the preview: (row index in the file, column from
/// 0) → the new text.
pub type CellFixes = HashMap<(usize, usize), String>;

/// The cells of the file's row `row` with the person's fixes in place (a fix
/// beyond the row's last cell extends it with empty cells); borrowed when
/// the row has none. The row is then mapped and classified again.
pub fn fixed_cells<'a>(cells: &'a [String], row: usize, fixes: &CellFixes) -> Cow<'a, [String]> {
    if !fixes.keys().any(|&(r, _)| r == row) {
        return Cow::Borrowed(cells);
    }
    let mut fixed = cells.to_vec();
    for (&(_, column), value) in fixes.iter().filter(|((r, _), _)| *r == row) {
        if fixed.len() <= column {
            fixed.resize(column + 1, String::new());
        }
        fixed[column] = value.clone();
    }
    Cow::Owned(fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_classes_and_choices_have_a_name_in_every_language() {
        for l in Locale::ALL {
            for r in Reason::ALL {
                assert!(i18n::lookup(l, &format!("import.reason.{}", r.key())).is_some(), "import.reason.{}", r.key());
            }
            for k in ClassKind::ALL {
                assert!(i18n::lookup(l, &format!("import.class.{}", k.key())).is_some(), "import.class.{}", k.key());
            }
            for c in [Choice::Create, Choice::Update, Choice::Skip] {
                assert!(i18n::lookup(l, &format!("import.choice.{}", c.key())).is_some(), "import.choice.{}", c.key());
            }
        }
        assert_eq!(Reason::YearlessDate.name(Locale::En), Reason::YearlessDate.label());
        assert_eq!(ClassKind::Invalid.name(Locale::En), ClassKind::Invalid.label());
        assert_eq!(Choice::Skip.name(Locale::De), "Überspringen");
        let fields = [
            "First name",
            "Last name",
            "Emails",
            "Phones",
            "Addresses",
            "Nickname",
            "Job title",
            "Department",
            "Company",
            "Birthday",
            "Important dates",
            "Tags",
            "Notes",
            "Source",
            "Owner",
            "Size",
            "Industry",
            "Domain",
            "City",
            "Amount",
            "Contacts",
            "Expected close",
        ];
        for field in fields {
            let d = FieldDiff { field, before: String::new(), after: String::new() };
            assert_eq!(d.name(Locale::En), field);
            assert_ne!(d.name(Locale::De), "", "{field}");
            assert!(
                i18n::lookup(Locale::Es, &format!("import.field.{}", field.to_lowercase().replace(' ', "_"))).is_some(),
                "{field}"
            );
        }
    }

    #[test]
    fn a_diff_lists_only_fields_that_changed_in_call_order() {
        let mut d = Diff::default();
        d.field("Owner", "sam".into(), "sam".into());
        d.field("Tags", "a".into(), "a, b".into());
        d.field("Notes", String::new(), "new".into());
        assert_eq!(
            d.finish(),
            [
                FieldDiff { field: "Tags", before: "a".into(), after: "a, b".into() },
                FieldDiff { field: "Notes", before: String::new(), after: "new".into() },
            ]
        );
    }

    #[test]
    fn fixes_replace_their_cells_and_extend_short_rows() {
        let cells = vec!["Ada".to_string(), "not an email".to_string()];
        let mut fixes = CellFixes::new();
        assert!(matches!(fixed_cells(&cells, 0, &fixes), Cow::Borrowed(_)));
        fixes.insert((0, 1), "ada@example.com".into());
        fixes.insert((0, 3), "+44 20 7946 0958".into());
        fixes.insert((1, 0), "Other row".into());
        assert_eq!(fixed_cells(&cells, 0, &fixes).as_ref(), ["Ada", "ada@example.com", "", "+44 20 7946 0958"]);
        assert_eq!(fixed_cells(&cells, 1, &fixes).as_ref(), ["Other row", "not an email"]);
        assert!(matches!(fixed_cells(&cells, 2, &fixes), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_are_added_once_whatever_their_case() {
        let mut tags = vec!["VIP".to_string(), "board".to_string()];
        add_missing_tags(&mut tags, &["vip".into(), "Newsletter".into(), "BOARD".into(), "newsletter".into()]);
        assert_eq!(tags, ["VIP", "board", "Newsletter"]);
    }
}
