//! A sales opportunity moving through the pipeline.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::PipelineStage;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::records::Settings;
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
}
