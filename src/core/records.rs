//! Sales and relationship records (schema 3): deals, activities, tasks, and
//! the one settings record (pipeline stages, tag colours, what winning does).
//!
//! Like [`super::model`], these types are a storage and backup boundary:
//! their serde form is documented in `docs/backup-format.md`; empty values are
//! left out when written and default when read.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::model::{kind_names, LifecycleStage};

/// Whether a deal is still being worked on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DealStatus {
    #[default]
    Open,
    Won,
    Lost,
}
kind_names!(DealStatus { Open => "open", "Open"; Won => "won", "Won"; Lost => "lost", "Lost" });

/// A sales opportunity moving through the pipeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deal {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contact_ids: Vec<String>,
    /// In hundredths of the currency unit (cents), whatever the currency.
    #[serde(default)]
    pub amount_cents: i64,
    /// ISO 4217 code, upper case ("EUR").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub currency: String,
    /// The id of a [`PipelineStage`] in the settings.
    pub stage: String,
    /// Chance of winning, 0–100; starts as the stage's default.
    #[serde(default)]
    pub probability: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_close: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default)]
    pub status: DealStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lost_reason: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    /// When it was won or lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<DateTime<Utc>>,
}

impl Deal {
    pub fn blank(id: String, stage: &PipelineStage, currency: &str, now: DateTime<Utc>) -> Deal {
        Deal {
            id,
            title: String::new(),
            company_id: None,
            contact_ids: Vec::new(),
            amount_cents: 0,
            currency: currency.to_string(),
            stage: stage.id.clone(),
            probability: stage.probability,
            expected_close: None,
            owner: String::new(),
            status: DealStatus::Open,
            lost_reason: String::new(),
            tags: Vec::new(),
            notes: String::new(),
            created: now,
            updated: now,
            closed: None,
        }
    }
}

/// What kind of interaction an activity records.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    #[default]
    Call,
    Email,
    Meeting,
    Note,
}
kind_names!(ActivityKind { Call => "call", "Call"; Email => "email", "Email"; Meeting => "meeting", "Meeting"; Note => "note", "Note" });

impl ActivityKind {
    /// Whether a duration makes sense for this kind.
    pub fn has_duration(self) -> bool {
        matches!(self, ActivityKind::Call | ActivityKind::Meeting)
    }

    /// Outcomes offered in forms; any text is accepted.
    pub fn outcomes(self) -> &'static [&'static str] {
        match self {
            ActivityKind::Call => &["Connected", "Left voicemail", "No answer", "Busy", "Wrong number"],
            ActivityKind::Email => &["Sent", "Replied", "Bounced"],
            ActivityKind::Meeting => &["Completed", "Rescheduled", "No-show", "Cancelled"],
            ActivityKind::Note => &[],
        }
    }
}

/// A call, email, meeting or note: one interaction, linked to the people,
/// company and deal it concerns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub id: String,
    pub kind: ActivityKind,
    /// When it happened (or is planned).
    pub at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_min: Option<u32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub outcome: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subject: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contact_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deal_id: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

impl Activity {
    pub fn blank(id: String, kind: ActivityKind, now: DateTime<Utc>) -> Activity {
        Activity {
            id,
            kind,
            at: now,
            duration_min: None,
            outcome: String::new(),
            subject: String::new(),
            body: String::new(),
            contact_ids: Vec::new(),
            company_id: None,
            deal_id: None,
            owner: String::new(),
            created: now,
            updated: now,
        }
    }

    /// Whether the activity concerns the given contact, company or deal.
    pub fn links_to(&self, id: &str) -> bool {
        self.contact_ids.iter().any(|c| c == id)
            || self.company_id.as_deref() == Some(id)
            || self.deal_id.as_deref() == Some(id)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    #[default]
    Normal,
    High,
}
kind_names!(Priority { Low => "low", "Low"; Normal => "normal", "Normal"; High => "high", "High" });

/// Something to do, optionally by a date, optionally about a contact,
/// company or deal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub priority: Priority,
    /// When it was marked done; absent while open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deal_id: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

impl Task {
    pub fn blank(id: String, now: DateTime<Utc>) -> Task {
        Task {
            id,
            title: String::new(),
            due: None,
            priority: Priority::Normal,
            done_at: None,
            contact_id: None,
            company_id: None,
            deal_id: None,
            owner: String::new(),
            notes: String::new(),
            created: now,
            updated: now,
        }
    }

    pub fn is_done(&self) -> bool {
        self.done_at.is_some()
    }
}

/// One column of the pipeline board.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PipelineStage {
    /// Stable id stored in deals; renaming a stage keeps it.
    pub id: String,
    pub name: String,
    /// Default chance of winning for deals entering this stage, 0–100.
    pub probability: u8,
}

/// A tag and its colour. Tags on records are plain names; a name without an
/// entry here shows in the default colour.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagColour {
    pub name: String,
    /// One of [`TAG_COLOURS`].
    pub colour: String,
}

/// The palette tags choose from: names, so themes can give each a light and
/// a dark shade with enough contrast.
pub const TAG_COLOURS: [&str; 8] = ["grey", "red", "orange", "yellow", "green", "teal", "blue", "purple"];

impl Default for Settings {
    fn default() -> Settings {
        Settings::initial(DateTime::UNIX_EPOCH)
    }
}

