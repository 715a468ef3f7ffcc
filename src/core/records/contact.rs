//! A person: names, emails, phones, addresses, where they are in the
//! lifecycle, and the dates and cadence that keep a relationship going.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Address, LifecycleStage, StageChange, YearlyDate};

/// What an email address is used for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailKind {
    #[default]
    Work,
    Personal,
    Other,
}

/// What a phone number is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhoneKind {
    #[default]
    Mobile,
    Work,
    Home,
    Other,
}
kind_names!(EmailKind { Work => "work", "Work"; Personal => "personal", "Personal"; Other => "other", "Other" });
kind_names!(PhoneKind { Mobile => "mobile", "Mobile"; Work => "work", "Work"; Home => "home", "Home"; Other => "other", "Other" });

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    #[serde(default)]
    pub kind: EmailKind,
    pub address: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone {
    #[serde(default)]
    pub kind: PhoneKind,
    pub number: String,
}

/// A person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// A UUID in its lower-case hyphenated text form.
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub given_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub family_name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<Email>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Phone>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub job_title: String,
    /// The id of a [`Company`], if the person works for one we know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<String>,
    #[serde(default)]
    pub lifecycle_stage: LifecycleStage,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// `YYYY-MM-DD`, or `--MM-DD` when the year is not known (format 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<YearlyDate>,
    /// Where the contact came from ("Website", "Referral", an import's name...).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// RFC 3339 in UTC.
    pub created: DateTime<Utc>,
    /// RFC 3339 in UTC; the newer record wins in a merge.
    pub updated: DateTime<Utc>,
    /// Where a lead stands while the contact is in acquisition (schema 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_status: Option<LeadStatus>,
    /// Every lifecycle stage change, oldest first (schema 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stage_history: Vec<StageChange>,
    /// Anniversaries and other dates that come back every year (schema 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub important_dates: Vec<ImportantDate>,
    /// "Keep in touch every N days" (schema 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence_days: Option<u32>,
    /// The team member who looks after this contact (schema 3).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// What the person is called ("Bob"), beside their names (format 3).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub nickname: String,
    /// "Dr.", "Frau", "Sir" (format 3).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_prefix: String,
    /// "Jr.", "PhD", "III" (format 3).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_suffix: String,
    /// The department at their company ("Research") (format 3).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub department: String,
}

impl Contact {
    /// An empty contact with the given id and time, for forms.
    pub fn blank(id: String, now: DateTime<Utc>) -> Contact {
        Contact {
            id,
            given_name: String::new(),
            family_name: String::new(),
            emails: Vec::new(),
            phones: Vec::new(),
            addresses: Vec::new(),
            job_title: String::new(),
            company_id: None,
            lifecycle_stage: LifecycleStage::default(),
            tags: Vec::new(),
            birthday: None,
            source: String::new(),
            notes: String::new(),
            created: now,
            updated: now,
            lead_status: None,
            stage_history: Vec::new(),
            important_dates: Vec::new(),
            cadence_days: None,
            owner: String::new(),
            nickname: String::new(),
            name_prefix: String::new(),
            name_suffix: String::new(),
            department: String::new(),
        }
    }

    /// The name to show: "Given Family", else the first email, else "(no name)".
    pub fn display_name(&self) -> String {
        let name = match (self.given_name.is_empty(), self.family_name.is_empty()) {
            (false, false) => format!("{} {}", self.given_name, self.family_name),
            (false, true) => self.given_name.clone(),
            (true, false) => self.family_name.clone(),
            (true, true) => String::new(),
        };
        if !name.is_empty() {
            name
        } else if let Some(e) = self.emails.first() {
            e.address.clone()
        } else {
            "(no name)".to_string()
        }
    }

    pub fn primary_email(&self) -> Option<&str> {
        self.emails.first().map(|e| e.address.as_str())
    }

    pub fn primary_phone(&self) -> Option<&str> {
        self.phones.first().map(|p| p.number.as_str())
    }
}

/// Where a lead stands while its contact is in acquisition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadStatus {
    New,
    AttemptingContact,
    Qualified,
    Unqualified,
}
kind_names!(LeadStatus {
    New => "new", "New";
    AttemptingContact => "attempting_contact", "Attempting contact";
    Qualified => "qualified", "Qualified";
    Unqualified => "unqualified", "Unqualified"
});

/// A date that comes back every year ("Work anniversary", "Wedding"), with
/// or without its year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportantDate {
    pub label: String,
    pub date: YearlyDate,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn empty_fields_are_left_out_and_come_back() {
        let t = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let mut c = Contact::blank("0b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b".into(), t);
        c.given_name = "Zoë".into();
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"id":"0b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b","given_name":"Zoë","lifecycle_stage":"reach","created":"2026-01-02T03:04:05Z","updated":"2026-01-02T03:04:05Z"}"#
        );
        let back: Contact = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn display_name_falls_back_to_email() {
        let t = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let mut c = Contact::blank("x".into(), t);
        assert_eq!(c.display_name(), "(no name)");
        c.emails.push(Email { kind: EmailKind::Work, address: "a@b.co".into() });
        assert_eq!(c.display_name(), "a@b.co");
        c.family_name = "Roe".into();
        assert_eq!(c.display_name(), "Roe");
    }
}
