//! A call, email, meeting or note.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn activity_links() {
        let t = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let mut a = Activity::blank("a".into(), ActivityKind::Call, t);
        a.contact_ids = vec!["c1".into()];
        a.deal_id = Some("d1".into());
        assert!(a.links_to("c1") && a.links_to("d1") && !a.links_to("x"));
    }
}