/// The one settings record: everything a user configures that is data (and
/// so travels in backups and syncs between tabs).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Board columns, in order. Never empty.
    pub pipeline: Vec<PipelineStage>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<TagColour>,
    /// The lifecycle stage a deal's contacts and company move to when it is
    /// won (conversion or retention).
    pub won_stage: LifecycleStage,
    /// Currency of new deals.
    pub currency: String,
    /// Country assumed for phone numbers typed without one (ISO alpha-2).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub default_country: String,
    /// Pairs of contact ids marked "not a duplicate", each pair sorted and
    /// the list sorted, so a duplicate scan never suggests them again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_duplicates: Vec<(String, String)>,
    /// Duplicate-detection thresholds in percent, (probable, possible):
    /// pairs scoring at least `probable` are probable duplicates, at least
    /// `possible` possible ones. `None` (and data written before this field
    /// existed) keeps the defaults, 90 and 50.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_thresholds: Option<(u8, u8)>,
    /// Where duplicate detection's weights come from: learned from the
    /// contacts (`None`, and data written before this field existed) or the
    /// hand-set values ("Reset" on the Settings page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_weights: Option<DuplicateWeights>,
    pub updated: DateTime<Utc>,
}

/// The source of duplicate detection's weights (see `core::dedupe::em`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateWeights {
    /// Learned from the contacts on every scan, starting from the hand-set values.
    Learned,
    /// The hand-set values only.
    HandSet,
}

impl Settings {
    /// What a new database starts with: a sales pipeline like Pipedrive's.
    pub fn initial(now: DateTime<Utc>) -> Settings {
        let stage = |id: &str, name: &str, probability| PipelineStage { id: id.into(), name: name.into(), probability };
        Settings {
            pipeline: vec![
                stage("qualified", "Qualified", 10),
                stage("contact_made", "Contact made", 20),
                stage("demo", "Demo scheduled", 40),
                stage("proposal", "Proposal made", 60),
                stage("negotiation", "Negotiation", 80),
            ],
            tags: Vec::new(),
            won_stage: LifecycleStage::Conversion,
            currency: "EUR".into(),
            default_country: String::new(),
            not_duplicates: Vec::new(),
            duplicate_thresholds: None,
            duplicate_weights: None,
            updated: now,
        }
    }

    pub fn stage(&self, id: &str) -> Option<&PipelineStage> {
        self.pipeline.iter().find(|s| s.id == id)
    }

    /// These settings with the pair `a`, `b` marked "not a duplicate" (kept
    /// sorted, each pair once) and `updated` set to `now`.
    pub fn with_not_duplicate(&self, a: &str, b: &str, now: DateTime<Utc>) -> Settings {
        let pair = if a <= b { (a.to_string(), b.to_string()) } else { (b.to_string(), a.to_string()) };
        let mut next = self.clone();
        if let Err(at) = next.not_duplicates.binary_search(&pair) {
            next.not_duplicates.insert(at, pair);
        }
        next.updated = now;
        next
    }

    /// The colour name of a tag, "grey" when it has none.
    pub fn tag_colour(&self, tag: &str) -> &str {
        self.tags.iter().find(|t| t.name == tag).map_or("grey", |t| t.colour.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn deal_serde_leaves_out_empty_fields() {
        let t = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let s = Settings::initial(t);
        let mut d = Deal::blank("d1".into(), &s.pipeline[2], "EUR", t);
        d.title = "Roof".into();
        d.amount_cents = 125_000;
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(
            json,
            r#"{"id":"d1","title":"Roof","amount_cents":125000,"currency":"EUR","stage":"demo","probability":40,"status":"open","created":"2026-03-01T09:00:00Z","updated":"2026-03-01T09:00:00Z"}"#
        );
        assert_eq!(serde_json::from_str::<Deal>(&json).unwrap(), d);
    }

    #[test]
    fn tag_colour_defaults_to_grey() {
        let t = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let mut s = Settings::initial(t);
        s.tags.push(TagColour { name: "vip".into(), colour: "purple".into() });
        assert_eq!(s.tag_colour("vip"), "purple");
        assert_eq!(s.tag_colour("other"), "grey");
    }

    #[test]
    fn not_duplicates_are_sorted_once_and_left_out_when_empty() {
        let t = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let later = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let s = Settings::initial(t);
        assert!(!serde_json::to_string(&s).unwrap().contains("not_duplicates"));
        let s = s
            .with_not_duplicate("b", "a", later)
            .with_not_duplicate("a", "b", later)
            .with_not_duplicate("c", "a", later);
        assert_eq!(s.not_duplicates, [("a".to_string(), "b".to_string()), ("a".to_string(), "c".to_string())]);
        assert_eq!(s.updated, later);
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.contains(r#""not_duplicates":[["a","b"],["a","c"]]"#));
        assert_eq!(serde_json::from_str::<Settings>(&json).unwrap(), s);
    }

    #[test]
    fn activity_links() {
        let t = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let mut a = Activity::blank("a".into(), ActivityKind::Call, t);
        a.contact_ids = vec!["c1".into()];
        a.deal_id = Some("d1".into());
        assert!(a.links_to("c1") && a.links_to("d1") && !a.links_to("x"));
    }
}
