//! The one settings record: pipeline stages, tag colours, what winning a
//! deal does, the currency, and the duplicate-detection choices.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::LifecycleStage;

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
}
