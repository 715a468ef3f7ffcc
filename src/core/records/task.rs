//! Something to do.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

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
